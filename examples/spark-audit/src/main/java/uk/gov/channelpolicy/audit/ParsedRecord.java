package uk.gov.channelpolicy.audit;

/**
 * What a line of an archive holds: an {@link ActivityRecord} ready to be decided, or an
 * {@link InvalidRecord} with every problem found, or an {@link UnclassifiedRecord} that only a person can
 * classify. Every line is exactly one of the three, so no record is dropped.
 */
public sealed interface ParsedRecord permits ActivityRecord, InvalidRecord, UnclassifiedRecord {

    /**
     * The line the record was read from.
     *
     * @return the line and where it is
     */
    SourceLine source();

    /**
     * The record's id, when it has a readable one.
     *
     * @return the id, or {@code null}
     */
    String id();
}
