package uk.gov.channelpolicy.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.tools.Validation;
import uk.gov.channelpolicy.tools.scenario.ScenarioResult;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/**
 * The policy writer's loop in a warm JVM, as {@code validate --watch} and {@code test --watch} run it after each save:
 * check and lint the DH rule-set directory, and load it and run its scenarios. The cold one-shot commands are timed by
 * {@code run-benchmarks.sh} with fresh JVMs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuthoringBenchmark {
    /** The DH rule-set directory, from the repository root (where run-benchmarks.sh runs). */
    @Param({"rules-dh/src/main/resources/rulesets/dh"})
    public String directory;

    private Path rules;

    /** Checks the directory is there, so a wrong working directory fails at once. */
    @Setup
    public void locate() {
        rules = Path.of(directory);
        if (!Files.isDirectory(rules)) {
            throw new IllegalStateException("no rule-set directory " + rules.toAbsolutePath() + ": run from the repository root");
        }
    }

    /**
     * What {@code validate --watch} does after a save.
     *
     * @return the validation, so the work is not dead code
     */
    @Benchmark
    public Validation validate() {
        Validation validation = Validation.ofDirectory(rules);
        if (!validation.clean()) {
            throw new IllegalStateException("the DH rule set does not validate clean: " + validation.diagnostics());
        }
        return validation;
    }

    /**
     * What {@code test --watch} does after a save.
     *
     * @return the scenario results
     */
    @Benchmark
    public List<ScenarioResult> test() {
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(rules).forAuthoring().build()) {
            return Scenarios.run(policy);
        }
    }
}
