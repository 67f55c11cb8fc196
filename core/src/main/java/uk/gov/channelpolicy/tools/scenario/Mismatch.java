package uk.gov.channelpolicy.tools.scenario;

import java.util.Objects;

/**
 * One way a scenario's result differs from what it expects.
 *
 * @param field which part of the decision, e.g. {@code outcome} or {@code rules}
 * @param expected what the scenario expects, as text
 * @param actual what the rule set decided, as text
 * @param explanation what the difference means, in a policy writer's words
 */
public record Mismatch(String field, String expected, String actual, String explanation) {

    /**
     * Checks that every part is given.
     *
     * @param field the decision part
     * @param expected the expected value
     * @param actual the actual value
     * @param explanation the plain-words explanation
     */
    public Mismatch {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(explanation, "explanation");
    }
}
