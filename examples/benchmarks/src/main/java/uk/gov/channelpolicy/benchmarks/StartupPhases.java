package uk.gov.channelpolicy.benchmarks;

import org.kie.api.KieBase;
import uk.gov.channelpolicy.ChannelPolicy;

/**
 * Where a cold {@code ruleSet("dh")} start goes, phase by phase, in a fresh JVM: each phase below is timed cold
 * (first use of its classes), one after another, although {@code build()} runs the kbase on a second thread beside
 * the rest. The phases are loading the precompiled executable model class that the jar's {@code drools-model} file
 * names, the kbase built from it ({@code KieBaseBuilder.createKieBaseFromModel}, as {@code build()} does), then
 * {@code build()} itself once those classes are loaded (reading the files, the manifest, the seal and the safety
 * check), and the first decision.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.StartupPhases
 * </pre>
 */
public final class StartupPhases {
    private StartupPhases() {
    }

    /**
     * Prints one line of {@code phase_ms=} pairs.
     *
     * @param args nothing, or {@code direct-model}
     * @throws Exception if the precompiled model cannot be read or instantiated
     */
    public static void main(String[] args) throws Exception {
        long t1 = System.nanoTime();
        ClassLoader loader = StartupPhases.class.getClassLoader();
        String modelFile;
        try (java.io.InputStream in = loader.getResourceAsStream(
                "META-INF/kie/uk.gov.channelpolicy/channel-policy-rules-dh/drools-model")) {
            modelFile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String modelClass = modelFile.lines().filter(line -> !line.contains(":") && !line.isBlank()).findFirst().orElseThrow();
        org.drools.model.Model model = (org.drools.model.Model) loader.loadClass(modelClass.trim()).getDeclaredConstructor().newInstance();
        long t2 = System.nanoTime();
        KieBase kieBase = org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(model);
        long t3 = System.nanoTime();
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        long t4 = System.nanoTime();
        policy.evaluate(new RequestMix(policy.vocabulary(), RequestMix.DEFAULT_SEED).next());
        long t5 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "executable_model_ms=%.0f kbase_from_model_ms=%.0f"
                + " build_after_those_ms=%.0f first_decision_ms=%.0f rules=%d%n",
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6,
                kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
        policy.close();
    }
}
