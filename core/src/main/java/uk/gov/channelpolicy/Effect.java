package uk.gov.channelpolicy;

/** What one rule said about a request. */
public enum Effect {
    /** The rule allows the action (deny still overrides). */
    PERMIT,
    /** The rule forbids the action. */
    DENY,
    /** The rule failed while evaluating, so nothing it would have said is known. */
    INDETERMINATE
}
