package uk.gov.channelpolicy.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * Cold start, once per JVM: how long from the JVM's start, and from {@code builder()}, until the first decision.
 * Run it in a fresh JVM each time (JMH cannot measure this); {@code run-benchmarks.sh} runs it ten times per mode.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.StartupProbe jar
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.StartupProbe directory rules-dh/src/main/resources/rulesets/dh
 * </pre>
 *
 * <p>Prints one line of {@code key=value} pairs: {@code jvm_to_first_decision_ms} (from the JVM's own start time;
 * and {@code launch_to_first_decision_ms} from the {@code -Dprobe.launchedAtMillis} the caller passes, which adds the
 * process's launch), {@code build_ms}, {@code first_decision_ms} and {@code build_to_first_decision_ms}.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /**
     * Builds a policy and decides one request.
     *
     * @param args {@code jar}, or {@code directory PATH}
     */
    public static void main(String[] args) {
        long buildStarted = System.nanoTime();
        ChannelPolicy.Builder builder = ChannelPolicy.builder();
        String mode = args.length > 0 ? args[0] : "jar";
        if (mode.equals("directory")) {
            builder.ruleSetDirectory(Path.of(args[1]));
        } else if (mode.equals("jar")) {
            builder.ruleSet("dh");
        } else {
            throw new IllegalArgumentException("usage: StartupProbe jar | directory PATH");
        }
        try (ChannelPolicy policy = builder.build()) {
            long built = System.nanoTime();
            PolicyRequest request = new RequestMix(policy.vocabulary(), RequestMix.DEFAULT_SEED).next();
            Decision decision = policy.evaluate(request);
            long decided = System.nanoTime();
            long decidedAtMillis = System.currentTimeMillis();
            long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
            String launched = System.getProperty("probe.launchedAtMillis");
            // Once more in the same JVM: what build() costs when its classes are loaded, as when a service reloads.
            long againStarted = System.nanoTime();
            try (ChannelPolicy again = (mode.equals("jar") ? ChannelPolicy.builder().ruleSet("dh")
                    : ChannelPolicy.builder().ruleSetDirectory(Path.of(args[1]))).build()) {
                again.evaluate(request);
            }
            long againDecided = System.nanoTime();
            System.out.printf(java.util.Locale.ROOT, "mode=%s outcome=%s jvm_to_first_decision_ms=%d launch_to_first_decision_ms=%s"
                    + " build_ms=%.1f first_decision_ms=%.1f build_to_first_decision_ms=%.1f second_build_to_first_decision_ms=%.1f%n",
                    mode, decision.outcome(), decidedAtMillis - jvmStarted,
                    launched == null ? "NA" : Long.toString(decidedAtMillis - Long.parseLong(launched)),
                    (built - buildStarted) / 1e6, (decided - built) / 1e6, (decided - buildStarted) / 1e6,
                    (againDecided - againStarted) / 1e6);
        }
    }
}
