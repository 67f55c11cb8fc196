package uk.gov.channelpolicy.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * Steady-state cost of one decision, for every subject on the same request mix: {@link #latency} on one thread
 * (sampled, for percentiles) and {@link #throughput} on two threads sharing one subject, as a service's request
 * threads share one {@code ChannelPolicy}. Each (method, subject) pair runs in its own fork, so no subject's code
 * shapes another's JIT profile.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar DecisionBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s
 * </pre>
 */
@State(Scope.Benchmark)
public class DecisionBenchmark {

    /**
     * Which subject decides; see {@link SubjectId}. The what-ifs {@code kept-drools} and {@code kept-drools-compiled-alpha}
     * run only when named ({@code -p subject=kept-drools,kept-drools-compiled-alpha}).
     */
    @Param({"channel-policy", "channel-policy-uncached", "reference-model", "naive-drools", "easy-rules", "jcasbin", "pooled-drools"})
    public String subject;

    /**
     * Which requests: {@code mix}, {@value RequestMix#DEFAULT_SIZE} distinct requests drawn at random (a cache's best
     * case: they repeat every 1,000 calls); {@code domain}, every valid request of the rule set's domain once, each with
     * its own ids and handle, shuffled (no two calls alike until the whole domain has been asked).
     */
    @Param({"mix", "domain"})
    public String stream;

    private Subject decider;
    private PolicyRequest[] mix;

    /** Where one thread is in the mix: each thread cycles through all of it, starting at its own place. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        private int next = THREADS.getAndIncrement() * 499;

        int next(int size) {
            int at = next % size;
            next = at + 1;
            return at;
        }
    }

    /** Builds the subject and the stream of requests. */
    @Setup(Level.Trial)
    public void setUp() {
        List<PolicyRequest> requests;
        try (ChannelPolicy vocabularySource = ChannelPolicy.builder().ruleSet("dh").build()) {
            requests = "domain".equals(stream) ? RequestMix.domain(vocabularySource.vocabulary(), RequestMix.DEFAULT_SEED)
                    : RequestMix.distinct(vocabularySource.vocabulary(), RequestMix.DEFAULT_SEED, RequestMix.DEFAULT_SIZE);
            decider = SubjectId.of(subject).open(vocabularySource.vocabulary());
        }
        mix = requests.toArray(PolicyRequest[]::new);
    }

    /** Releases the subject. */
    @TearDown(Level.Trial)
    public void tearDown() {
        decider.close();
    }

    /**
     * One decision on one thread, sampled: JMH reports the distribution (p50, p99).
     *
     * @param cursor this thread's place in the mix
     * @return the complete answer, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Object latency(Cursor cursor) {
        return decider.decide(mix[cursor.next(mix.length)]);
    }

    /**
     * Decisions per second with two threads sharing the subject.
     *
     * @param cursor this thread's place in the mix
     * @return the complete answer, consumed by JMH
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Object throughput(Cursor cursor) {
        return decider.decide(mix[cursor.next(mix.length)]);
    }
}
