package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link PolicyRequest}, with everything needed to explain it. Every list is in a
 * deterministic order: reasons DENY first then by rule id; codes, responsibilities in vocabulary
 * order; obligations and advice by rule id.
 *
 * @param outcome what was decided; only {@link Outcome#PERMIT} allows the action
 * @param channelType the channel type the rule set classified the channel as; {@code null} only when
 *     the outcome is {@link Outcome#INDETERMINATE}
 * @param codes ids of every code of conduct that applies
 * @param reasons every rule that decided (for INDETERMINATE: the rule that failed)
 * @param obligations what must be done if the action goes ahead; empty unless PERMIT
 * @param advice non-binding guidance that bears on the request
 * @param responsibilities whose work the requested action is
 * @param ruleSet which rule set decided
 */
public record Decision(
        Outcome outcome,
        String channelType,
        List<String> codes,
        List<Reason> reasons,
        List<Obligation> obligations,
        List<Advice> advice,
        List<Responsibility> responsibilities,
        RuleSetIdentity ruleSet) {

    /**
     * Checks and copies the components.
     *
     * @param outcome what was decided; only {@link Outcome#PERMIT} allows the action
     * @param channelType the channel type the rule set classified the channel as; {@code null} only when the outcome is {@link Outcome#INDETERMINATE}
     * @param codes ids of every code of conduct that applies
     * @param reasons every rule that decided (for INDETERMINATE: the rule that failed)
     * @param obligations what must be done if the action goes ahead; empty unless PERMIT
     * @param advice non-binding guidance that bears on the request
     * @param responsibilities whose work the requested action is
     * @param ruleSet which rule set decided
     */
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        codes = List.copyOf(codes);
        reasons = List.copyOf(reasons);
        obligations = List.copyOf(obligations);
        advice = List.copyOf(advice);
        responsibilities = List.copyOf(responsibilities);
        Objects.requireNonNull(ruleSet, "ruleSet");
        if (outcome != Outcome.PERMIT && !obligations.isEmpty()) {
            throw new IllegalArgumentException("obligations accompany a PERMIT only");
        }
    }

    /**
     * Whether the action may go ahead. Fails closed: true only for {@link Outcome#PERMIT}.
     *
     * @return true only when permitted
     */
    public boolean isPermitted() {
        return outcome.allows();
    }

    /**
     * The ids of the rules in {@link #reasons()}, in the same order.
     *
     * @return the rule ids
     */
    public List<String> ruleIds() {
        return reasons.stream().map(Reason::rule).toList();
    }
}
