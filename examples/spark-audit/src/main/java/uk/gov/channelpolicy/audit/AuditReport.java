package uk.gov.channelpolicy.audit;

import java.util.Map;
import java.util.Objects;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * What one run of the audit did: written as {@code run.json} beside the outputs, and printed.
 *
 * @param input the archive read
 * @param output the directory written
 * @param ruleSet the rule set that decided
 * @param decided how many records were decided
 * @param invalid how many lines held no decidable record (each is in {@code invalid/})
 * @param outcomes how many decided records had each outcome; every outcome is present, 0 when none
 * @param seconds how long the run took, from reading to the last output written
 */
public record AuditReport(String input, String output, RuleSetIdentity ruleSet, long decided, long invalid,
        Map<Outcome, Long> outcomes, double seconds) {

    /**
     * Checks and copies the parts.
     *
     * @param input the archive read
     * @param output the directory written
     * @param ruleSet the rule set that decided
     * @param decided how many records were decided
     * @param invalid how many lines held no decidable record
     * @param outcomes how many decided records had each outcome; every outcome present
     * @param seconds how long the run took
     */
    public AuditReport {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(ruleSet, "ruleSet");
        outcomes = Map.copyOf(outcomes);
        for (Outcome outcome : Outcome.values()) {
            if (!outcomes.containsKey(outcome)) {
                throw new IllegalArgumentException("outcomes has no count for " + outcome);
            }
        }
    }

    /**
     * Every line read: decided and invalid together.
     *
     * @return the number of records read
     */
    public long records() {
        return decided + invalid;
    }

    /**
     * The decided records whose action was not allowed: DENY, NOT_APPLICABLE and INDETERMINATE, as
     * {@code denied/} holds them. Only PERMIT allows.
     *
     * @return the number of records not permitted
     */
    public long notPermitted() {
        return decided - outcomes.get(Outcome.PERMIT);
    }

    /**
     * A few lines for a person.
     *
     * @return the text, ending with a line break
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Audited %,d records from %s with rule set %s %s (%s)%n", records(), input, ruleSet.id(),
                ruleSet.version(), ruleSet.digest()));
        text.append(String.format("  decided:        %,d  (", decided));
        String separator = "";
        for (Outcome outcome : Outcome.values()) {
            text.append(separator).append(outcome.name()).append(' ').append(String.format("%,d", outcomes.get(outcome)));
            separator = ", ";
        }
        text.append(")\n");
        text.append(String.format("  not permitted:  %,d  (DENY, NOT_APPLICABLE, INDETERMINATE: %s/denied)%n", notPermitted(), output));
        text.append(String.format("  invalid:        %,d  (each with its problems: %s/invalid)%n", invalid, output));
        text.append(String.format("Wrote %s in %.1f s: %,.0f records/s%n", output, seconds, seconds > 0 ? records() / seconds : 0.0));
        return text.toString();
    }
}
