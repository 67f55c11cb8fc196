package uk.gov.channelpolicy.audit;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Alternative;
import uk.gov.channelpolicy.Change;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.load.RuleInfo;

/**
 * Collects the report's totals and lists from the written outputs, on the driver. Every query groups
 * or limits first, so what comes back is small whatever the archive's size.
 */
final class ReportTables {
    /** How many kinds of NOT_APPLICABLE request the report explains, commonest first. */
    static final int NOT_APPLICABLE_KINDS = 20;
    /** How many invalid records the HTML page lists. */
    static final int INVALID_ROWS = 100;
    /** How many alternatives explain each kind of NOT_APPLICABLE request. */
    private static final int ALTERNATIVES = 3;

    private final ChannelPolicy policy;
    private final AuditSettings settings;

    ReportTables(ChannelPolicy policy, AuditSettings settings) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    AuditTables collect(Dataset<Row> decisions, Dataset<Row> review, Dataset<Row> invalid) {
        return new AuditTables(byRule(decisions), byAccount(decisions, review), byActor(decisions, review),
                grouped(decisions.select(col("category_source"), col("outcome")), List.of("category_source")),
                notApplicable(decisions), review(review), problems(invalid), invalid(invalid));
    }

    private List<AuditTables.RuleTotal> byRule(Dataset<Row> decisions) {
        List<AuditTables.RuleTotal> totals = new ArrayList<>();
        Dataset<Row> reasons = decisions.select(explode(arrays_zip(col("rule_ids"), col("rule_effects"))).as("reason"), col("outcome"))
                .groupBy(col("reason.rule_ids").as("rule"), col("reason.rule_effects").as("effect"), col("outcome"))
                .agg(count(lit(1)).as("records"));
        for (Row row : reasons.collectAsList()) {
            String rule = row.getString(0);
            RuleInfo info = policy.ruleSet().rule(rule).orElse(null);
            totals.add(new AuditTables.RuleTotal(rule, row.getString(1), row.getString(2), row.getLong(3),
                    info == null ? "(not in the rule set that decided)" : info.description(),
                    info == null || info.citation() == null ? null : info.citation().section(),
                    info == null || info.citation() == null ? null : info.citation().quote()));
        }
        totals.sort(Comparator.comparing(AuditTables.RuleTotal::rule).thenComparing(total -> !total.effect().equals(total.outcome()))
                .thenComparing(AuditTables.RuleTotal::outcome));
        return totals;
    }

    private static List<AuditTables.GroupTotal> byAccount(Dataset<Row> decisions, Dataset<Row> review) {
        return grouped(decisions.select(col("department"), col("account"), col("outcome"))
                .union(unclassified(review).select(col("department"), col("account"), col("outcome"))), List.of("department", "account"));
    }

    private static List<AuditTables.GroupTotal> byActor(Dataset<Row> decisions, Dataset<Row> review) {
        return grouped(decisions.select(col("actor_role"), col("actor_id"), col("outcome"))
                .union(unclassified(review).select(col("actor_role"), col("actor_id"), col("outcome"))), List.of("actor_role", "actor_id"));
    }

    private static Dataset<Row> unclassified(Dataset<Row> review) {
        return review.filter(col("status").equalTo(AuditSchema.UNCLASSIFIED)).withColumn("outcome", lit(AuditSchema.UNCLASSIFIED));
    }

    /** Records by the key columns and outcome, one total per key, largest first. */
    private static List<AuditTables.GroupTotal> grouped(Dataset<Row> rows, List<String> key) {
        List<String> columns = new ArrayList<>(key);
        columns.add("outcome");
        Map<List<String>, Map<String, Long>> totals = new LinkedHashMap<>();
        for (Row row : rows.groupBy(columns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .agg(count(lit(1)).as("records")).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                values.add(row.isNullAt(i) ? null : String.valueOf(row.get(i)));
            }
            totals.computeIfAbsent(values, k -> new HashMap<>()).merge(row.getString(key.size()), row.getLong(key.size() + 1), Long::sum);
        }
        List<AuditTables.GroupTotal> list = new ArrayList<>();
        totals.forEach((values, outcomes) -> list.add(new AuditTables.GroupTotal(values, outcomes)));
        list.sort(Comparator.comparingLong(AuditTables.GroupTotal::total).reversed()
                .thenComparing(total -> String.valueOf(total.key())));
        return list;
    }

    /** The commonest kinds of NOT_APPLICABLE request, each explained by the library, once per kind. */
    private List<AuditTables.NotApplicableGroup> notApplicable(Dataset<Row> decisions) {
        List<AuditTables.NotApplicableGroup> groups = new ArrayList<>();
        List<Row> kinds = decisions.filter(col("outcome").equalTo(Outcome.NOT_APPLICABLE.name()))
                .groupBy("actor_role", "action", "stated_channel_type", "owner_role", "owner_capacity", "own_channel", "content")
                .agg(count(lit(1)).as("records"), first(col("channel_type")).as("channel_type"))
                .orderBy(col("records").desc(), col("actor_role"), col("action")).limit(NOT_APPLICABLE_KINDS).collectAsList();
        for (Row kind : kinds) {
            String ownerRole = kind.getAs("owner_role");
            boolean own = Boolean.TRUE.equals(kind.getAs("own_channel"));
            // The ids are stand-ins: only whether they are equal (acting on one's own channel) reaches the rules.
            Owner owner = ownerRole == null ? null : new Owner(ownerRole, own ? "same-person" : "channel-owner", null, kind.getAs("owner_capacity"));
            PolicyRequest request = new PolicyRequest(Actor.of(kind.getAs("actor_role"), own ? "same-person" : "actor"), kind.getAs("action"),
                    new Channel(kind.getAs("stated_channel_type"), null, owner), kind.<String>getList(kind.fieldIndex("content")));
            Explanation explanation = policy.explain(request);
            groups.add(new AuditTables.NotApplicableGroup(describe(kind), kind.getLong(kind.fieldIndex("records")),
                    explain(explanation)));
        }
        return groups;
    }

    private static String describe(Row kind) {
        String ownerRole = kind.getAs("owner_role");
        String channel = kind.getAs("channel_type") == null ? "channel" : kind.getAs("channel_type") + " channel";
        String owner = ownerRole == null ? channel + " with no named owner"
                : Boolean.TRUE.equals(kind.getAs("own_channel")) ? "their own " + channel : channel + " of a " + ownerRole
                        + (kind.getAs("owner_capacity") == null ? "" : " (" + kind.getAs("owner_capacity") + " capacity)");
        return kind.getAs("actor_role") + " · " + kind.getAs("action") + " · " + owner + " · "
                + String.join(", ", kind.<String>getList(kind.fieldIndex("content")));
    }

    private List<String> explain(Explanation explanation) {
        List<String> lines = new ArrayList<>();
        Decision decision = explanation.decision();
        if (decision.outcome() != Outcome.NOT_APPLICABLE) {
            lines.add("Decided " + decision.outcome() + " when explained again: the rule set changed, or the request depends on what the "
                    + "record's ids are; look at the records themselves.");
            return lines;
        }
        lines.add("No rule of the rule set speaks to this request: none permits it and none denies it, so it is not permitted.");
        decision.responsibilities().forEach(responsibility -> lines.add("Whose work it is: " + responsibility.role() + "."));
        List<Alternative> alternatives = explanation.alternatives();
        if (alternatives.isEmpty()) {
            lines.add("No change of one or two fields makes a rule permit it.");
        }
        for (Alternative alternative : alternatives.subList(0, Math.min(ALTERNATIVES, alternatives.size()))) {
            List<String> changes = alternative.changes().stream().map(ReportTables::change).toList();
            StringBuilder line = new StringBuilder("The closest rule that speaks: with ").append(String.join(" and ", changes)).append(", ")
                    .append(alternative.decision().outcome().name());
            for (Reason reason : alternative.decision().reasons()) {
                line.append(" by ").append(reason.rule()).append(" (\u201C").append(reason.message()).append("\u201D");
                if (reason.citation() != null) {
                    line.append("; the guidance: \u201C").append(reason.citation().quote()).append("\u201D");
                }
                line.append(')');
            }
            lines.add(line.append('.').toString());
        }
        return lines;
    }

    private static String change(Change change) {
        return change.field() + " " + change.from() + " \u2192 " + change.to();
    }

    private List<AuditTables.ReviewItem> review(Dataset<Row> review) {
        List<AuditTables.ReviewItem> items = new ArrayList<>();
        Dataset<Row> ordered = review.withColumn("_priority",
                when(col("outcome").equalTo(Outcome.INDETERMINATE.name()), lit(0))
                        .when(col("outcome").equalTo(Outcome.DENY.name()), lit(1))
                        .when(col("status").equalTo(AuditSchema.UNCLASSIFIED), lit(2)).otherwise(lit(3)))
                .orderBy(col("_priority"), col("time"), col("record_id")).limit(settings.reviewRows());
        for (Row row : ordered.collectAsList()) {
            String status = row.getAs("status");
            String outcome = row.getAs("outcome");
            List<String> content = row.isNullAt(row.fieldIndex("content")) ? List.of() : row.getList(row.fieldIndex("content"));
            String categories = content.isEmpty() ? "(none)" : String.join(", ", content)
                    + (Boolean.TRUE.equals(row.getAs("machine_classified")) ? " (machine-classified)" : "")
                    + ("account-default".equals(row.getAs("category_source")) ? " (the account's default)" : "");
            Timestamp time = row.getAs("time");
            String actorId = row.getAs("actor_id");
            items.add(new AuditTables.ReviewItem(status, outcome, row.getAs("record_id"), time == null ? null : time.toInstant().toString(),
                    row.getAs("account"), row.getAs("actor_role") + (actorId == null ? "" : " " + actorId), row.getAs("action"), categories,
                    row.getAs("text"), row.getAs("link"), reasons(row, status, outcome)));
        }
        return items;
    }

    private List<String> reasons(Row row, String status, String outcome) {
        List<String> reasons = new ArrayList<>();
        if (AuditSchema.UNCLASSIFIED.equals(status)) {
            reasons.add("No content category: the export states none, the lexicon matched no term or hashtag in the text, and the "
                    + "accounts file gives this account no default. Not decided: a person must say what it is.");
            return reasons;
        }
        List<String> rules = row.getList(row.fieldIndex("rule_ids"));
        List<String> effects = row.getList(row.fieldIndex("rule_effects"));
        if (Outcome.NOT_APPLICABLE.name().equals(outcome)) {
            reasons.add("NOT_APPLICABLE: no rule speaks to it, so it is not permitted; see \u201CNot applicable, explained\u201D.");
        }
        for (int i = 0; i < rules.size(); i++) {
            String rule = rules.get(i);
            String effect = effects.get(i);
            RuleInfo info = policy.ruleSet().rule(rule).orElse(null);
            String wording = info == null ? "" : ": " + info.description();
            if (Outcome.INDETERMINATE.name().equals(outcome)) {
                reasons.add("INDETERMINATE: the rule " + rule + " failed while deciding; nothing is permitted until it is fixed");
            } else if ("DENY".equals(effect)) {
                reasons.add("DENY by " + rule + wording + (info == null || info.citation() == null ? ""
                        : " \u2014 the guidance: \u201C" + info.citation().quote() + "\u201D"));
            } else {
                reasons.add(effect + " by " + rule + wording + " (overruled)");
            }
        }
        if (Boolean.TRUE.equals(row.getAs("machine_classified"))) {
            reasons.add("Its categories are machine-classified (the lexicon matched its text): check them.");
        }
        return reasons;
    }

    private static List<AuditTables.ProblemTotal> problems(Dataset<Row> invalid) {
        List<AuditTables.ProblemTotal> totals = new ArrayList<>();
        for (Row row : invalid.select(explode(col("problems")).as("problem"))
                .groupBy(col("problem.path").as("path")).agg(count(lit(1)).as("records"), first(col("problem.message")).as("example"))
                .orderBy(col("records").desc(), col("path")).collectAsList()) {
            totals.add(new AuditTables.ProblemTotal(row.getString(0), row.getLong(1), row.getString(2)));
        }
        return totals;
    }

    private static List<AuditTables.InvalidItem> invalid(Dataset<Row> invalid) {
        List<AuditTables.InvalidItem> items = new ArrayList<>();
        for (Row row : invalid.orderBy(col("source_file"), col("source_offset")).limit(INVALID_ROWS).collectAsList()) {
            List<String> problems = new ArrayList<>();
            for (Row problem : row.<Row>getList(row.fieldIndex("problems"))) {
                String suggestion = problem.getAs("suggestion");
                problems.add(problem.getAs("path") + " " + problem.getAs("message") + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)"));
            }
            items.add(new AuditTables.InvalidItem(row.getAs("source_file"), row.<Long>getAs("source_offset"), row.getAs("record_id"), problems));
        }
        return items;
    }

}
