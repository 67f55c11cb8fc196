package uk.gov.channelpolicy.audit;

import java.util.Map;
import java.util.Objects;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * What one run of the audit did: written as {@code run.json} and {@code report.html} beside the outputs,
 * and printed.
 *
 * @param input the input read
 * @param output the directory written
 * @param format the input's format
 * @param ruleSet the rule set that decided
 * @param decided how many records were decided (the first of each record id)
 * @param invalid how many records were quarantined in {@code invalid/}: unreadable, or a later duplicate of a record id
 * @param duplicates how many of the invalid records are later duplicates of a record id
 * @param unclassified how many readable records had no content category and were not decided: for a person to classify
 * @param machineClassified how many decided records had their categories from the lexicon
 * @param outcomes how many decided records had each outcome; every outcome is present, 0 when none
 * @param maxInvalid the largest share of invalid records the run may have and succeed
 * @param stage what the deciding stage cost
 * @param seconds how long the run took, from reading to the last output written
 * @param staffIds how staff ids are shown, in words
 * @param textMasked whether handles and e-mail addresses in texts are masked
 * @param tables the totals and lists of the report
 */
public record AuditReport(String input, String output, InputFormat format, RuleSetIdentity ruleSet, long decided, long invalid,
        long duplicates, long unclassified, long machineClassified, Map<Outcome, Long> outcomes, double maxInvalid, DecidingStage stage,
        double seconds, String staffIds, boolean textMasked, AuditTables tables) {

    /**
     * Checks and copies the parts.
     *
     * @param input the input
     * @param output the output
     * @param format the format
     * @param ruleSet the rule set
     * @param decided records decided
     * @param invalid records quarantined
     * @param duplicates of which duplicates
     * @param unclassified records not classified
     * @param machineClassified decided records classified by the lexicon
     * @param outcomes per outcome
     * @param maxInvalid the threshold
     * @param stage the deciding stage
     * @param seconds the run's time
     * @param staffIds how staff ids are shown
     * @param textMasked whether texts are masked
     * @param tables the report's tables
     */
    public AuditReport {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(staffIds, "staffIds");
        Objects.requireNonNull(tables, "tables");
        outcomes = Map.copyOf(outcomes);
        for (Outcome outcome : Outcome.values()) {
            if (!outcomes.containsKey(outcome)) {
                throw new IllegalArgumentException("outcomes has no count for " + outcome);
            }
        }
    }

    /**
     * Every record read: decided, unclassified and invalid together.
     *
     * @return the number of records read
     */
    public long records() {
        return decided + invalid + unclassified;
    }

    /**
     * The decided records whose action was not allowed: DENY, NOT_APPLICABLE and INDETERMINATE. Only PERMIT allows.
     *
     * @return the number of records not permitted
     */
    public long notPermitted() {
        return decided - outcomes.get(Outcome.PERMIT);
    }

    /**
     * The share of records read that are invalid.
     *
     * @return 0 to 1; 1 when nothing was read
     */
    public double invalidFraction() {
        return records() == 0 ? 1.0 : (double) invalid / records();
    }

    /**
     * Why a scheduler must not take this run as a success, or {@code null} when it may.
     *
     * @return the reason, or {@code null}
     */
    public String failure() {
        if (records() == 0) {
            return "no records were read from " + input;
        }
        if (invalidFraction() > maxInvalid) {
            return String.format("%.2f%% of the records are invalid (%,d of %,d), more than --max-invalid %s%%: see %s/invalid and %s/%s",
                    100 * invalidFraction(), invalid, records(), percent(maxInvalid), output, output, ArchiveAudit.HTML);
        }
        return null;
    }

    private static String percent(double fraction) {
        String text = String.format("%.4f", 100 * fraction).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * A few lines for a person.
     *
     * @return the text, ending with a line break
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Audited %,d records from %s (%s) with rule set %s %s (%s)%n", records(), input, format.id(),
                ruleSet.id(), ruleSet.version(), ruleSet.digest()));
        text.append(String.format("  decided:        %,d  (", decided));
        String separator = "";
        for (Outcome outcome : Outcome.values()) {
            text.append(separator).append(outcome.name()).append(' ').append(String.format("%,d", outcomes.get(outcome)));
            separator = ", ";
        }
        text.append(String.format("; %,d machine-classified)%n", machineClassified));
        text.append(String.format("  not permitted:  %,d  (DENY, NOT_APPLICABLE, INDETERMINATE: %s/review)%n", notPermitted(), output));
        text.append(String.format("  unclassified:   %,d  (no content category: not decided, for a person to classify: %s/review)%n",
                unclassified, output));
        text.append(String.format("  invalid:        %,d  (%.2f%%; %,d of them duplicate record ids; each with its problems: %s/invalid)%n",
                invalid, 100 * (records() == 0 ? 0 : invalidFraction()), duplicates, output));
        text.append(String.format("Deciding stage: %,d records in %.1f s on %d cores (%,.0f records/s per core), %.1f s of CPU "
                + "(%,.0f records per CPU second); evaluate alone %,.0f decisions per CPU second%n", stage.records(), stage.seconds(), stage.cores(),
                stage.recordsPerSecondPerCore(), stage.cpuSeconds(), stage.recordsPerCpuSecond(), stage.decisionsPerEvaluateSecond()));
        text.append(String.format("Wrote %s (report: %s/%s) in %.1f s%n", output, output, ArchiveAudit.HTML, seconds));
        return text.toString();
    }
}
