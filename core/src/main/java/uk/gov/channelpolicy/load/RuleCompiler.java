package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Compiles a rule-set directory at run time to an executable model: the same form a precompiled
 * rule-set jar ships, and one whose every constraint and consequence is a class the loader can
 * inspect. When it does not compile, the classic compiler is run for its diagnostics, which name
 * the file and line (the executable model's do not). It is given only text the policy profile has
 * accepted ({@link DrlProfile}): both compilers evaluate parts of a rule file while compiling it.
 */
final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";
    /** Added to a decision table's name when its checked, expanded DRL is compiled in its place. */
    static final String TABLE_SUFFIX = ".drl";

    /**
     * The Maven coordinates of the opt-in artifact that brings the DRL compiler. A precompiled rule-set jar never needs
     * it, so core's dependencies on the compiler are optional: only loading a rule-set directory compiles DRL.
     */
    static final String COMPILER_ARTIFACT = "uk.gov.channelpolicy:channel-policy-compiler";

    /** One class from each jar the compiler needs and core does not bring: the jar named beside it. */
    private static final Map<String, String> COMPILER_CLASSES = compilerClasses();

    private RuleCompiler() {
    }

    private static Map<String, String> compilerClasses() {
        Map<String, String> classes = new java.util.LinkedHashMap<>();
        classes.put("org.drools.model.codegen.ExecutableModelProject", "org.drools:drools-model-codegen");
        classes.put("org.drools.mvel.MVELDialectRuntimeData", "org.drools:drools-mvel");
        classes.put("org.drools.decisiontable.DecisionTableProviderImpl", "org.drools:drools-decisiontables");
        classes.put("org.drools.ecj.EclipseJavaCompiler", "org.drools:drools-ecj");
        classes.put("org.antlr.runtime.Parser", "org.antlr:antlr-runtime");
        return java.util.Collections.unmodifiableMap(classes);
    }

    /**
     * Refuses, before anything of a directory is read, when the DRL compiler is not on the classpath, naming the
     * artifact to add and the jars that are missing: without this the first missing class would surface as a
     * {@link NoClassDefFoundError} deep inside Drools.
     *
     * @param directory the rule-set directory being loaded, for the problem's path
     */
    static void requireCompiler(String directory) {
        List<String> missing = new ArrayList<>();
        ClassLoader loader = RuleCompiler.class.getClassLoader();
        COMPILER_CLASSES.forEach((name, jar) -> {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(jar);
            }
        });
        if (!missing.isEmpty()) {
            throw new RuleSetException("cannot load rule set in " + directory, List.of(new Problem(directory,
                    "loading a rule-set directory compiles its DRL, and the DRL compiler is not on the classpath (missing "
                            + String.join(", ", missing) + ")",
                    List.of(), "add the dependency " + COMPILER_ARTIFACT + " (type pom), or use a precompiled rule-set jar,"
                            + " which needs no compiler", 0, 0)));
        }
    }

    /** A compiled kbase, its generated classes, and the release id its module had before removal. */
    record Compiled(KieBase kieBase, Map<String, byte[]> classes, ReleaseId releaseId) {
    }

    /**
     * Compiles rule files with Drools' classic compiler, for the authoring tools ({@code validate}, {@code test},
     * {@code --watch}): about three times faster from a cold start than the executable model, and its errors carry
     * their line. It gives no class files, so the compiled-class allow-list (the second wall) does not see its rules;
     * the policy profile, checked on the text first, is the boundary either way. Serving paths use
     * {@link #compile(Manifest, Map)}.
     */
    static Compiled compileClassic(Map<String, byte[]> files) {
        org.kie.internal.builder.KnowledgeBuilder builder = org.kie.internal.builder.KnowledgeBuilderFactory.newKnowledgeBuilder();
        org.kie.internal.builder.CompositeKnowledgeBuilder batch = builder.batch();
        files.forEach((name, bytes) -> batch.add(org.kie.internal.io.ResourceFactory.newByteArrayResource(bytes).setSourcePath(name),
                org.kie.api.io.ResourceType.DRL));
        batch.build();
        if (builder.hasErrors()) {
            List<Problem> problems = new ArrayList<>();
            for (org.kie.internal.builder.KnowledgeBuilderError error : builder.getErrors()) {
                String path = error.getResource() == null || error.getResource().getSourcePath() == null ? "rules"
                        : sourceName(error.getResource().getSourcePath());
                int line = error.getLines() == null || error.getLines().length == 0 ? 0 : Math.max(0, error.getLines()[0]);
                problems.add(new Problem(path, error.getMessage().strip(), List.of(), null, line, 0));
            }
            throw new RuleSetException("rule set does not compile", problems);
        }
        return new Compiled(builder.newKieBase(), Map.of(), null);
    }

    /** Compiles rule files given by their path under src/main/resources (e.g. rulesets/dh/codes.drl) into one kbase. */
    static Compiled compile(Manifest manifest, Map<String, byte[]> files) {
        KieServices services = KieServices.Factory.get();
        ReleaseId releaseId = newReleaseId(services, manifest);
        KieBuilder builder = services.newKieBuilder(fileSystem(services, manifest, files, releaseId))
                .buildAll(ExecutableModelProject.class);
        List<Problem> problems = errors(builder);
        if (!problems.isEmpty()) {
            services.getRepository().removeKieModule(releaseId);
            List<Problem> positioned = classicDiagnostics(services, manifest, files);
            throw new RuleSetException("rule set " + manifest.id() + " " + manifest.version() + " does not compile",
                    positioned.isEmpty() ? problems : positioned);
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        Map<String, byte[]> classes = new TreeMap<>();
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class")) {
                classes.put(name, module.getBytes(name));
            }
        }
        KieContainer container = services.newKieContainer(releaseId);
        try {
            return new Compiled(container.getKieBase(manifest.id()), classes, releaseId);
        } finally {
            // The kbase lives on without the module; keeping it would leak one module per reload.
            services.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<Problem> classicDiagnostics(KieServices services, Manifest manifest, Map<String, byte[]> files) {
        ReleaseId releaseId = newReleaseId(services, manifest);
        try {
            return errors(services.newKieBuilder(fileSystem(services, manifest, files, releaseId)).buildAll());
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    /** A fresh version per build: the KieRepository caches modules by release id. */
    private static ReleaseId newReleaseId(KieServices services, Manifest manifest) {
        return services.newReleaseId("uk.gov.channelpolicy.rulesets", manifest.id(), manifest.version() + "-" + UUID.randomUUID());
    }

    private static KieFileSystem fileSystem(KieServices services, Manifest manifest, Map<String, byte[]> files, ReleaseId releaseId) {
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        KieModuleModel module = services.newKieModuleModel();
        // Never changed once built (a reload compiles another): Drools then keeps no list of its sessions to update.
        module.newKieBaseModel(manifest.id()).setDefault(true).addPackage("*").setMutability(org.kie.api.conf.KieBaseMutabilityOption.DISABLED);
        fileSystem.writeKModuleXML(module.toXML());
        files.forEach((name, bytes) -> fileSystem.write(RESOURCES + name, bytes));
        return fileSystem;
    }

    /** A compiled file's path as the rule-set directory names it: own files were placed under rulesets/<id>/. */
    private static String sourceName(String path) {
        String name = path.replaceFirst("^rulesets/[^/]+/", "");
        return name.endsWith(".drl.csv" + TABLE_SUFFIX) ? name.substring(0, name.length() - TABLE_SUFFIX.length()) : name;
    }

    private static List<Problem> errors(KieBuilder builder) {
        List<Problem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = message.getPath() == null ? "rules" : sourceName(message.getPath().replace(RESOURCES, ""));
            problems.add(new Problem(path, message.getText().strip(), List.of(), null,
                    Math.max(0, message.getLine()), Math.max(0, message.getColumn())));
        }
        return problems;
    }
}
