package uk.gov.channelpolicy.benchmarks;

import org.kie.api.KieBase;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * A subject that runs the {@code dh} kbase with nothing of the library around it and answers the raw findings; for the
 * correctness check only, they are read the way the library's decision reads them ({@link DroolsFindings}).
 */
abstract class BareDroolsSubject implements Subject {
    /** The kbase the subject runs. */
    protected final KieBase kieBase;
    /** What the rules need of a request is made from it, as the library makes it. */
    protected final Vocabulary vocabulary;
    private final DroolsFindings findings;

    BareDroolsSubject(KieBase kieBase, Vocabulary vocabulary) {
        this.kieBase = kieBase;
        this.vocabulary = vocabulary;
        this.findings = new DroolsFindings(kieBase, vocabulary);
    }

    @Override
    public final Verdict verdict(Object answer) {
        return findings.verdict((Findings) answer);
    }
}
