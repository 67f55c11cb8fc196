package uk.gov.channelpolicy.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;

/**
 * Writes what a person and a program read about a run: {@code run.json}, the report's tables as CSV
 * under {@code tables/}, and {@code report.html}.
 */
final class ReportFiles {
    /** The columns of the outcome counts in the account and actor tables, in order. */
    static final List<String> COUNTED = List.of("PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE", AuditSchema.UNCLASSIFIED);

    private ReportFiles() {
    }

    static void write(AuditReport report, ChannelPolicy policy, Path output, Configuration hadoop, long inputBytes) {
        write(new Path(output, ArchiveAudit.REPORT), json(report, inputBytes), hadoop);
        AuditTables tables = report.tables();
        Path csv = new Path(output, ArchiveAudit.TABLES);
        StringBuilder outcomes = new StringBuilder(CsvText.line(List.of("outcome", "records")));
        for (Outcome outcome : Outcome.values()) {
            outcomes.append(CsvText.line(List.of(outcome.name(), report.outcomes().get(outcome))));
        }
        outcomes.append(CsvText.line(List.of(AuditSchema.UNCLASSIFIED, report.unclassified())));
        outcomes.append(CsvText.line(List.of(AuditSchema.INVALID, report.invalid())));
        write(new Path(csv, "by-outcome.csv"), outcomes.toString(), hadoop);
        StringBuilder rules = new StringBuilder(CsvText.line(List.of("rule_id", "effect", "record_outcome", "part", "records", "wording",
                "section", "quote")));
        for (AuditTables.RuleTotal rule : tables.byRule()) {
            rules.append(CsvText.line(List.of(rule.rule(), rule.effect(), rule.outcome(), rule.part(), rule.records(), rule.description(),
                    nullToEmpty(rule.section()), nullToEmpty(rule.quote()))));
        }
        write(new Path(csv, "by-rule.csv"), rules.toString(), hadoop);
        write(new Path(csv, "by-account.csv"), groups(List.of("department", "account"), tables.byAccount()), hadoop);
        write(new Path(csv, "by-actor.csv"), groups(List.of("actor_role", "actor_id"), tables.byActor()), hadoop);
        write(new Path(csv, "by-category-source.csv"), groups(List.of("category_source"), tables.byCategorySource()), hadoop);
        StringBuilder notApplicable = new StringBuilder(CsvText.line(List.of("request", "records", "explanation")));
        for (AuditTables.NotApplicableGroup group : tables.notApplicable()) {
            notApplicable.append(CsvText.line(List.of(group.request(), group.records(), String.join(" ", group.explanation()))));
        }
        write(new Path(csv, "not-applicable.csv"), notApplicable.toString(), hadoop);
        StringBuilder problems = new StringBuilder(CsvText.line(List.of("path", "records", "example")));
        for (AuditTables.ProblemTotal problem : tables.invalidProblems()) {
            problems.append(CsvText.line(List.of(problem.path(), problem.records(), problem.example())));
        }
        write(new Path(csv, "invalid-by-problem.csv"), problems.toString(), hadoop);
        write(new Path(output, ArchiveAudit.HTML), ReportPage.html(report, policy), hadoop);
    }

    private static String groups(List<String> key, List<AuditTables.GroupTotal> totals) {
        List<Object> header = new ArrayList<>(key);
        header.addAll(COUNTED);
        header.add("total");
        StringBuilder text = new StringBuilder(CsvText.line(header));
        for (AuditTables.GroupTotal total : totals) {
            List<Object> row = new ArrayList<>(total.key());
            COUNTED.forEach(outcome -> row.add(total.count(outcome)));
            row.add(total.total());
            text.append(CsvText.line(row));
        }
        return text.toString();
    }

    static String json(AuditReport report, long inputBytes) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("input", report.input());
        root.put("inputBytes", inputBytes);
        root.put("format", report.format().id());
        root.put("output", report.output());
        ObjectNode ruleSet = root.putObject("ruleSet");
        ruleSet.put("id", report.ruleSet().id());
        ruleSet.put("version", report.ruleSet().version());
        ruleSet.put("digest", report.ruleSet().digest());
        root.put("records", report.records());
        root.put("decided", report.decided());
        root.put("notPermitted", report.notPermitted());
        root.put("unclassified", report.unclassified());
        root.put("machineClassified", report.machineClassified());
        root.put("invalid", report.invalid());
        root.put("duplicates", report.duplicates());
        root.put("invalidFraction", report.records() == 0 ? 0 : report.invalidFraction());
        root.put("maxInvalid", report.maxInvalid());
        String failure = report.failure();
        root.put("succeeded", failure == null);
        if (failure != null) {
            root.put("failure", failure);
        }
        ObjectNode outcomes = root.putObject("outcomes");
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.name(), report.outcomes().get(outcome));
        }
        ObjectNode stage = root.putObject("decidingStage");
        stage.put("records", report.stage().records());
        stage.put("decided", report.stage().decided());
        stage.put("seconds", round(report.stage().seconds(), 3));
        stage.put("cores", report.stage().cores());
        stage.put("recordsPerSecondPerCore", Math.round(report.stage().recordsPerSecondPerCore()));
        stage.put("cpuSeconds", round(report.stage().cpuSeconds(), 3));
        stage.put("recordsPerCpuSecond", Math.round(report.stage().recordsPerCpuSecond()));
        stage.put("evaluateSeconds", round(report.stage().evaluateSeconds(), 3));
        stage.put("decisionsPerEvaluateSecond", Math.round(report.stage().decisionsPerEvaluateSecond()));
        root.put("staffIds", report.staffIds());
        root.put("textMasked", report.textMasked());
        root.put("seconds", round(report.seconds(), 1));
        ArrayNode rules = root.putArray("byRule");
        for (AuditTables.RuleTotal rule : report.tables().byRule()) {
            ObjectNode node = rules.addObject();
            node.put("rule", rule.rule());
            node.put("effect", rule.effect());
            node.put("recordOutcome", rule.outcome());
            node.put("part", rule.part());
            node.put("records", rule.records());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void write(Path path, String text, Configuration hadoop) {
        try (OutputStream out = path.getFileSystem(hadoop).create(path, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
