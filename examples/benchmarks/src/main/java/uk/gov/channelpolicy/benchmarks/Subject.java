package uk.gov.channelpolicy.benchmarks;

import uk.gov.channelpolicy.PolicyRequest;

/**
 * One way of deciding DH requests, benchmarked beside the others. Implementations are safe to call from several
 * threads at once, as {@code ChannelPolicy} is.
 */
public interface Subject extends AutoCloseable {

    /**
     * Decides a request, giving the subject's own complete answer: what the benchmark measures and consumes.
     *
     * @param request a valid DH request
     * @return the answer, e.g. a {@code Decision}
     */
    Object decide(PolicyRequest request);

    /**
     * Reduces an answer from {@link #decide} to what every subject can be compared on.
     *
     * @param answer what {@link #decide} returned
     * @return the verdict
     */
    Verdict verdict(Object answer);

    /** Releases what the subject holds; by default nothing. */
    @Override
    default void close() {
    }
}
