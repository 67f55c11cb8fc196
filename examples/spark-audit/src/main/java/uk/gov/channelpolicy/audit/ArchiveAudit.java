package uk.gov.channelpolicy.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.RuleSource;

/**
 * The audit: reads an archive of activity records, decides each with the rule set, and writes
 * the outputs under one directory:
 *
 * <pre>
 * decisions/            Parquet, one row per decided record ({@link AuditSchema#DECISION})
 * denied/               Parquet, the decided records whose outcome is not PERMIT, same columns
 * invalid/              Parquet, one row per line that holds no decidable record ({@link AuditSchema#INVALID})
 * summary/by-rule/      Parquet, records by department x outcome x channel type x rule (and by-rule-csv/)
 * summary/by-outcome/   Parquet, records by department x outcome x channel type (and by-outcome-csv/)
 * run.json              the {@link AuditReport}
 * </pre>
 *
 * <pre>{@code
 * AuditReport report = new ArchiveAudit(spark, RuleSource.classpath("dh")).run("archive.jsonl", "audit-out", false);
 * }</pre>
 */
public final class ArchiveAudit {
    /** The output directories, relative to the output. */
    public static final String DECISIONS = "decisions";
    /** Decided records that are not permitted. */
    public static final String DENIED = "denied";
    /** Lines that hold no decidable record. */
    public static final String INVALID = "invalid";
    /** Counts by department, outcome, channel type and rule. */
    public static final String BY_RULE = "summary/by-rule";
    /** Counts by department, outcome and channel type. */
    public static final String BY_OUTCOME = "summary/by-outcome";
    /** The run's report. */
    public static final String REPORT = "run.json";

    private final SparkSession spark;
    private final RuleSource source;
    private final int splits;

    /**
     * An audit aiming at three input partitions per core the session has.
     *
     * @param spark the session to run on
     * @param source where the driver and each executor load the rule set from
     */
    public ArchiveAudit(SparkSession spark, RuleSource source) {
        this(spark, source, 3 * spark.sparkContext().defaultParallelism());
    }

    /**
     * An audit aiming at a number of input partitions.
     *
     * @param spark the session to run on
     * @param source where the driver and each executor load the rule set from
     * @param splits how many input partitions to aim for, at least 1
     */
    public ArchiveAudit(SparkSession spark, RuleSource source, int splits) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = Objects.requireNonNull(source, "source");
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, not " + splits);
        }
        this.splits = splits;
    }

    /**
     * Runs the audit.
     *
     * @param input the archive: JSON Lines files, directories or globs, comma-separated
     * @param output the directory to write; it must not exist, unless {@code overwrite} and it holds an
     *     earlier audit (a {@code run.json}) or nothing
     * @param overwrite whether to replace an earlier audit's output
     * @return what the run did
     * @throws RuleSetException if the rule set cannot be loaded (checked on the driver before any work)
     * @throws IllegalArgumentException if the input does not exist or the output may not be written
     */
    public AuditReport run(String input, String output, boolean overwrite) {
        long start = System.nanoTime();
        // Load on the driver first: a broken rule set fails here, with every problem, before any task runs.
        RuleSetIdentity identity = ExecutorPolicies.policyFor(source).ruleSet().identity();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        prepareOutput(new Path(output), overwrite, hadoop);

        JavaRDD<SourceLine> lines = ArchiveInput.lines(spark, input, splits);
        PartitionAuditor auditor = new PartitionAuditor(source);
        spark.createDataFrame(lines.mapPartitions(auditor::decisions), AuditSchema.DECISION)
                .write().mode(SaveMode.ErrorIfExists).parquet(output + "/" + DECISIONS);
        spark.createDataFrame(lines.mapPartitions(auditor::invalid), AuditSchema.INVALID)
                .write().mode(SaveMode.ErrorIfExists).parquet(output + "/" + INVALID);

        // Everything else is read back from the decisions written: a column scan, no evaluation.
        Dataset<Row> decided = spark.read().parquet(output + "/" + DECISIONS);
        decided.filter(col("outcome").notEqual(Outcome.PERMIT.name())).write().parquet(output + "/" + DENIED);
        Dataset<Row> byRule = decided
                .select(col("department"), col("outcome"), col("channel_type"), explode_outer(col("rule_ids")).as("rule_id"))
                .groupBy("department", "outcome", "channel_type", "rule_id").agg(count(lit(1)).as("records"))
                .orderBy("department", "outcome", "channel_type", "rule_id");
        writeSummary(byRule, output + "/" + BY_RULE);
        Dataset<Row> byOutcome = decided
                .groupBy("department", "outcome", "channel_type").agg(count(lit(1)).as("records"))
                .orderBy("department", "outcome", "channel_type");
        writeSummary(byOutcome, output + "/" + BY_OUTCOME);

        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        long decidedCount = 0;
        for (Row row : spark.read().parquet(output + "/" + BY_OUTCOME).collectAsList()) {
            long records = row.getLong(row.fieldIndex("records"));
            outcomes.merge(Outcome.valueOf(row.getString(row.fieldIndex("outcome"))), records, Long::sum);
            decidedCount += records;
        }
        long invalidCount = spark.read().parquet(output + "/" + INVALID).count();
        AuditReport report = new AuditReport(input, output, identity, decidedCount, invalidCount, outcomes,
                (System.nanoTime() - start) / 1e9);
        writeReport(report, new Path(output, REPORT), hadoop);
        return report;
    }

    private void writeSummary(Dataset<Row> summary, String path) {
        // A few thousand rows at most: one file each, in order, and a CSV copy for spreadsheets.
        summary.coalesce(1).write().parquet(path);
        spark.read().parquet(path).coalesce(1).write().option("header", "true").csv(path + "-csv");
    }

    private static void prepareOutput(Path output, boolean overwrite, Configuration hadoop) {
        try {
            FileSystem fs = output.getFileSystem(hadoop);
            if (!fs.exists(output)) {
                return;
            }
            FileStatus[] contents = fs.listStatus(output);
            boolean earlierAudit = fs.exists(new Path(output, REPORT));
            if (!overwrite) {
                throw new IllegalArgumentException(output + " exists; give another output, or --overwrite to replace an earlier audit");
            }
            if (contents.length > 0 && !earlierAudit) {
                throw new IllegalArgumentException(output + " exists and holds something other than a finished audit (no "
                        + REPORT + "); not replacing it: remove it yourself or give another output");
            }
            fs.delete(output, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output " + output, e);
        }
    }

    private static void writeReport(AuditReport report, Path path, Configuration hadoop) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("input", report.input());
        root.put("output", report.output());
        ObjectNode ruleSet = root.putObject("ruleSet");
        ruleSet.put("id", report.ruleSet().id());
        ruleSet.put("version", report.ruleSet().version());
        ruleSet.put("digest", report.ruleSet().digest());
        root.put("records", report.records());
        root.put("decided", report.decided());
        root.put("invalid", report.invalid());
        root.put("notPermitted", report.notPermitted());
        ObjectNode outcomes = root.putObject("outcomes");
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.name(), report.outcomes().get(outcome));
        }
        root.put("seconds", Math.round(report.seconds() * 10) / 10.0);
        try (OutputStream out = path.getFileSystem(hadoop).create(path, false)) {
            out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
