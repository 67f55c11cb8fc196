package uk.gov.channelpolicy.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * The policies this JVM has built, one per {@link RuleSource}. A Spark executor runs many tasks, on
 * several threads, over its life; each task asks here, and the first one builds the policy that all
 * of them then share ({@link ChannelPolicy} is immutable and thread-safe). A policy is never
 * serialised: the driver ships only the {@link RuleSource}.
 *
 * <p>This is per-JVM state on purpose: it is what "built once per executor" means. The policies live
 * as long as the JVM; none of them watches files or holds threads, so nothing needs closing.
 */
public final class ExecutorPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPolicies.class);
    private static final Map<RuleSource, ChannelPolicy> POLICIES = new ConcurrentHashMap<>();
    private static final Map<RuleSource, AtomicInteger> BUILDS = new ConcurrentHashMap<>();

    private ExecutorPolicies() {
    }

    /**
     * The policy for a rule source, built on first use. Tasks asking at the same time wait for the
     * one build. A build that fails is not remembered, so a later task tries again (and fails the same way).
     *
     * @param source where the rule set comes from
     * @return the policy, shared by every task in this JVM
     * @throws RuleSetException if the rule set cannot be loaded
     */
    public static ChannelPolicy policyFor(RuleSource source) {
        return POLICIES.computeIfAbsent(source, key -> {
            long start = System.nanoTime();
            ChannelPolicy policy = key.build();
            RuleSetIdentity identity = policy.ruleSet().identity();
            LOG.info("loaded {} {} ({}) from the {} in {} ms", identity.id(), identity.version(), identity.digest(), key.describe(),
                    (System.nanoTime() - start) / 1_000_000);
            BUILDS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return policy;
        });
    }

    /**
     * How many times this JVM has built a policy for a rule source: 1 once it has been used, whatever
     * the number of tasks and partitions.
     *
     * @param source the rule source
     * @return the number of builds
     */
    public static int builds(RuleSource source) {
        AtomicInteger count = BUILDS.get(source);
        return count == null ? 0 : count.get();
    }
}
