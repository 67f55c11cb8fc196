package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.CompiledAlphaNetwork;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Not a baseline but a what-if for the engine path's share of Drools: Drools alone, the way the library's engine path
 * drives it and with nothing of the library around it. Each thread keeps a session of the precompiled {@code dh} kbase;
 * a decision inserts the request, fires with a filter that records each finding as its match is accepted, then empties
 * the session (deletes every fact and propagates the deletions with no rule allowed to fire). It answers the raw
 * findings, like {@link NaiveDroolsSubject}.
 *
 * <p>With {@code compiledAlphaNetwork}, the kbase's alpha network (the constraints on one fact at a time, most of the
 * work of inserting the request) is first compiled to Java as the library's {@code compiledAlphaNetwork()} option does
 * ({@link CompiledAlphaNetwork}).
 */
final class KeptDroolsSubject implements Subject {
    /** Lets no rule fire: what empties a kept session propagates its deletions and nothing more. */
    private static final AgendaFilter NO_RULE = match -> false;

    private final KieBase kieBase;
    private final DroolsFindings findings;
    private final Vocabulary vocabulary;
    private final List<KieSession> sessions = new ArrayList<>();
    private final ThreadLocal<KieSession> session;

    KeptDroolsSubject(Vocabulary vocabulary, boolean compiledAlphaNetwork) {
        // A kbase of its own: compiling the alpha network changes the kbase, and naive Drools keeps the shared one.
        this.kieBase = KieServices.Factory.get().getKieClasspathContainer().newKieBase("dh", null);
        if (compiledAlphaNetwork) {
            CompiledAlphaNetwork.compile(kieBase);
        }
        this.findings = new DroolsFindings(kieBase, vocabulary);
        this.vocabulary = vocabulary;
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
    public Verdict verdict(Object answer) {
        return findings.verdict((Findings) answer);
    }

    @Override
    public void close() {
        synchronized (sessions) {
            sessions.forEach(KieSession::dispose);
            sessions.clear();
        }
    }
}
