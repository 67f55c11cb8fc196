package uk.gov.channelpolicy.tools.scenario;

import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Trace;

/**
 * The result of running one scenario file.
 *
 * @param name the file's path relative to the scenario folder
 * @param description the scenario's description, or the file name when it could not be read
 * @param scenario the scenario, or {@code null} when the file could not be read
 * @param trace the decision and the rules that fired, or {@code null} when nothing was evaluated
 * @param mismatches every difference from the expectation, or the file's problems; empty when it passed
 */
public record ScenarioResult(String name, String description, Scenario scenario, Trace trace, List<Mismatch> mismatches) {

    /**
     * Checks and copies the components.
     *
     * @param name the file's relative path
     * @param description the description
     * @param scenario the scenario or null
     * @param trace the trace or null
     * @param mismatches the differences
     */
    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        mismatches = List.copyOf(mismatches);
    }

    /**
     * Whether the rule set decided exactly what the scenario expects.
     *
     * @return true when there is no mismatch
     */
    public boolean passed() {
        return mismatches.isEmpty();
    }

    /**
     * A readable report: the scenario, then each mismatch with expected and actual side by side.
     *
     * @return the report, several lines
     */
    public String report() {
        StringBuilder text = new StringBuilder();
        text.append(passed() ? "PASS " : "FAIL ").append(name).append(": ").append(description).append('\n');
        for (Mismatch mismatch : mismatches) {
            text.append("  ").append(mismatch.field()).append('\n')
                    .append("    expected: ").append(mismatch.expected()).append('\n')
                    .append("    actual:   ").append(mismatch.actual()).append('\n')
                    .append("    ").append(mismatch.explanation()).append('\n');
        }
        return text.toString();
    }
}
