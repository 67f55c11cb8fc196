package uk.gov.channelpolicy.tools.scenario;

import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Outcome;

/**
 * What a scenario expects the rule set to decide. Lists are compared as sets; an optional list
 * that is {@code null} is not checked.
 *
 * @param outcome the outcome
 * @param channelType the channel type the rule set classifies
 * @param codes the ids of the codes that apply
 * @param rules the ids of exactly the rules in the decision's reasons
 * @param obligations the ids of the rules whose obligations apply, or {@code null} not to check
 * @param advice the ids of the rules whose advice applies, or {@code null} not to check
 * @param responsibilities the roles whose work the action is, or {@code null} not to check
 * @param invalid for a scenario that pins a contradictory or otherwise invalid request: the problems the one validator
 *     must give (then outcome, channel type and the lists are {@code null}: there is no decision); else {@code null}
 */
public record Expectation(Outcome outcome, String channelType, List<String> codes, List<String> rules,
        List<String> obligations, List<String> advice, List<String> responsibilities, List<ExpectedProblem> invalid) {

    /**
     * A problem an invalid request must get: where, and the values allowed there.
     *
     * @param path the JSON path, e.g. {@code $.channel.owner}
     * @param allowed the allowed values the problem gives, or {@code null} not to check them
     */
    public record ExpectedProblem(String path, List<String> allowed) {
        /**
         * Checks and copies the components.
         *
         * @param path the path
         * @param allowed the allowed values or null
         */
        public ExpectedProblem {
            Objects.requireNonNull(path, "path");
            allowed = allowed == null ? null : List.copyOf(allowed);
        }

        @Override
        public String toString() {
            return allowed == null ? path : path + " " + allowed;
        }
    }

    /**
     * The expectation of a decision.
     *
     * @param outcome the outcome
     * @param channelType the channel type
     * @param codes the code ids
     * @param rules the deciding rule ids
     * @param obligations obligation rule ids or null
     * @param advice advice rule ids or null
     * @param responsibilities responsible roles or null
     */
    public Expectation(Outcome outcome, String channelType, List<String> codes, List<String> rules, List<String> obligations,
            List<String> advice, List<String> responsibilities) {
        this(outcome, channelType, codes, rules, obligations, advice, responsibilities, null);
    }

    /**
     * The expectation that the request is invalid, with these problems.
     *
     * @param problems the problems, at least one
     * @return the expectation
     */
    public static Expectation invalidRequest(List<ExpectedProblem> problems) {
        return new Expectation(null, null, null, null, null, null, null, problems);
    }

    /**
     * Whether the scenario expects an invalid request rather than a decision.
     *
     * @return true when {@link #invalid()} is given
     */
    public boolean expectsInvalid() {
        return invalid != null;
    }

    /**
     * Checks and copies the components.
     *
     * @param outcome the outcome
     * @param channelType the channel type
     * @param codes the code ids
     * @param rules the deciding rule ids
     * @param obligations obligation rule ids or null
     * @param advice advice rule ids or null
     * @param responsibilities responsible roles or null
     * @param invalid the problems of an invalid request, or null for a decision
     */
    public Expectation {
        if (invalid != null) {
            if (invalid.isEmpty() || outcome != null || channelType != null || codes != null || rules != null || obligations != null
                    || advice != null || responsibilities != null) {
                throw new IllegalArgumentException("an invalid request has at least one problem and no decision to expect");
            }
            invalid = List.copyOf(invalid);
        } else {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(channelType, "channelType");
            codes = List.copyOf(codes);
            rules = List.copyOf(rules);
            obligations = obligations == null ? null : List.copyOf(obligations);
            advice = advice == null ? null : List.copyOf(advice);
            responsibilities = responsibilities == null ? null : List.copyOf(responsibilities);
        }
    }
}
