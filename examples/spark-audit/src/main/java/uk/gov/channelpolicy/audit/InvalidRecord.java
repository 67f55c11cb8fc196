package uk.gov.channelpolicy.audit;

import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Problem;

/**
 * A line that holds no decidable activity record, and why: no decision is made for it, and it is
 * reported, never dropped.
 *
 * @param source where the line was read from, with its text
 * @param id the record's id if the line gave a usable one, else {@code null}
 * @param department the record's department if the line gave a usable one, else {@code null}
 * @param problems every problem found, each with a JSON path into the record, the allowed values and
 *     a "did you mean" for near misses; never empty
 */
public record InvalidRecord(SourceLine source, String id, String department, List<Problem> problems) implements ParsedRecord, Imported {

    /**
     * Checks and copies the parts.
     *
     * @param source where the line was read from, with its text
     * @param id the record's id if the line gave a usable one, else {@code null}
     * @param department the record's department if the line gave a usable one, else {@code null}
     * @param problems every problem found; never empty
     */
    public InvalidRecord {
        Objects.requireNonNull(source, "source");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid record has at least one problem");
        }
    }
}
