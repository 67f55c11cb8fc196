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
 */
public record Expectation(Outcome outcome, String channelType, List<String> codes, List<String> rules,
        List<String> obligations, List<String> advice, List<String> responsibilities) {

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
     */
    public Expectation {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(channelType, "channelType");
        codes = List.copyOf(codes);
        rules = List.copyOf(rules);
        obligations = obligations == null ? null : List.copyOf(obligations);
        advice = advice == null ? null : List.copyOf(advice);
        responsibilities = responsibilities == null ? null : List.copyOf(responsibilities);
    }
}
