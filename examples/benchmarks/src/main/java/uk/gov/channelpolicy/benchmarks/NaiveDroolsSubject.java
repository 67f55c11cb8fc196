package uk.gov.channelpolicy.benchmarks;

import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Drools as a first-time user writes it, on the same precompiled {@code dh} kbase: a stateful session per
 * decision, insert the request, fire all rules, dispose. It answers the raw findings: no validation, no decision,
 * no firing limit.
 */
final class NaiveDroolsSubject extends BareDroolsSubject {
    NaiveDroolsSubject(Vocabulary vocabulary) {
        super(KieServices.Factory.get().getKieClasspathContainer().getKieBase("dh"), vocabulary);
    }

    @Override
    public Findings decide(PolicyRequest request) {
        KieSession session = kieBase.newKieSession();
        try {
            Findings found = new Findings();
            session.addEventListener(DroolsFindings.recorder(found));
            session.insert(new Request(request, vocabulary));
            session.fireAllRules();
            return found;
        } finally {
            session.dispose();
        }
    }
}
