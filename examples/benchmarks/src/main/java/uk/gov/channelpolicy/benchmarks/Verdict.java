package uk.gov.channelpolicy.benchmarks;

import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;

/**
 * What every subject's answer can be reduced to, so that subjects can be checked against each other. A subject
 * that does not say something leaves it {@code null}: the reference model names no rules, jCasbin names no codes.
 *
 * @param outcome what was decided
 * @param channelType the channel type, or null when the subject does not say
 * @param codes the codes that apply, in vocabulary order, or null when the subject does not say
 * @param ruleIds the rules that decided, DENY first then by id (as {@link Decision#ruleIds()}), or null when the
 *     subject does not say
 */
public record Verdict(Outcome outcome, String channelType, List<String> codes, List<String> ruleIds) {

    /**
     * Checks the outcome is given and copies the lists.
     *
     * @param outcome what was decided
     * @param channelType the channel type, or null when the subject does not say
     * @param codes the codes that apply, or null when the subject does not say
     * @param ruleIds the rules that decided, or null when the subject does not say
     */
    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        codes = codes == null ? null : List.copyOf(codes);
        ruleIds = ruleIds == null ? null : List.copyOf(ruleIds);
    }

    /**
     * The verdict a decision gives.
     *
     * @param decision a decision
     * @return its outcome, channel type, codes and deciding rules
     */
    public static Verdict of(Decision decision) {
        return new Verdict(decision.outcome(), decision.channelType(), decision.codes(), decision.ruleIds());
    }

    /**
     * The parts on which this verdict and {@code expected} disagree, ignoring what this verdict does not say.
     *
     * @param expected the verdict to match, normally {@code ChannelPolicy}'s
     * @return a description of each disagreement; empty when they agree
     */
    public List<String> disagreementsWith(Verdict expected) {
        java.util.List<String> found = new java.util.ArrayList<>();
        if (outcome != expected.outcome) {
            found.add("outcome " + outcome + " not " + expected.outcome);
        }
        if (channelType != null && !channelType.equals(expected.channelType)) {
            found.add("channel type " + channelType + " not " + expected.channelType);
        }
        if (codes != null && !codes.equals(expected.codes)) {
            found.add("codes " + codes + " not " + expected.codes);
        }
        if (ruleIds != null && !ruleIds.equals(expected.ruleIds)) {
            found.add("rules " + ruleIds + " not " + expected.ruleIds);
        }
        return found;
    }
}
