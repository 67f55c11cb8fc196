package uk.gov.channelpolicy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * What the decision log costs: the library's decision on the benchmark's mix with the log off, and on with each
 * fsync policy, measured in one run (figures with the log are never mixed into the headline ones).
 */
@State(Scope.Benchmark)
public class DecisionLogBenchmark {
    /** {@code off}, or the log's fsync policy: {@code interval} (the default), {@code on-close}, {@code per-record}. */
    @Param({"off", "interval", "on-close", "per-record"})
    public String log;

    private ChannelPolicy policy;
    private DecisionLog decisionLog;
    private Path directory;
    private PolicyRequest[] mix;

    /** Builds the policy, with a log in a fresh temporary folder unless {@code off}. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ChannelPolicy.Builder builder = ChannelPolicy.builder().ruleSet("dh");
        if (!log.equals("off")) {
            directory = Files.createTempDirectory("decision-log-benchmark");
            decisionLog = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsync(DecisionLog.Fsync.forId(log))
                    .maxFileBytes(64L << 20).maxFiles(2).build();
            builder.decisionSink(decisionLog);
        }
        policy = builder.build();
        List<PolicyRequest> requests = RequestMix.distinct(policy.vocabulary(), RequestMix.DEFAULT_SEED, RequestMix.DEFAULT_SIZE);
        mix = requests.toArray(PolicyRequest[]::new);
    }

    /** Closes the log and removes its files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        policy.close();
        if (decisionLog != null) {
            decisionLog.close();
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    /**
     * Decisions per second on two threads sharing the policy, as a service's request threads do.
     *
     * @param cursor this thread's place in the mix
     * @return the decision
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Decision throughput(DecisionBenchmark.Cursor cursor) {
        return policy.evaluate(mix[cursor.next(mix.length)]);
    }
}
