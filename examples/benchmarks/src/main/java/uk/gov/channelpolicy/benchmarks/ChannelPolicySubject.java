package uk.gov.channelpolicy.benchmarks;

import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;

/** The library as an embedder uses it: one {@link ChannelPolicy} built from the precompiled {@code dh} jar, shared. */
final class ChannelPolicySubject implements Subject {
    private final ChannelPolicy policy;

    ChannelPolicySubject() {
        this.policy = ChannelPolicy.builder().ruleSet("dh").build();
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
