package uk.gov.channelpolicy.tools.scenario;

import java.util.Objects;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * One scenario file.
 *
 * @param name the file's path relative to the scenario folder, e.g. {@code partisan/comms-drafts-party-political.json}
 * @param description what the case is, in the policy writer's words
 * @param given the request, or {@code null} when the scenario expects an invalid request
 * @param givenJson the request as the file gives it, JSON
 * @param expect what the rule set must decide, or the problems of an invalid request
 */
public record Scenario(String name, String description, PolicyRequest given, String givenJson, Expectation expect) {

    /**
     * Checks that every part is given.
     *
     * @param name the file's relative path
     * @param description what the case is
     * @param given the request, null only for an invalid request
     * @param givenJson the request's JSON
     * @param expect the expectation
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(givenJson, "givenJson");
        Objects.requireNonNull(expect, "expect");
        if ((given == null) != expect.expectsInvalid()) {
            throw new IllegalArgumentException("a scenario has a request it decides, or expects an invalid one, not both");
        }
    }
}
