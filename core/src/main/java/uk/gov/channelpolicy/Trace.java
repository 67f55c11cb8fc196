package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * A decision together with every rule that fired to make it.
 *
 * @param decision the decision
 * @param firedRules the id of each rule that fired, in firing order; a rule that fired for several
 *     matches is listed once per match
 */
public record Trace(Decision decision, List<String> firedRules) {

    /**
     * Checks and copies the components.
     *
     * @param decision the decision
     * @param firedRules the id of each rule that fired, in firing order
     */
    public Trace {
        Objects.requireNonNull(decision, "decision");
        firedRules = List.copyOf(firedRules);
    }
}
