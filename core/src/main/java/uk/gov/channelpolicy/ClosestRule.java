package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * A rule that would have decided a NOT_APPLICABLE request had the request been a little different: one of
 * the rules that came closest, and what the request lacked for it.
 *
 * @param rule the rule's stable id
 * @param effect what the rule would have said: {@link Effect#PERMIT} or {@link Effect#DENY}
 * @param message the rule's one-line description
 * @param lacking what the request lacked for the rule to apply, each in words a policy officer reads, e.g.
 *     {@code applies when the content includes party-political content}; all of them together, at least one
 * @param citation the guidance the rule enforces, quoted verbatim
 */
public record ClosestRule(String rule, Effect effect, String message, List<String> lacking, Citation citation) {

    /**
     * Checks and copies the components.
     *
     * @param rule the rule's stable id
     * @param effect PERMIT or DENY
     * @param message the rule's one-line description
     * @param lacking what the request lacked, at least one condition
     * @param citation the guidance the rule enforces
     */
    public ClosestRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(message, "message");
        lacking = List.copyOf(lacking);
        Objects.requireNonNull(citation, "citation");
        if (effect != Effect.PERMIT && effect != Effect.DENY) {
            throw new IllegalArgumentException("a closest rule permits or denies, not " + effect);
        }
        if (lacking.isEmpty()) {
            throw new IllegalArgumentException("a closest rule lacked at least one thing");
        }
    }
}
