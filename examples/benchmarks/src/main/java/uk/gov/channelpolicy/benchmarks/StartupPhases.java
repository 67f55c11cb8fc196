package uk.gov.channelpolicy.benchmarks;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieContainer;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * Where a cold {@code ruleSet("dh")} start goes, phase by phase, in a fresh JVM: each phase below is timed cold
 * (first use of its classes), in the order {@code build()} meets them, so the last phase, {@code build()} itself,
 * is what remains once Jackson, the KIE services and the kbase's classes are loaded.
 *
 * <p>With the argument {@code direct-model} it times instead the what-if proposed for core: the kbase built
 * straight from the precompiled model class that the jar's {@code drools-model} file names
 * ({@code KieBaseBuilder.createKieBaseFromModel}), with no classpath container and no {@code kmodule.xml} parsing.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.StartupPhases
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.StartupPhases direct-model
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
        if (args.length > 0 && args[0].equals("direct-model")) {
            directModel();
            return;
        }
        long t0 = System.nanoTime();
        PolicyJson.strictMapper();
        long t1 = System.nanoTime();
        KieServices services = KieServices.Factory.get();
        long t2 = System.nanoTime();
        KieContainer container = services.newKieClasspathContainer(StartupPhases.class.getClassLoader());
        long t3 = System.nanoTime();
        KieBase kieBase = container.getKieBase("dh");
        long t4 = System.nanoTime();
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        long t5 = System.nanoTime();
        policy.evaluate(new RequestMix(policy.vocabulary(), RequestMix.DEFAULT_SEED).next());
        long t6 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "jackson_mapper_ms=%.0f kie_services_ms=%.0f classpath_container_ms=%.0f"
                + " kbase_ms=%.0f build_after_those_ms=%.0f first_decision_ms=%.0f rules=%d%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, (t6 - t5) / 1e6,
                kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
        policy.close();
    }

    /** The kbase from the generated model class, as core could build it, then one stateless execution. */
    private static void directModel() throws Exception {
        long t0 = System.nanoTime();
        ClassLoader loader = StartupPhases.class.getClassLoader();
        String modelFile;
        try (java.io.InputStream in = loader.getResourceAsStream(
                "META-INF/kie/uk.gov.channelpolicy/channel-policy-rules-dh/drools-model")) {
            modelFile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String modelClass = modelFile.lines().filter(line -> !line.contains(":") && !line.isBlank()).findFirst().orElseThrow();
        org.drools.model.Model model = (org.drools.model.Model) loader.loadClass(modelClass.trim()).getDeclaredConstructor().newInstance();
        KieBase kieBase = org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(model);
        long t1 = System.nanoTime();
        org.kie.api.runtime.StatelessKieSession session = kieBase.newStatelessKieSession();
        uk.gov.channelpolicy.facts.Findings findings = new uk.gov.channelpolicy.facts.Findings();
        session.setGlobal("findings", findings);
        session.execute(new uk.gov.channelpolicy.facts.Request(uk.gov.channelpolicy.PolicyRequest
                .builder(uk.gov.channelpolicy.Actor.of("official", "actor"), "post")
                .channel(uk.gov.channelpolicy.Channel.unattributed()).content("departmental").build()));
        long t2 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "direct_model_kbase_ms=%.0f first_execution_ms=%.0f findings=%d rules=%d%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, findings.all().size(),
                kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
    }
}
