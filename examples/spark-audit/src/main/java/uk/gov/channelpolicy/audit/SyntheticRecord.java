package uk.gov.channelpolicy.audit;

import java.util.Objects;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * One record of a synthetic archive, with what the generator meant by it: the line to write, and
 * either the request it asks (for a sound record) or the defect put into it.
 *
 * @param index the record's position in the archive, from 0
 * @param id the record's id
 * @param line the JSON line as written to the archive
 * @param requestLine the request part alone as one JSON line (what a plain request reader such as
 *     {@code channel-policy evaluate --jsonl} takes); for a malformed record, the same malformed line
 * @param request the request the record asks, built with {@link PolicyRequest#builder} from the same
 *     values as the line; {@code null} when a defect broke it
 * @param defect what was done wrong on purpose, or {@link Defect#NONE}
 */
public record SyntheticRecord(long index, String id, String line, String requestLine, PolicyRequest request, Defect defect) {

    /**
     * Checks the parts.
     *
     * @param index the record's position in the archive, from 0
     * @param id the record's id
     * @param line the JSON line as written to the archive
     * @param requestLine the request part alone as one JSON line
     * @param request the request the record asks, or {@code null} when a defect broke it
     * @param defect what was done wrong on purpose, or {@link Defect#NONE}
     */
    public SyntheticRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(requestLine, "requestLine");
        Objects.requireNonNull(defect, "defect");
        if (defect == Defect.NONE && request == null) {
            throw new IllegalArgumentException("a sound record has a request");
        }
    }

    /**
     * Whether the record should be decided: it has no defect.
     *
     * @return true for a sound record
     */
    public boolean sound() {
        return defect == Defect.NONE;
    }

    /** The mistakes a synthetic archive holds on purpose, as real exports do, each with where it shows. */
    public enum Defect {
        /** A sound record. */
        NONE(null),
        /** A near miss of a role id, such as {@code "minster"}: the reader suggests the right one. */
        MISSPELT_ROLE("$.request.actor.role"),
        /** A near miss of an action id, such as {@code "psot"}. */
        MISSPELT_ACTION("$.request.action"),
        /** A content category the rule set does not have, such as {@code "party political"}. */
        UNKNOWN_CONTENT("$.request.content[0]"),
        /** The request has no action. */
        MISSING_ACTION("$.request.action"),
        /** The request has no content. */
        MISSING_CONTENT("$.request.content"),
        /** The record has no time. */
        MISSING_TIME("$.time"),
        /** The record has no department. */
        MISSING_DEPARTMENT("$.department"),
        /** The time is written the way a spreadsheet writes it, with no zone. */
        UNZONED_TIME("$.time"),
        /** The line was cut short: not JSON. */
        TRUNCATED_LINE("$");

        private final String path;

        Defect(String path) {
            this.path = path;
        }

        /**
         * The JSON path of the problem this defect must be reported with.
         *
         * @return the path, or {@code null} for {@link #NONE}
         */
        public String path() {
            return path;
        }
    }
}
