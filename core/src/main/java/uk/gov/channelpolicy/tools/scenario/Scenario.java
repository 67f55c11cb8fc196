package uk.gov.channelpolicy.tools.scenario;

import java.util.Objects;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * One scenario file.
 *
 * @param name the file's path relative to the scenario folder, e.g. {@code partisan/comms-drafts-party-political.json}
 * @param description what the case is, in the policy writer's words
 * @param given the request
 * @param expect what the rule set must decide
 */
public record Scenario(String name, String description, PolicyRequest given, Expectation expect) {

    /**
     * Checks that every part is given.
     *
     * @param name the file's relative path
     * @param description what the case is
     * @param given the request
     * @param expect the expectation
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(expect, "expect");
    }
}
