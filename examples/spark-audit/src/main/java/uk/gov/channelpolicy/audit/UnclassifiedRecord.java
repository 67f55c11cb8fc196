package uk.gov.channelpolicy.audit;

import java.time.Instant;
import java.util.Objects;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;

/**
 * A readable record whose content categories nobody stated, the lexicon did not match, and the accounts
 * file gives no default for. It is not decided (a category would be a guess): it goes to human review,
 * counted apart from invalid records.
 *
 * @param source where the record was read from
 * @param id the record's id
 * @param time when it happened
 * @param department whose activity it is
 * @param actor who acted, from the accounts file
 * @param action what they did
 * @param channel the channel, from the accounts file
 * @param text the post's text, or {@code null}
 * @param link the post's address, or {@code null}
 */
public record UnclassifiedRecord(SourceLine source, String id, Instant time, String department, Actor actor, String action,
        Channel channel, String text, String link) implements ParsedRecord {

    /**
     * Checks that every required part is given.
     *
     * @param source where the record was read from
     * @param id the record's id
     * @param time when it happened
     * @param department whose activity it is
     * @param actor who acted
     * @param action what they did
     * @param channel the channel
     * @param text the post's text, or {@code null}
     * @param link the post's address, or {@code null}
     */
    public UnclassifiedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(channel, "channel");
    }
}
