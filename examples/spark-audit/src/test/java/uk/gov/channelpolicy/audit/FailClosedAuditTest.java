package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Seal;

/**
 * Nothing fails open: with a rule-set directory whose extra rule throws while deciding "analyse",
 * those records are INDETERMINATE in the outputs, never permitted, and the rest is decided as
 * {@link ChannelPolicy#evaluate} decides it.
 */
class FailClosedAuditTest {
    private static final int RECORDS = 1_000;
    private static final String FAILING_RULE = "dh.test.analysis-fails";
    private static final String FAULTS = """
            // A rule that fails on purpose, to check that the audit reports INDETERMINATE and never PERMIT.
            package rulesets.dh;

            import uk.gov.channelpolicy.facts.Request;

            rule "Analysis fails on purpose"
                @id("%s")
                @effect("code") @value("$action")
                @description("Fails on purpose while deciding an analysis: it reports the action as a code, which no code is.")
                @citation("Corporate, official and personal Twitter channels")
                @quote("Personal channels are subject to the Civil Service Code.")
            when
                Request( $action : action, action == "analyse" )
            then
            end
            """.formatted(FAILING_RULE);

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static RuleSource source;
    private static List<SyntheticRecord> archive;
    private static Map<String, Row> decisions;
    private static Map<String, Row> denied;
    private static AuditReport report;

    @BeforeAll
    static void audit() throws Exception {
        Path rules = copyOfTheDhRuleSet(dir.resolve("rules"));
        Files.writeString(rules.resolve("faults.drl"), FAULTS);
        Seal.seal(rules); // the DH rule set is sealed: a policy writer reseals after adding a reviewed rule file
        source = RuleSource.directory(rules);

        ArchiveGenerator generator = new ArchiveGenerator(99, 0.0);
        Path input = dir.resolve("archive.jsonl");
        generator.write(input, RECORDS, null);
        archive = LongStream.range(0, RECORDS).mapToObj(generator::record).toList();

        spark = LocalSpark.start();
        String output = dir.resolve("audit").toString();
        report = new ArchiveAudit(spark, source, ArchiveAuditTest.settings().splits(3).build()).run(input.toString(), output, false);
        decisions = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.DECISIONS), "record_id");
        denied = LocalSpark.byColumn(LocalSpark.read(spark, output + "/" + ArchiveAudit.REVIEW), "record_id");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The DH rule set's files, from the rules-dh jar (or its classes directory), without its scenarios. */
    private static Path copyOfTheDhRuleSet(Path target) throws Exception {
        Files.createDirectories(target);
        URL manifest = FailClosedAuditTest.class.getClassLoader().getResource("rulesets/dh/manifest.json");
        URI uri = manifest.toURI();
        try (FileSystem jar = uri.getScheme().equals("jar") ? FileSystems.newFileSystem(uri, Map.of()) : null;
                Stream<Path> files = Files.list(Path.of(uri).getParent())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
        return target;
    }

    @Test
    void failingRule_givesIndeterminateNamingTheRuleAndNeverPermit() {
        List<SyntheticRecord> analyses = archive.stream().filter(record -> record.request().action().equals("analyse")).toList();

        assertThat(analyses).hasSizeGreaterThan(10);
        for (SyntheticRecord record : analyses) {
            Row row = decisions.get(record.id());

            assertThat((String) row.getAs("outcome")).as(record.id()).isEqualTo("INDETERMINATE");
            assertThat((Boolean) row.getAs("permitted")).as(record.id()).isFalse();
            assertThat(row.<String>getList(row.fieldIndex("rule_ids"))).as(record.id()).containsExactly(FAILING_RULE);
            assertThat(row.<String>getList(row.fieldIndex("obligation_rule_ids"))).as(record.id()).isEmpty();
            assertThat(denied).as(record.id()).containsKey(record.id());
        }
        assertThat(report.outcomes().get(Outcome.INDETERMINATE)).isEqualTo(analyses.size());
    }

    @Test
    void decisions_matchEvaluateWithTheSameRuleSetDirectory_recordForRecord() {
        ChannelPolicy policy = ExecutorPolicies.policyFor(source);

        assertThat(decisions).hasSize(RECORDS);
        for (SyntheticRecord record : archive) {
            Decision expected = policy.evaluate(record.request());
            Row row = decisions.get(record.id());

            assertThat((String) row.getAs("outcome")).as(record.id()).isEqualTo(expected.outcome().name());
            assertThat(row.<String>getList(row.fieldIndex("codes"))).as(record.id()).isEqualTo(expected.codes());
            assertThat(row.<String>getList(row.fieldIndex("rule_ids"))).as(record.id()).isEqualTo(expected.ruleIds());
            assertThat((String) row.getAs("rule_set_digest")).isEqualTo(expected.ruleSet().digest());
        }
    }

    @Test
    void denied_holdsEveryOutcomeButPermit() {
        long notPermitted = decisions.values().stream().filter(row -> !"PERMIT".equals(row.getAs("outcome"))).count();

        assertThat(denied).hasSize((int) notPermitted);
        assertThat(denied.values()).extracting(row -> (String) row.getAs("outcome"))
                .contains("DENY", "NOT_APPLICABLE", "INDETERMINATE").doesNotContain("PERMIT");
        assertThat(report.notPermitted()).isEqualTo(notPermitted);
    }

    @Test
    void ruleSetDirectory_isCompiledOncePerJvm() {
        assertThat(ExecutorPolicies.builds(source)).isEqualTo(1);
        assertThat(report.ruleSet().digest()).isNotEqualTo(ExecutorPolicies.policyFor(RuleSource.classpath("dh")).ruleSet().identity().digest());
    }
}
