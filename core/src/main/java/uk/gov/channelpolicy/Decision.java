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
 * @param notApplicable why no rule decided: present exactly when the library gives a {@link Outcome#NOT_APPLICABLE}
 *     (a decision built by hand may leave it out), {@code null} for every other outcome
 */
public record Decision(
        Outcome outcome,
        String channelType,
        List<String> codes,
        List<Reason> reasons,
        List<Obligation> obligations,
        List<Advice> advice,
        List<Responsibility> responsibilities,
        RuleSetIdentity ruleSet,
        NotApplicable notApplicable) {

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
     * @param notApplicable why no rule decided, or {@code null}; only a NOT_APPLICABLE decision has one
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
        if (notApplicable != null && outcome != Outcome.NOT_APPLICABLE) {
            throw new IllegalArgumentException("only a NOT_APPLICABLE decision explains why no rule decided");
        }
    }

    /**
     * A decision without a not-applicable explanation: every outcome but a NOT_APPLICABLE the library gives.
     *
     * @param outcome what was decided; only {@link Outcome#PERMIT} allows the action
     * @param channelType the channel type the rule set classified the channel as, or {@code null} for INDETERMINATE
     * @param codes ids of every code of conduct that applies
     * @param reasons every rule that decided (for INDETERMINATE: the rule that failed)
     * @param obligations what must be done if the action goes ahead; empty unless PERMIT
     * @param advice non-binding guidance that bears on the request
     * @param responsibilities whose work the requested action is
     * @param ruleSet which rule set decided
     */
    public Decision(Outcome outcome, String channelType, List<String> codes, List<Reason> reasons, List<Obligation> obligations,
            List<Advice> advice, List<Responsibility> responsibilities, RuleSetIdentity ruleSet) {
        this(outcome, channelType, codes, reasons, obligations, advice, responsibilities, ruleSet, null);
    }

    /**
     * This decision with a not-applicable explanation.
     *
     * @param explanation why no rule decided
     * @return a copy carrying the explanation
     * @throws IllegalArgumentException if this decision is not NOT_APPLICABLE
     */
    public Decision withNotApplicable(NotApplicable explanation) {
        return new Decision(outcome, channelType, codes, reasons, obligations, advice, responsibilities, ruleSet,
                Objects.requireNonNull(explanation, "explanation"));
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
