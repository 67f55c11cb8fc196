package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * A request a few changes away from the one asked about, and what the rules would decide for it.
 *
 * @param changes the changes, one per field, at least one
 * @param request the changed request
 * @param decision the decision for the changed request
 */
public record Alternative(List<Change> changes, PolicyRequest request, Decision decision) {

    /**
     * Checks and copies the components.
     *
     * @param changes the changes
     * @param request the changed request
     * @param decision its decision
     */
    public Alternative {
        changes = List.copyOf(changes);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an alternative changes at least one field");
        }
    }
}
