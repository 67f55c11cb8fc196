package uk.gov.channelpolicy.benchmarks;

import java.util.List;
import uk.gov.channelpolicy.Outcome;

/**
 * A peer library's complete answer: what the library's {@code Decision} says, by rule id (a peer has no
 * citations to attach).
 *
 * @param outcome what was decided
 * @param channelType the channel type
 * @param codes the codes that apply, in vocabulary order
 * @param reasons the deciding rules, DENY first then by id
 * @param obligations obligation rules, by id; empty unless PERMIT
 * @param advice advice rules, by id
 * @param responsibilities {@code role/rule} pairs, in vocabulary order of role then by rule
 */
record PeerDecision(Outcome outcome, String channelType, List<String> codes, List<String> reasons,
        List<String> obligations, List<String> advice, List<String> responsibilities) {
}
