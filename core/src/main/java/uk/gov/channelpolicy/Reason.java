package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * One rule that decided, and why.
 *
 * @param rule the rule's stable id, e.g. {@code dh.ministers.no-official-help-with-party-political}
 * @param effect what the rule said
 * @param message the rule's one-line description
 * @param citation the guidance the rule enforces
 */
public record Reason(String rule, Effect effect, String message, Citation citation) {

    /**
     * Checks that every part is given.
     *
     * @param rule the rule's stable id, e.g. {@code dh.ministers.no-official-help-with-party-political}
     * @param effect what the rule said
     * @param message the rule's one-line description
     * @param citation the guidance the rule enforces
     */
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(citation, "citation");
    }
}
