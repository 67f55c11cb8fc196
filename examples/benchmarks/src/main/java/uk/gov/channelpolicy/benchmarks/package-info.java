/**
 * Benchmarks of {@link uk.gov.channelpolicy.ChannelPolicy#evaluate} beside its baselines, and the probes behind
 * {@code docs/performance.md}: JMH for steady-state latency and throughput ({@link DecisionBenchmark}), small mains
 * for what JMH cannot measure (cold start, heap retained per rule set, batch input), and the table that puts the
 * figures of one run side by side ({@link PerformanceReport}).
 *
 * <p>Every subject decides the same seeded {@link RequestMix}; the build's only test checks that they agree with
 * {@code ChannelPolicy} on it. Nothing here times anything during the build.
 */
package uk.gov.channelpolicy.benchmarks;

import uk.gov.channelpolicy.ChannelPolicy;

