package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.KieBase;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Drools' alpha network compiler on a kbase: the constraints on one fact at a time (most of the work of inserting a
 * request, on DH's rules) become generated Java, compiled in memory and put in the place of the interpreted network, so
 * that an insert runs straight-line code instead of visiting each node through an interface. Nothing of the decisions
 * changes: the same constraints are evaluated, in the same nodes' order.
 *
 * <p>The generated source carries each constraint's text in a comment, and compiling it runs the Java compiler on the
 * result, so it is done only for a precompiled rule-set jar, whose compiled classes are code its deployer already runs
 * and which the library checks when it loads the jar; never for a rule-set directory, whose rule text is untrusted
 * input. It needs the opt-in DRL compiler artifact (the alpha network compiler, javaparser, Drools' in-memory compiler)
 * and a JDK's Java compiler.
 */
public final class CompiledAlphaNetwork {
    /** One class from each jar it needs that a consumer of a precompiled rule set lacks: the jar named beside it. */
    private static final Map<String, String> NEEDED = needed();

    private CompiledAlphaNetwork() {
    }

    private static Map<String, String> needed() {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("org.drools.ancompiler.ObjectTypeNodeCompiler", "org.drools:drools-alphanetwork-compiler");
        classes.put("com.github.javaparser.StaticJavaParser", "com.github.javaparser:javaparser-core");
        classes.put("org.drools.model.codegen.ExecutableModelProject", "org.drools:drools-model-codegen");
        classes.put("org.kie.memorycompiler.KieMemoryCompiler", "org.kie:kie-memory-compiler");
        return java.util.Collections.unmodifiableMap(classes);
    }

    /**
     * Refuses, before any rule set is loaded, when what compiling an alpha network needs is not on the classpath, naming
     * the artifact to add and what is missing.
     *
     * @param ruleSetId the rule set asked for, for the problem's path
     * @throws RuleSetException if anything is missing
     */
    public static void require(String ruleSetId) {
        List<String> missing = new ArrayList<>();
        ClassLoader loader = CompiledAlphaNetwork.class.getClassLoader();
        NEEDED.forEach((name, jar) -> {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(jar);
            }
        });
        if (!javaCompilerPresent()) {
            missing.add("a JDK's Java compiler (javax.tools)");
        }
        if (!missing.isEmpty()) {
            throw new RuleSetException("cannot compile the alpha network of rule set " + ruleSetId, List.of(new Problem(
                    "classpath:" + RuleSetLoader.FOLDER + ruleSetId, "compiling the alpha network generates Java and compiles it,"
                            + " and what that needs is not here (missing " + String.join(", ", missing) + ")",
                    List.of(), "add the dependency " + RuleCompiler.COMPILER_ARTIFACT + " (type pom) and run on a JDK, or leave"
                            + " compiledAlphaNetwork() out: the rules decide the same without it", 0, 0)));
        }
    }

    /** Whether the JVM has a Java compiler: a JDK's, not a runtime image without the {@code java.compiler} module. */
    private static boolean javaCompilerPresent() {
        try {
            return javax.tools.ToolProvider.getSystemJavaCompiler() != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Compiles a kbase's alpha network and puts it in place. Call it before any session of the kbase exists.
     *
     * @param kieBase the kbase of a precompiled rule set
     * @return how many object types' networks were compiled
     * @throws RuntimeException if Drools cannot generate the network or the generated source does not compile
     */
    public static int compile(KieBase kieBase) {
        org.drools.kiesession.rulebase.InternalKnowledgeBase internal = (org.drools.kiesession.rulebase.InternalKnowledgeBase) kieBase;
        Map<String, org.drools.ancompiler.CompiledNetworkSources> networks =
                org.drools.ancompiler.ObjectTypeNodeCompiler.compiledNetworkSourceMap(internal.getRete());
        if (networks.isEmpty()) {
            return 0;
        }
        Map<String, String> sources = new TreeMap<>();
        networks.forEach((name, network) -> sources.put(name, commentsOnOneLine(network.getSource())));
        Map<String, Class<?>> classes = org.kie.memorycompiler.KieMemoryCompiler.compile(sources, internal.getRootClassLoader());
        networks.values().forEach(network -> network.createInstanceAndSet(classes.get(network.getName())));
        return networks.size();
    }

    /**
     * Joins a node's comment that its constraint's text broke over several lines back into one line. Drools 10.2.0 writes
     * each node's description into a line comment ({@code // [AlphaNode(25) constraint=[...]]}), so a constraint written
     * over two lines (one of DH's {@code dh.principles.be-personal} is) would put its second line outside the comment, and
     * the source would not compile. A comment goes on until its brackets balance.
     *
     * @param source generated source
     * @return the same source with each such comment on one line
     */
    static String commentsOnOneLine(String source) {
        StringBuilder mended = new StringBuilder(source.length());
        int open = 0;
        for (String line : source.split("\n", -1)) {
            if (open > 0) {
                mended.append(' ').append(line.strip());
                open += brackets(line);
            } else {
                if (mended.length() > 0) {
                    mended.append('\n');
                }
                mended.append(line);
                int comment = line.indexOf("// [");
                open = comment < 0 ? 0 : brackets(line.substring(comment));
            }
        }
        return mended.toString();
    }

    /** Opening brackets less closing ones. */
    private static int brackets(String text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            open += text.charAt(i) == '[' ? 1 : text.charAt(i) == ']' ? -1 : 0;
        }
        return open;
    }
}
