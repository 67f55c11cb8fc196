package uk.gov.channelpolicy;

/**
 * What a decision says. Only {@link #PERMIT} allows the action: the API fails closed.
 */
public enum Outcome {
    /** At least one rule permits the action and none denies it. The only outcome that allows the action. */
    PERMIT,
    /** At least one rule denies the action; deny overrides any permit. */
    DENY,
    /**
     * No rule permits or forbids the request. The decision's {@link Decision#notApplicable()} says whose work it is
     * and which rules came closest. Treat as no.
     */
    NOT_APPLICABLE,
    /** A rule failed while evaluating; the reasons name it. Treat as no. */
    INDETERMINATE;

    /**
     * Whether this outcome allows the action.
     *
     * @return true only for {@link #PERMIT}
     */
    public boolean allows() {
        return this == PERMIT;
    }
}
