package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Reason;

/**
 * The audit on a local SparkSession over a generated archive of a few thousand records, checked
 * against {@link ChannelPolicy#evaluate} called directly, record for record.
 */
class ArchiveAuditTest {
    private static final int RECORDS = 4_000;
    private static final RuleSource DH = RuleSource.classpath("dh");

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static ChannelPolicy policy;
    private static List<SyntheticRecord> archive;
    private static List<Long> offsets;
    private static String output;
    private static AuditReport report;
    private static Map<String, Row> decisions;
    private static Map<String, Row> invalid;
    private static Map<String, Row> review;
    private static int inputPartitions;

    @BeforeAll
    static void audit() throws Exception {
        ArchiveGenerator generator = new ArchiveGenerator(2024, 0.03);
        Path input = dir.resolve("archive.jsonl");
        generator.write(input, RECORDS, null);
        archive = LongStream.range(0, RECORDS).mapToObj(generator::record).toList();
        offsets = LocalSpark.offsets(archive);
        policy = ChannelPolicy.builder().ruleSet("dh").build(); // our own, built apart from the job's

        spark = LocalSpark.start();
        inputPartitions = ArchiveInput.lines(spark, input.toString(), 4).getNumPartitions();
        output = dir.resolve("audit").toString();
        report = new ArchiveAudit(spark, DH, settings().splits(4).build()).run(input.toString(), output, false);

        decisions = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.DECISIONS), "record_id");
        invalid = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.INVALID), "source_offset");
        review = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.REVIEW), "record_id");
    }

    static AuditSettings.Builder settings() {
        return AuditSettings.builder(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<SyntheticRecord> sound() {
        return archive.stream().filter(SyntheticRecord::sound).toList();
    }

    @Test
    void decisions_matchEvaluateCalledDirectly_recordForRecord() {
        assertThat(decisions).hasSize(sound().size());
        for (SyntheticRecord record : sound()) {
            Row row = decisions.get(record.id());
            Decision expected = policy.evaluate(record.request());

            assertThat(row).as("decision for " + record.id()).isNotNull();
            assertThat((String) row.getAs("outcome")).as(record.id()).isEqualTo(expected.outcome().name());
            assertThat((Boolean) row.getAs("permitted")).as(record.id()).isEqualTo(expected.isPermitted());
            assertThat((String) row.getAs("channel_type")).as(record.id()).isEqualTo(expected.channelType());
            assertThat(row.<String>getList(row.fieldIndex("codes"))).as(record.id()).isEqualTo(expected.codes());
            assertThat(row.<String>getList(row.fieldIndex("rule_ids"))).as(record.id()).isEqualTo(expected.ruleIds());
            assertThat(row.<String>getList(row.fieldIndex("rule_effects"))).as(record.id())
                    .isEqualTo(expected.reasons().stream().map(reason -> reason.effect().name()).toList());
            assertThat(row.<String>getList(row.fieldIndex("obligation_rule_ids"))).as(record.id())
                    .isEqualTo(expected.obligations().stream().map(obligation -> obligation.rule()).toList());
            assertThat(row.<String>getList(row.fieldIndex("advice_rule_ids"))).as(record.id())
                    .isEqualTo(expected.advice().stream().map(advice -> advice.rule()).toList());
            assertThat(row.<String>getList(row.fieldIndex("responsible_roles"))).as(record.id())
                    .isEqualTo(expected.responsibilities().stream().map(responsibility -> responsibility.role()).toList());
            assertThat((String) row.getAs("rule_set_id")).isEqualTo(expected.ruleSet().id());
            assertThat((String) row.getAs("rule_set_version")).isEqualTo(expected.ruleSet().version());
            assertThat((String) row.getAs("rule_set_digest")).isEqualTo(expected.ruleSet().digest());
            assertThat((Long) row.getAs("source_offset")).as(record.id()).isEqualTo(offsets.get((int) record.index()));
            assertThat((String) row.getAs("actor_role")).isEqualTo(record.request().actor().role());
            assertThat((String) row.getAs("actor_id")).isEqualTo(record.request().actor().id() == null ? null : "***");
            assertThat((String) row.getAs("category_source")).isEqualTo("stated");
            assertThat((Boolean) row.getAs("machine_classified")).isFalse();
            assertThat((String) row.getAs("action")).isEqualTo(record.request().action());
            assertThat(row.<String>getList(row.fieldIndex("content"))).isEqualTo(record.request().content());
        }
    }

    @Test
    void decisions_recordTheTimeAndDepartmentOfEachRecord() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (SyntheticRecord record : sound().subList(0, 200)) {
            JsonNode line = mapper.readTree(record.line());
            Row row = decisions.get(record.id());

            assertThat(((java.sql.Timestamp) row.getAs("time")).toInstant().toString()).isEqualTo(line.get("time").asText());
            assertThat((String) row.getAs("department")).isEqualTo(line.get("department").asText());
        }
    }

    @Test
    void invalid_holdsEveryDefectiveRecordWithTheProblemAtTheDefect() {
        List<SyntheticRecord> defective = archive.stream().filter(record -> !record.sound()).toList();

        assertThat(defective).hasSizeGreaterThan(50);
        assertThat(invalid).hasSize(defective.size());
        for (SyntheticRecord record : defective) {
            Row row = invalid.get(String.valueOf(offsets.get((int) record.index())));

            assertThat(row).as("invalid row for " + record.id() + " (" + record.defect() + ")").isNotNull();
            assertThat((String) row.getAs("line")).isEqualTo(record.line());
            // A line cut short keeps its id: it comes first in the line, before the cut.
            assertThat((String) row.getAs("record_id")).isEqualTo(record.id());
            List<Row> problems = row.getList(row.fieldIndex("problems"));
            assertThat(problems).extracting(problem -> (String) problem.getAs("path")).as(record.id()).containsExactly(record.defect().path());
            assertThat(decisions).doesNotContainKey(record.id());
        }
    }

    @Test
    void invalid_keepsTheLibrarysProblemWithAllowedValuesAndSuggestion() {
        SyntheticRecord misspelt = archive.stream().filter(record -> record.defect() == SyntheticRecord.Defect.MISSPELT_ROLE).findFirst().orElseThrow();
        Row row = invalid.get(String.valueOf(offsets.get((int) misspelt.index())));
        Problem expected = new RecordParser(policy.json()).parse(new SourceLine("f", 1, misspelt.line())) instanceof InvalidRecord bad
                ? bad.problems().get(0) : null;

        Row problem = row.<Row>getList(row.fieldIndex("problems")).get(0);
        assertThat(expected).isNotNull();
        assertThat((String) problem.getAs("message")).isEqualTo(expected.message());
        assertThat(problem.<String>getList(problem.fieldIndex("allowed"))).isEqualTo(expected.allowedValues())
                .containsExactly("minister", "official", "communications-division", "private-office", "other-department-minister",
                        "other-department-official", "outside-government");
        assertThat((String) problem.getAs("suggestion")).isEqualTo(expected.suggestion()).isNotNull();
    }

    @Test
    void outputs_accountForEveryLineExactlyOnce() {
        Set<Long> seen = new HashSet<>();
        decisions.values().forEach(row -> assertThat(seen.add(row.getAs("source_offset"))).isTrue());
        invalid.values().forEach(row -> assertThat(seen.add(row.getAs("source_offset"))).isTrue());

        assertThat(seen).containsExactlyInAnyOrderElementsOf(offsets);
        assertThat(report.records()).isEqualTo(RECORDS);
        assertThat(report.decided()).isEqualTo(decisions.size());
        assertThat(report.invalid()).isEqualTo(invalid.size());
    }

    @Test
    void review_holdsEveryRecordNotPermittedWithItsOwnOutcome() {
        Map<String, Outcome> notPermitted = new HashMap<>();
        for (SyntheticRecord record : sound()) {
            Outcome outcome = policy.evaluate(record.request()).outcome();
            if (outcome != Outcome.PERMIT) {
                notPermitted.put(record.id(), outcome);
            }
        }

        assertThat(notPermitted.values()).contains(Outcome.DENY, Outcome.NOT_APPLICABLE);
        assertThat(review.keySet()).isEqualTo(notPermitted.keySet());
        review.forEach((id, row) -> {
            assertThat((String) row.getAs("outcome")).isEqualTo(notPermitted.get(id).name());
            assertThat((String) row.getAs("status")).isEqualTo("decided");
        });
        assertThat(report.notPermitted()).isEqualTo(notPermitted.size());
    }

    @Test
    void byRule_countsEachRuleByItsEffectAndTheRecordsOutcome_soAnOverruledPermitIsNotABreach() {
        Map<List<String>, Long> expected = new HashMap<>();
        for (SyntheticRecord record : sound()) {
            Decision decision = policy.evaluate(record.request());
            for (Reason reason : decision.reasons()) {
                expected.merge(List.of(reason.rule(), reason.effect().name(), decision.outcome().name()), 1L, Long::sum);
            }
        }
        Map<List<String>, Long> actual = new HashMap<>();
        for (AuditTables.RuleTotal total : report.tables().byRule()) {
            assertThat(actual.put(List.of(total.rule(), total.effect(), total.outcome()), total.records())).isNull();
            assertThat(total.description()).isEqualTo(policy.ruleSet().rule(total.rule()).orElseThrow().description());
            assertThat(total.quote()).isEqualTo(policy.ruleSet().rule(total.rule()).orElseThrow().citation().quote());
        }

        assertThat(actual).isEqualTo(expected);
        AuditTables.RuleTotal overruled = report.tables().byRule().stream()
                .filter(total -> total.effect().equals("PERMIT") && total.outcome().equals("DENY")).findFirst().orElseThrow();
        assertThat(overruled.part()).isEqualTo("permitted, overruled by a DENY rule");
        assertThat(report.tables().byRule()).filteredOn(total -> total.effect().equals("DENY"))
                .allSatisfy(total -> assertThat(total.part()).isEqualTo("decided"));
    }

    @Test
    void byRuleCsv_namesTheEffectAndThePartOfEveryRule() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(output, ArchiveAudit.TABLES, "by-rule.csv"));

        assertThat(lines.get(0)).isEqualTo("rule_id,effect,record_outcome,part,records,wording,section,quote");
        assertThat(lines).hasSize(1 + report.tables().byRule().size());
        assertThat(lines).anyMatch(line -> line.contains(",PERMIT,DENY,\"permitted, overruled by a DENY rule\","));
    }

    @Test
    void byOutcomeCsv_addsUpToEveryRecordRead() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(output, ArchiveAudit.TABLES, "by-outcome.csv"));
        long total = lines.stream().skip(1).mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(',') + 1))).sum();

        assertThat(lines.get(0)).isEqualTo("outcome,records");
        assertThat(total).isEqualTo(RECORDS);
    }

    @Test
    void byAccountAndByActor_countEveryDecidedRecordOnce() {
        long byAccount = report.tables().byAccount().stream().mapToLong(AuditTables.GroupTotal::total).sum();
        long byActor = report.tables().byActor().stream().mapToLong(AuditTables.GroupTotal::total).sum();

        assertThat(byAccount).isEqualTo(report.decided());
        assertThat(byActor).isEqualTo(report.decided());
        // Staff ids are masked as the decision log masks them: actors group by role.
        assertThat(report.tables().byActor()).allSatisfy(total -> assertThat(total.key().get(1)).isIn("***", null));
    }

    @Test
    void notApplicable_isExplainedKindByKindAsTheLibraryExplainsIt() {
        long notApplicable = report.outcomes().get(Outcome.NOT_APPLICABLE);
        List<AuditTables.NotApplicableGroup> groups = report.tables().notApplicable();

        assertThat(notApplicable).isPositive();
        assertThat(groups).isNotEmpty();
        assertThat(groups.get(0).explanation().get(0)).startsWith("No rule of the rule set speaks to this request");
        assertThat(groups).allSatisfy(group -> assertThat(group.explanation()).hasSizeGreaterThan(1));
        assertThat(groups).anySatisfy(group -> assertThat(group.explanation()).anyMatch(line -> line.startsWith("The closest rule that speaks: with ")));
    }

    @Test
    void reportHtml_isSelfContainedAndCarriesTheRuleSetsIdentity() throws Exception {
        String html = Files.readString(Path.of(output, ArchiveAudit.HTML));

        assertThat(html).contains("default-src 'none'").doesNotContain("<script").doesNotContain("src=\"http")
                .contains(policy.ruleSet().identity().digest()).contains("Totals by rule").contains("Not applicable, explained")
                .contains("Records needing a human look").contains("Invalid records");
    }

    @Test
    void report_isWrittenAsRunJson_withTheRuleSetsIdentityAndAVerdict() throws Exception {
        JsonNode run = new ObjectMapper().readTree(Path.of(output, ArchiveAudit.REPORT).toFile());

        assertThat(run.get("records").asLong()).isEqualTo(RECORDS);
        assertThat(run.get("invalid").asLong()).isEqualTo(invalid.size());
        assertThat(run.get("notPermitted").asLong()).isEqualTo(review.size());
        assertThat(run.get("ruleSet").get("digest").asText()).isEqualTo(policy.ruleSet().identity().digest());
        assertThat(run.get("outcomes").get("INDETERMINATE").asLong()).isZero();
        // 3% of the generated records are defective: more than the default --max-invalid of 1%.
        assertThat(run.get("succeeded").asBoolean()).isFalse();
        assertThat(run.get("failure").asText()).isEqualTo(report.failure()).contains("more than --max-invalid 1%");
    }

    @Test
    void decidingStage_countsEveryRecordItReadAndEveryDecisionItMade_withTheCpuSparkReports() throws Exception {
        JsonNode run = new ObjectMapper().readTree(Path.of(output, ArchiveAudit.REPORT).toFile()).get("decidingStage");

        assertThat(report.stage().records()).isEqualTo(RECORDS);
        assertThat(report.stage().decided()).isEqualTo(sound().size());
        assertThat(report.stage().cores()).isEqualTo(2);
        assertThat(report.stage().cpuSeconds()).isPositive();
        assertThat(report.stage().evaluateSeconds()).isPositive();
        assertThat(run.get("records").asLong()).isEqualTo(RECORDS);
        assertThat(run.get("recordsPerCpuSecond").asLong()).isEqualTo(Math.round(report.stage().recordsPerCpuSecond()));
    }

    @Test
    void policy_isBuiltOncePerJvmNotOncePerPartition() {
        assertThat(inputPartitions).isGreaterThan(1);
        assertThat(ExecutorPolicies.builds(DH)).isEqualTo(1);
    }

    @Test
    void run_refusesToWriteOverAnExistingOutput() {
        assertThatThrownBy(() -> new ArchiveAudit(spark, DH, settings().build()).run(dir.resolve("archive.jsonl").toString(), output, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
    }

    @Test
    void run_withOverwriteRefusesADirectoryThatIsNotAnAudit() throws Exception {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> new ArchiveAudit(spark, DH, settings().build()).run(dir.resolve("archive.jsonl").toString(), precious.toString(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not replacing it");
        assertThat(precious.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void run_refusesAMissingInput() {
        assertThatThrownBy(() -> new ArchiveAudit(spark, DH, settings().build()).run(dir.resolve("no-such.jsonl").toString(), dir.resolve("out2").toString(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no input at");
    }
}
