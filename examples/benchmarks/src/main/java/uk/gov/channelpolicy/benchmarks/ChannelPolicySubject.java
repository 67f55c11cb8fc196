package uk.gov.channelpolicy.benchmarks;

import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * The library as an embedder uses it: one {@link ChannelPolicy} built from the precompiled {@code dh} jar, shared;
 * with its default decision cache ({@code channel-policy}: after the mix's first pass, decisions are given from
 * memory) or with {@code decisionCache(0)} ({@code channel-policy-uncached}: every call runs the rules).
 */
final class ChannelPolicySubject implements Subject {
    private final ChannelPolicy policy;

    ChannelPolicySubject(int decisionCacheSize) {
        this.policy = ChannelPolicy.builder().ruleSet("dh").decisionCache(decisionCacheSize).build();
    }

    @Override
    public Decision decide(PolicyRequest request) {
        return policy.evaluate(request);
    }

    @Override
    public Verdict verdict(Object answer) {
        return Verdict.of((Decision) answer);
    }

    @Override
    public void close() {
        policy.close();
    }
}
