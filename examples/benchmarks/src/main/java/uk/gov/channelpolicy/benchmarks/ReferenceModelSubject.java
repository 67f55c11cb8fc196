package uk.gov.channelpolicy.benchmarks;

import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.rules.dh.DhReferenceModel;

/**
 * The floor: the DH policy hand-coded in plain Java ({@link DhReferenceModel}, from the rules-dh tests). It answers
 * the outcome, channel type and codes, with no reasons, citations, advice or responsibilities.
 */
final class ReferenceModelSubject implements Subject {

    @Override
    public DhReferenceModel.Answer decide(PolicyRequest request) {
        return DhReferenceModel.decide(request);
    }

    @Override
    public Verdict verdict(Object answer) {
        DhReferenceModel.Answer reference = (DhReferenceModel.Answer) answer;
        return new Verdict(reference.outcome(), reference.channelType(), reference.codes(), null);
    }
}
