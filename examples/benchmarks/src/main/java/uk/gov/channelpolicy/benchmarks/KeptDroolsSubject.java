package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.ancompiler.CompiledNetworkSources;
import org.drools.ancompiler.ObjectTypeNodeCompiler;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.memorycompiler.KieMemoryCompiler;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Not a baseline but a what-if for the engine path's share of Drools: Drools alone, the way the library's engine path
 * drives it and with nothing of the library around it. Each thread keeps a session of the precompiled {@code dh} kbase;
 * a decision inserts the request, fires with a filter that records each finding as its match is accepted, then empties
 * the session (deletes every fact and propagates the deletions with no rule allowed to fire). It answers the raw
 * findings, like {@link NaiveDroolsSubject}.
 *
 * <p>With {@code compiledAlphaNetwork}, Drools' alpha network compiler first turns the kbase's alpha network (the
 * constraints on one fact at a time, most of the work of inserting the request) into generated Java, compiled in memory.
 * The library does not: at run time it needs javaparser, drools-model-codegen, drools-alphanetwork-compiler and a
 * Java compiler, which a consumer of a precompiled rule set does not have (issue 17 keeps its classpath to 10 MB), and
 * for a rule-set directory it would compile Java generated from an untrusted rule file's text. As an opt-in for
 * precompiled rule sets (commit 14a1694, reverted) it did not carry the engine path over the 1.5x floor; the figures are
 * in docs/performance.md.
 */
final class KeptDroolsSubject extends BareDroolsSubject {
    /** Lets no rule fire: what empties a kept session propagates its deletions and nothing more. */
    private static final AgendaFilter NO_RULE = match -> false;

    private final List<KieSession> sessions = new ArrayList<>();
    private final ThreadLocal<KieSession> session;

    KeptDroolsSubject(Vocabulary vocabulary, boolean compiledAlphaNetwork) {
        super(kieBase(compiledAlphaNetwork), vocabulary);
        this.session = ThreadLocal.withInitial(() -> {
            KieSession made = kieBase.newKieSession();
            synchronized (sessions) {
                sessions.add(made);
            }
            return made;
        });
    }

    @Override
    public Findings decide(PolicyRequest request) {
        KieSession kept = session.get();
        Findings found = new Findings();
        kept.insert(new Request(request, vocabulary));
        kept.fireAllRules(match -> {
            DroolsFindings.record(found, match);
            return true;
        });
        for (Object handle : kept.getFactHandles().toArray()) {
            kept.delete((FactHandle) handle);
        }
        kept.fireAllRules(NO_RULE);
        if (kept.getFactCount() != 0) {
            throw new IllegalStateException("the kept session still holds " + kept.getFactCount() + " facts");
        }
        return found;
    }

    @Override
    public void close() {
        synchronized (sessions) {
            sessions.forEach(KieSession::dispose);
            sessions.clear();
        }
    }

    /** A kbase of its own: compiling the alpha network changes the kbase, and naive Drools keeps the shared one. */
    private static KieBase kieBase(boolean compiledAlphaNetwork) {
        KieBase kieBase = KieServices.Factory.get().getKieClasspathContainer().newKieBase("dh", null);
        if (compiledAlphaNetwork) {
            compileAlphaNetwork(kieBase);
        }
        return kieBase;
    }

    /**
     * Replaces the kbase's alpha network with Java generated for it and compiled in memory, as Drools'
     * {@code KieBaseUpdaterANC.generateAndSetInMemoryANC} does, but with the generated source mended first: Drools
     * 10.2.0 writes each constraint's text into a line comment, so a constraint written over two lines (one of DH's
     * {@code dh.principles.be-personal} is) puts its second line outside the comment, and the source does not compile.
     */
    private static void compileAlphaNetwork(KieBase kieBase) {
        Map<String, CompiledNetworkSources> networks =
                ObjectTypeNodeCompiler.compiledNetworkSourceMap(((InternalKnowledgeBase) kieBase).getRete());
        Map<String, String> sources = new TreeMap<>();
        networks.forEach((name, network) -> sources.put(name, commentsOnOneLine(network.getSource())));
        Map<String, Class<?>> classes = KieMemoryCompiler.compile(sources, KeptDroolsSubject.class.getClassLoader());
        networks.values().forEach(network -> network.createInstanceAndSet(classes.get(network.getName())));
    }

    /**
     * Joins a node's comment that its constraint's text broke over several lines back into one line: the comment
     * ({@code // [AlphaNode(25) constraint=[...]]}) goes on until its brackets balance.
     */
    private static String commentsOnOneLine(String source) {
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
