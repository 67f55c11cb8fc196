package uk.gov.channelpolicy;

/**
 * Where a policy sends each decision it gives, for audit: one call per decision from
 * {@link ChannelPolicy#evaluate}, {@link ChannelPolicy#evaluateJson}, {@link ChannelPolicy#trace} and
 * {@link ChannelPolicy#explain} (not for the variants {@code explain} searches).
 *
 * <p>The library's own implementation is {@code uk.gov.channelpolicy.log.DecisionLog}, an append-only JSON Lines
 * file. Implement it to send decisions elsewhere (a message queue, a database). It is called on the evaluating
 * thread, so it must be thread-safe, and the decision is not given until it returns.
 *
 * <pre>{@code
 * ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh")
 *         .decisionSink((request, decision) -> audit.send(request.action(), decision.outcome()))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface DecisionSink {
    /**
     * Records one decision. Throwing is how a sink says it could not: the caller then gets an INDETERMINATE decision
     * instead, because a decision that cannot be recorded is not given.
     *
     * @param request the request as the caller gave it; a sink that stores it must mask personal data itself
     * @param decision the decision about to be returned
     */
    void record(PolicyRequest request, Decision decision);
}
