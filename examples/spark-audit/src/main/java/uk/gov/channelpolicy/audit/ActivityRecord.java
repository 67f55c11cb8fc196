package uk.gov.channelpolicy.audit;

import java.time.Instant;
import java.util.Objects;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * One thing someone did on a social-media channel, as the archive records it, with the question it
 * puts to the rule set.
 *
 * @param source where the record was read from
 * @param id the record's id in the archive
 * @param time when it happened
 * @param department which department's activity it is
 * @param request who did what with what content on which channel, as a policy request
 */
public record ActivityRecord(SourceLine source, String id, Instant time, String department, PolicyRequest request)
        implements ParsedRecord {

    /**
     * Checks that every part is given.
     *
     * @param source where the record was read from
     * @param id the record's id in the archive
     * @param time when it happened
     * @param department which department's activity it is
     * @param request who did what with what content on which channel, as a policy request
     */
    public ActivityRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(request, "request");
    }
}
