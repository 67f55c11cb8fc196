package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * One change to a request that the person asking could make themselves, as a why-not answer proposes it. This is the
 * one definition of such a change that the library, the command line, the service and the playground share: what
 * they say, what they do, where they do it, or handing the work to the person whose work it is. Never who the
 * person acting is: a why-not answer does not say "be someone else".
 *
 * <ul>
 *   <li>{@code content}: leave out one category, keep to one category, or add one;
 *   <li>{@code action}: do something else instead;
 *   <li>{@code channel}: use another channel: one attributed to no named person, the actor's own (when the request
 *       gives the actor's id), or the same owner's channel used in another capacity;
 *   <li>{@code ask}: ask the person whose work the request is, as the decision's responsibilities say (the channel's
 *       owner when it is theirs); offered only to a request that is not permitted.
 * </ul>
 *
 * @param field which part of the request changes: one of {@link #FIELDS}
 * @param from what the part holds now, in words (ids and labels, never personal data)
 * @param to what it would hold, in words
 * @param instruction the change as something to do, in the rule set's words, e.g. {@code Leave out party-political content}
 */
public record Change(String field, String from, String to, String instruction) {

    /** What a person can change, smallest change first: the order alternatives are ranked in. */
    public static final List<String> FIELDS = List.of("content", "action", "channel", "ask");

    /**
     * Checks that every part is given and the field is one a person can change.
     *
     * @param field the part of the request, one of {@link #FIELDS}
     * @param from the current value in words
     * @param to the proposed value in words
     * @param instruction the change as something to do
     * @throws IllegalArgumentException if the field is not one of {@link #FIELDS}
     */
    public Change {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(instruction, "instruction");
        if (!FIELDS.contains(field)) {
            throw new IllegalArgumentException("a person can change " + FIELDS + ", not " + field);
        }
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
