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

    /**
     * Why a request is {@link Outcome#NOT_APPLICABLE}, carried by the decision itself: whose work the request is, and
     * the rules that came closest to deciding it with what the request lacked for each, every one with the guidance it
     * quotes. Found by asking the same rule set about requests one or two changes away (another role, action, channel or
     * content), so it says only what the rules themselves say.
     *
     * @param summary the explanation in one paragraph, in the rule set's words (labels, rule ids; never personal data)
     * @param whoseWork the roles whose work the request is, as the decision's {@code responsibilities} name them (with
     *     the guidance they quote), in the same order; empty when the guidance gives the work to no role
     * @param closest the rules that came closest, fewest changes first, rules that would permit before rules that would
     *     deny, then by id; at most {@link #MAX_CLOSEST}; empty when no rule applies within two changes
     */
    public record NotApplicable(String summary, List<String> whoseWork, List<ClosestRule> closest) {

        /** The most rules {@link #closest()} lists. */
        public static final int MAX_CLOSEST = 3;

        /**
         * Checks and copies the components.
         *
         * @param summary the explanation in one paragraph
         * @param whoseWork the roles whose work the request is
         * @param closest the rules that came closest
         */
        public NotApplicable {
            Objects.requireNonNull(summary, "summary");
            whoseWork = List.copyOf(whoseWork);
            closest = List.copyOf(closest);
            if (closest.size() > MAX_CLOSEST) {
                throw new IllegalArgumentException("at most " + MAX_CLOSEST + " closest rules, not " + closest.size());
            }
        }
    }

    /**
     * A rule that would have decided a NOT_APPLICABLE request had the request been a little different: one of
     * the rules that came closest, and what the request lacked for it.
     *
     * @param rule the rule's stable id
     * @param effect what the rule would have said: {@link Effect#PERMIT} or {@link Effect#DENY}
     * @param message the rule's one-line description
     * @param lacking what the request lacked for the rule to apply, each in words a policy officer reads, e.g.
     *     {@code applies when the content includes party-political content}; all of them together, at least one
     * @param citation the guidance the rule enforces, quoted verbatim
     */
    public record ClosestRule(String rule, Effect effect, String message, List<String> lacking, Citation citation) {

        /**
         * Checks and copies the components.
         *
         * @param rule the rule's stable id
         * @param effect PERMIT or DENY
         * @param message the rule's one-line description
         * @param lacking what the request lacked, at least one condition
         * @param citation the guidance the rule enforces
         */
        public ClosestRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(message, "message");
            lacking = List.copyOf(lacking);
            Objects.requireNonNull(citation, "citation");
            if (effect != Effect.PERMIT && effect != Effect.DENY) {
                throw new IllegalArgumentException("a closest rule permits or denies, not " + effect);
            }
            if (lacking.isEmpty()) {
                throw new IllegalArgumentException("a closest rule lacked at least one thing");
            }
        }
    }
}
