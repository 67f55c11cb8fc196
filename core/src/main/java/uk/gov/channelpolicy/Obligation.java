package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * Something that must be done if the action goes ahead. Obligations accompany a {@link Outcome#PERMIT}
 * only: a decision that does not permit carries none.
 *
 * @param rule the id of the rule that imposes it
 * @param message what must be done
 * @param citation the guidance it comes from
 */
public record Obligation(String rule, String message, Citation citation) {

    /**
     * Checks that every part is given.
     *
     * @param rule the id of the rule that imposes it
     * @param message what must be done
     * @param citation the guidance it comes from
     */
    public Obligation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(citation, "citation");
    }
}
