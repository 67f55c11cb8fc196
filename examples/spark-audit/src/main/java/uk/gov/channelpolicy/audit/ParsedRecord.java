package uk.gov.channelpolicy.audit;

/**
 * What a line of an archive holds: an {@link ActivityRecord} ready to be decided, or an
 * {@link InvalidRecord} with every problem found. Every line is exactly one of the two, so no record
 * is dropped.
 */
public sealed interface ParsedRecord permits ActivityRecord, InvalidRecord {

    /**
     * The line the record was read from.
     *
     * @return the line and where it is
     */
    SourceLine source();
}
