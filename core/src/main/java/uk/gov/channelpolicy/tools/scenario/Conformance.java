package uk.gov.channelpolicy.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.gov.channelpolicy.ChannelPolicy;

/**
 * The conformance kit: runs upstream's scenarios against a fork. Every upstream scenario must pass,
 * unless the fork's manifest declares the failure intentional (under {@code intentionalDifferences},
 * with why). A declared difference that no longer fails is reported too, so declarations do not rot.
 *
 * <pre>{@code
 * assertThat(Conformance.check(forkPolicy).undeclared()).isEmpty();
 * }</pre>
 *
 * @param passed upstream scenarios the fork passes
 * @param intentional upstream scenarios the fork fails as declared, with the declared reason
 * @param undeclared upstream scenarios the fork fails without declaring it
 * @param stale declared differences whose scenario passes (or does not exist)
 */
public record Conformance(List<ScenarioResult> passed, Map<ScenarioResult, String> intentional, List<ScenarioResult> undeclared,
        List<String> stale) {

    /**
     * Copies the components.
     *
     * @param passed passing scenarios
     * @param intentional declared failures
     * @param undeclared undeclared failures
     * @param stale stale declarations
     */
    public Conformance {
        passed = List.copyOf(passed);
        intentional = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(intentional));
        undeclared = List.copyOf(undeclared);
        stale = List.copyOf(stale);
    }

    /**
     * Runs the fork's base's scenarios against the fork.
     *
     * @param fork a policy whose rule set extends another
     * @return the report
     * @throws IllegalArgumentException if the policy's rule set is not a fork
     */
    public static Conformance check(ChannelPolicy fork) {
        if (fork.ruleSet().baseManifest().isEmpty()) {
            throw new IllegalArgumentException("rule set " + fork.ruleSet().identity().id() + " extends no other rule set");
        }
        Map<String, String> declared = new TreeMap<>(fork.ruleSet().manifest().intentionalDifferences());
        List<ScenarioResult> passed = new ArrayList<>();
        Map<ScenarioResult, String> intentional = new java.util.LinkedHashMap<>();
        List<ScenarioResult> undeclared = new ArrayList<>();
        for (ScenarioResult result : Scenarios.run(fork, fork.ruleSet().baseScenarioFiles())) {
            String reason = declared.remove(result.name());
            if (result.passed()) {
                passed.add(result);
                if (reason != null) {
                    declared.put(result.name(), reason);
                }
            } else if (reason != null) {
                intentional.put(result, reason);
            } else {
                undeclared.add(result);
            }
        }
        return new Conformance(passed, intentional, undeclared, List.copyOf(declared.keySet()));
    }

    /**
     * Whether the fork conforms: no undeclared failure and no stale declaration.
     *
     * @return true when it conforms
     */
    public boolean conforms() {
        return undeclared.isEmpty() && stale.isEmpty();
    }
}
