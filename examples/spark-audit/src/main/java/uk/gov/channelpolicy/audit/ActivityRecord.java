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
 * @param text the post's text as exported, or {@code null} when the export has none
 * @param link the post's address as exported, or {@code null}
 * @param categories where the request's content categories came from
 */
public record ActivityRecord(SourceLine source, String id, Instant time, String department, PolicyRequest request,
        String text, String link, CategorySource categories) implements ParsedRecord {

    /**
     * Checks that every required part is given.
     *
     * @param source where the record was read from
     * @param id the record's id in the archive
     * @param time when it happened
     * @param department which department's activity it is
     * @param request who did what with what content on which channel, as a policy request
     * @param text the post's text, or {@code null}
     * @param link the post's address, or {@code null}
     * @param categories where the content categories came from
     */
    public ActivityRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(categories, "categories");
    }
}
