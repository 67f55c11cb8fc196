package uk.gov.channelpolicy.audit;

import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Outcome;

/**
 * The totals and lists a person reads in the report, collected on the driver from the outputs: small,
 * whatever the size of the archive.
 *
 * @param byRule each rule's records, by its effect and the records' outcome
 * @param byAccount each account's records, by outcome
 * @param byActor each actor's records (role, and the id as {@link StaffIds} shows it), by outcome
 * @param byCategorySource decided records by where their categories came from, by outcome
 * @param notApplicable the commonest kinds of NOT_APPLICABLE request, each explained
 * @param review the first records needing a human look (the HTML page's list; {@code review/} has them all)
 * @param invalidProblems invalid records by the path of their problems, with an example message
 * @param invalid the first invalid records (the HTML page's list; {@code invalid/} has them all)
 */
public record AuditTables(List<RuleTotal> byRule, List<GroupTotal> byAccount, List<GroupTotal> byActor,
        List<GroupTotal> byCategorySource, List<NotApplicableGroup> notApplicable, List<ReviewItem> review,
        List<ProblemTotal> invalidProblems, List<InvalidItem> invalid) {

    /**
     * Copies the lists.
     *
     * @param byRule by rule
     * @param byAccount by account
     * @param byActor by actor
     * @param byCategorySource by category source
     * @param notApplicable NOT_APPLICABLE explained
     * @param review records needing a look
     * @param invalidProblems invalid records by problem
     * @param invalid invalid records
     */
    public AuditTables {
        byRule = List.copyOf(byRule);
        byAccount = List.copyOf(byAccount);
        byActor = List.copyOf(byActor);
        byCategorySource = List.copyOf(byCategorySource);
        notApplicable = List.copyOf(notApplicable);
        review = List.copyOf(review);
        invalidProblems = List.copyOf(invalidProblems);
        invalid = List.copyOf(invalid);
    }

    /**
     * How many records a rule took part in, with a record outcome, and what its part was.
     *
     * @param rule the rule's id
     * @param effect the rule's effect: PERMIT or DENY
     * @param outcome the outcome of the records
     * @param records how many records
     * @param description the rule's wording
     * @param section the guidance section it cites
     * @param quote the verbatim quote it enforces
     */
    public record RuleTotal(String rule, String effect, String outcome, long records, String description, String section, String quote) {
        /**
         * What the rule's part in these records was, in words: a PERMIT rule on a DENY record was overruled,
         * not breached.
         *
         * @return e.g. {@code decided}, {@code permitted, overruled by a DENY rule}
         */
        public String part() {
            if (Outcome.INDETERMINATE.name().equals(outcome)) {
                return "failed while deciding";
            }
            if (effect.equals(outcome)) {
                return "decided";
            }
            if ("PERMIT".equals(effect) && "DENY".equals(outcome)) {
                return "permitted, overruled by a DENY rule";
            }
            return effect.toLowerCase(java.util.Locale.ROOT) + " on a " + outcome + " record";
        }
    }

    /**
     * Records of one group (an account, an actor), by outcome.
     *
     * @param key the group's columns, in the table's order
     * @param outcomes records per outcome name, plus {@code unclassified}; absent means 0
     */
    public record GroupTotal(List<String> key, Map<String, Long> outcomes) {
        /**
         * Copies the parts.
         *
         * @param key the group's columns
         * @param outcomes records per outcome
         */
        public GroupTotal {
            key = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
            outcomes = Map.copyOf(outcomes);
        }

        /**
         * The records with an outcome.
         *
         * @param outcome an outcome name or {@code unclassified}
         * @return the count, 0 when none
         */
        public long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /**
         * Every record of the group.
         *
         * @return the total
         */
        public long total() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A kind of request no rule spoke to, how many records asked it, and why it is not applicable.
     *
     * @param request the request's decisive fields in words, e.g. {@code official · draft · personal channel of a minister · party-political}
     * @param records how many records
     * @param explanation why no rule spoke to it, and what would make one speak, in words
     */
    public record NotApplicableGroup(String request, long records, List<String> explanation) {
        /**
         * Copies the explanation.
         *
         * @param request the request in words
         * @param records how many records
         * @param explanation the explanation's lines
         */
        public NotApplicableGroup {
            explanation = List.copyOf(explanation);
        }
    }

    /**
     * A record needing a human look.
     *
     * @param status {@code decided} or {@code unclassified}
     * @param outcome the outcome, or {@code null} when unclassified
     * @param recordId the record's id
     * @param time when, ISO-8601
     * @param account the account
     * @param actor who acted: role and the id as shown
     * @param action what they did
     * @param content the categories, and {@code (machine-classified)} when the lexicon gave them
     * @param text the post's text as shown, or {@code null}
     * @param link the post's address, or {@code null}
     * @param reasons why it needs a look, one line each
     */
    public record ReviewItem(String status, String outcome, String recordId, String time, String account, String actor, String action,
            String content, String text, String link, List<String> reasons) {
        /**
         * Copies the reasons.
         *
         * @param status the status
         * @param outcome the outcome or null
         * @param recordId the id
         * @param time the time
         * @param account the account
         * @param actor the actor
         * @param action the action
         * @param content the content
         * @param text the text or null
         * @param link the link or null
         * @param reasons the reasons
         */
        public ReviewItem {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Invalid records with a problem at one path.
     *
     * @param path the JSON path of the problem, e.g. {@code $.time}
     * @param records how many invalid records have a problem there
     * @param example one problem message there
     */
    public record ProblemTotal(String path, long records, String example) {
    }

    /**
     * An invalid record.
     *
     * @param file the file
     * @param offset where in it
     * @param recordId the record's id when readable, else {@code null}
     * @param problems every problem, one line each
     */
    public record InvalidItem(String file, long offset, String recordId, List<String> problems) {
        /**
         * Copies the problems.
         *
         * @param file the file
         * @param offset where in it
         * @param recordId the id or null
         * @param problems the problems
         */
        public InvalidItem {
            problems = List.copyOf(problems);
        }
    }
}
