package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * Non-binding guidance that bears on the request, whatever the outcome.
 *
 * @param rule the id of the rule that gives it
 * @param principle the id of the principle it applies (from the vocabulary), or {@code null} when it is
 *     not one of the principles
 * @param message the advice
 * @param citation the guidance it comes from
 */
public record Advice(String rule, String principle, String message, Citation citation) {

    /**
     * Checks that the required parts are given.
     *
     * @param rule the id of the rule that gives it
     * @param principle the id of the principle it applies (from the vocabulary), or {@code null} when it is not one of the principles
     * @param message the advice
     * @param citation the guidance it comes from
     */
    public Advice {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(citation, "citation");
    }
}
