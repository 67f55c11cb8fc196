package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * Whose work the requested action is, per the guidance's roles and responsibilities.
 *
 * @param role the role id that owns this kind of work
 * @param rule the id of the rule that says so
 * @param message what the role is responsible for
 * @param citation the guidance it comes from
 */
public record Responsibility(String role, String rule, String message, Citation citation) {

    /**
     * Checks that every part is given.
     *
     * @param role the role id that owns this kind of work
     * @param rule the id of the rule that says so
     * @param message what the role is responsible for
     * @param citation the guidance it comes from
     */
    public Responsibility {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(citation, "citation");
    }
}
