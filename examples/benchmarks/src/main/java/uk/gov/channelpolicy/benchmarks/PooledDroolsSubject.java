package uk.gov.channelpolicy.benchmarks;

import org.kie.api.KieServices;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Not a baseline but a what-if for the library's engine call: the same stateless execution the library makes,
 * with sessions taken from a {@link KieSessionsPool} (which resets and reuses them) instead of created afresh for
 * each decision. It answers the raw findings, like {@link NaiveDroolsSubject}.
 */
final class PooledDroolsSubject extends BareDroolsSubject {
    /** Sessions kept for reuse: one per core is enough when callers are not blocked inside a decision. */
    private static final int POOLED_SESSIONS = 2 * Runtime.getRuntime().availableProcessors();

    private final KieSessionsPool pool;

    PooledDroolsSubject(Vocabulary vocabulary) {
        super(KieServices.Factory.get().getKieClasspathContainer().getKieBase("dh"), vocabulary);
        this.pool = kieBase.newKieSessionsPool(POOLED_SESSIONS);
    }

    @Override
    public Findings decide(PolicyRequest request) {
        StatelessKieSession session = pool.newStatelessKieSession();
        Findings found = new Findings();
        session.addEventListener(DroolsFindings.recorder(found));
        session.execute(new Request(request, vocabulary));
        return found;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
