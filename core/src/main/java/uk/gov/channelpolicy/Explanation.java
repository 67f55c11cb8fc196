package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * A decision and why not otherwise: the smallest changes to the request that would change the
 * outcome (to PERMIT when the request is not permitted; away from PERMIT when it is).
 *
 * @param decision the decision for the request as asked
 * @param rulesFired every rule that fired for it, in firing order
 * @param alternatives the smallest sets of changes the person asking could make ({@link Change}) that give a
 *     different outcome, smallest first, near-identical ones collapsed; empty when no change of one or two fields would
 */
public record Explanation(Decision decision, List<String> rulesFired, List<Alternative> alternatives) {

    /**
     * Checks and copies the components.
     *
     * @param decision the decision
     * @param rulesFired the rules that fired
     * @param alternatives the alternatives
     */
    public Explanation {
        Objects.requireNonNull(decision, "decision");
        rulesFired = List.copyOf(rulesFired);
        alternatives = List.copyOf(alternatives);
    }
}
