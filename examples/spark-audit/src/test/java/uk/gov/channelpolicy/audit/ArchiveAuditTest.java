package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
import uk.gov.channelpolicy.audit.SyntheticRecord.Defect;
import uk.gov.channelpolicy.load.RuleSource;

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
    private static Map<String, Row> denied;
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
        report = new ArchiveAudit(spark, DH, 4).run(input.toString(), output, false);

        decisions = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.DECISIONS), "record_id");
        invalid = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.INVALID), "source_offset");
        denied = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.DENIED), "record_id");
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
            assertThat((String) row.getAs("text")).isEqualTo(record.line());
            assertThat((String) row.getAs("record_id")).isEqualTo(record.defect() == Defect.TRUNCATED_LINE ? null : record.id());
            List<Row> problems = row.getList(row.fieldIndex("problems"));
            assertThat(problems).extracting(problem -> (String) problem.getAs("path")).as(record.id()).containsExactly(record.defect().path());
            assertThat(decisions).doesNotContainKey(record.id());
        }
    }

    @Test
    void invalid_keepsTheLibrarysProblemWithAllowedValuesAndSuggestion() {
        SyntheticRecord misspelt = archive.stream().filter(record -> record.defect() == Defect.MISSPELT_ROLE).findFirst().orElseThrow();
        Row row = invalid.get(String.valueOf(offsets.get((int) misspelt.index())));
        Problem expected = new RecordParser(policy.json()).parse(new SourceLine("f", 1, misspelt.line())) instanceof InvalidRecord bad
                ? bad.problems().get(0) : null;

        Row problem = row.<Row>getList(row.fieldIndex("problems")).get(0);
        assertThat(expected).isNotNull();
        assertThat((String) problem.getAs("message")).isEqualTo(expected.message());
        assertThat(problem.<String>getList(problem.fieldIndex("allowed"))).isEqualTo(expected.allowedValues())
                .containsExactly("minister", "official", "communications-division", "private-office");
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
    void denied_holdsEveryRecordNotPermittedWithItsOwnOutcome() {
        Map<String, Outcome> notPermitted = new HashMap<>();
        for (SyntheticRecord record : sound()) {
            Outcome outcome = policy.evaluate(record.request()).outcome();
            if (outcome != Outcome.PERMIT) {
                notPermitted.put(record.id(), outcome);
            }
        }

        assertThat(notPermitted.values()).contains(Outcome.DENY, Outcome.NOT_APPLICABLE);
        assertThat(denied.keySet()).isEqualTo(notPermitted.keySet());
        denied.forEach((id, row) -> {
            assertThat((String) row.getAs("outcome")).isEqualTo(notPermitted.get(id).name());
            assertThat((Boolean) row.getAs("permitted")).isFalse();
        });
    }

    @Test
    void summaryByRule_countsEachDepartmentOutcomeChannelTypeAndRuleAsEvaluateDecides() throws Exception {
        Map<List<String>, Long> expected = new HashMap<>();
        for (SyntheticRecord record : sound()) {
            Decision decision = policy.evaluate(record.request());
            String department = new ObjectMapper().readTree(record.line()).get("department").asText();
            List<String> rules = decision.reasons().isEmpty() ? java.util.Collections.singletonList(null)
                    : decision.reasons().stream().map(Reason::rule).toList();
            for (String rule : rules) {
                expected.merge(java.util.Arrays.asList(department, decision.outcome().name(), decision.channelType(), rule), 1L, Long::sum);
            }
        }

        Map<List<String>, Long> actual = new HashMap<>();
        for (Row row : LocalSpark.read(spark, output + "/" + ArchiveAudit.BY_RULE)) {
            List<String> key = java.util.Arrays.asList(row.getAs("department"), row.getAs("outcome"), row.getAs("channel_type"), row.getAs("rule_id"));
            assertThat(actual.put(key, row.getAs("records"))).as("one row per " + key).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void summaryByOutcome_addsUpToTheRecordsDecidedAndWithTheInvalidToTheInput() {
        long byOutcome = 0;
        for (Row row : LocalSpark.read(spark, output + "/" + ArchiveAudit.BY_OUTCOME)) {
            byOutcome += row.<Long>getAs("records");
        }

        assertThat(byOutcome).isEqualTo(sound().size());
        assertThat(byOutcome + invalid.size()).isEqualTo(RECORDS);
        assertThat(report.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(byOutcome);
    }

    @Test
    void summaries_areWrittenAsCsvToo() throws Exception {
        List<Path> csv = new ArrayList<>();
        try (var files = Files.list(Path.of(output, ArchiveAudit.BY_OUTCOME + "-csv"))) {
            files.filter(file -> file.toString().endsWith(".csv")).forEach(csv::add);
        }

        assertThat(csv).hasSize(1);
        List<String> lines = Files.readAllLines(csv.get(0));
        assertThat(lines.get(0)).isEqualTo("department,outcome,channel_type,records");
        assertThat(lines).hasSize(1 + LocalSpark.read(spark, output + "/" + ArchiveAudit.BY_OUTCOME).size());
    }

    @Test
    void report_isWrittenAsRunJson() throws Exception {
        JsonNode run = new ObjectMapper().readTree(Path.of(output, ArchiveAudit.REPORT).toFile());

        assertThat(run.get("records").asLong()).isEqualTo(RECORDS);
        assertThat(run.get("invalid").asLong()).isEqualTo(invalid.size());
        assertThat(run.get("notPermitted").asLong()).isEqualTo(denied.size());
        assertThat(run.get("ruleSet").get("digest").asText()).isEqualTo(policy.ruleSet().identity().digest());
        assertThat(run.get("outcomes").get("INDETERMINATE").asLong()).isZero();
    }

    @Test
    void policy_isBuiltOncePerJvmNotOncePerPartition() {
        assertThat(inputPartitions).isGreaterThan(1);
        assertThat(ExecutorPolicies.builds(DH)).isEqualTo(1);
    }

    @Test
    void run_refusesToWriteOverAnExistingOutput() {
        assertThatThrownBy(() -> new ArchiveAudit(spark, DH).run(dir.resolve("archive.jsonl").toString(), output, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
    }

    @Test
    void run_withOverwriteRefusesADirectoryThatIsNotAnAudit() throws Exception {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> new ArchiveAudit(spark, DH).run(dir.resolve("archive.jsonl").toString(), precious.toString(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not replacing it");
        assertThat(precious.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void run_refusesAMissingInput() {
        assertThatThrownBy(() -> new ArchiveAudit(spark, DH).run(dir.resolve("no-such.jsonl").toString(), dir.resolve("out2").toString(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no input at");
    }
}
