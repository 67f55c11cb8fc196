package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * One change to one field of a request, as a why-not answer proposes it.
 *
 * @param field the request field: {@code actor.role}, {@code action}, {@code channel.type},
 *     {@code channel.owner} or {@code content}
 * @param from what the field holds now, in words (ids, never personal data)
 * @param to what it would hold, in words
 */
public record Change(String field, String from, String to) {

    /**
     * Checks that every part is given.
     *
     * @param field the request field
     * @param from the current value in words
     * @param to the proposed value in words
     */
    public Change {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The change in one line, e.g. {@code action: draft -> advise}.
     *
     * @return the description
     */
    public String describe() {
        return field + ": " + from + " -> " + to;
    }
}
