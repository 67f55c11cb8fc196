package uk.gov.channelpolicy.audit;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The audit: reads an archive or an export, decides each record with the rule set, and writes the
 * outputs under one directory:
 *
 * <pre>
 * report.html           the report a person reads: self-contained, no scripts, nothing fetched
 * decisions/            Parquet, one row per decided record
 * review/               Parquet, the records needing a human look: decided and not PERMIT, or unclassified
 * invalid/              Parquet, one row per record quarantined, with every problem
 * tables/*.csv          the report's tables, and review.csv and invalid.csv with every record
 * run.json              the {@link AuditReport}
 * </pre>
 *
 * <p>One stage reads, decides and writes a row for every record ({@code staging/}, removed at the end);
 * everything after it reads those rows back: duplicates of a record id (the first, in file and offset
 * order, is decided; later ones are quarantined), the outputs and the totals.
 *
 * <pre>{@code
 * AuditReport report = new ArchiveAudit(spark, RuleSource.classpath("dh"), AuditSettings.builder(Instant.now()).build())
 *         .run("archive.jsonl", "audit-out", false);
 * }</pre>
 */
public final class ArchiveAudit {
    /** Decided records, Parquet. */
    public static final String DECISIONS = "decisions";
    /** Records needing a human look, Parquet. */
    public static final String REVIEW = "review";
    /** Records quarantined, Parquet. */
    public static final String INVALID = "invalid";
    /** The report's tables, CSV. */
    public static final String TABLES = "tables";
    /** The report a person reads. */
    public static final String HTML = "report.html";
    /** The run's report for programs. */
    public static final String REPORT = "run.json";
    /** Where the deciding stage writes its rows; removed when the run ends. Not "_staging": Spark ignores paths starting with "_". */
    private static final String STAGING = "staging";

    private final SparkSession spark;
    private final RuleSource source;
    private final AuditSettings settings;

    /**
     * An audit.
     *
     * @param spark the session to run on
     * @param source where the driver and each executor load the rule set from
     * @param settings how to read and write
     */
    public ArchiveAudit(SparkSession spark, RuleSource source, AuditSettings settings) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs the audit. A run with too many invalid records still writes every output; its report says why
     * it failed ({@link AuditReport#failure()}).
     *
     * @param input the input: files, directories or globs, comma-separated
     * @param output the directory to write; it must not exist, unless {@code overwrite} and it holds an
     *     earlier audit (a {@code run.json}) or nothing
     * @param overwrite whether to replace an earlier audit's output
     * @return what the run did
     * @throws RuleSetException if the rule set cannot be loaded (checked on the driver before any work)
     * @throws IllegalArgumentException if the input does not exist, a setting cannot be used, or the output may not be written
     */
    public AuditReport run(String input, String output, boolean overwrite) {
        long start = System.nanoTime();
        // Load on the driver first: a broken rule set fails here, with every problem, before any task runs.
        ChannelPolicy policy = ExecutorPolicies.policyFor(source);
        RuleSetIdentity identity = policy.ruleSet().identity();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        long inputBytes = ArchiveInput.totalBytes(input, hadoop);
        prepareOutput(new Path(output), overwrite, hadoop);
        int cores = spark.sparkContext().defaultParallelism();
        int splits = settings.splits() != null ? settings.splits() : 3 * cores;

        JavaRDD<ParsedRecord> records = read(input, splits, policy.vocabulary(), hadoop);
        LongAccumulator decidedCount = spark.sparkContext().longAccumulator("records decided");
        LongAccumulator decidingNanos = spark.sparkContext().longAccumulator("CPU nanoseconds in evaluate");
        PartitionAuditor auditor = new PartitionAuditor(source, settings.staffIds(), settings.maskText(), decidedCount, decidingNanos);
        String staging = output + "/" + STAGING;
        double stageSeconds;
        double stageCpu;
        try (StageCpu cpu = StageCpu.listen(spark)) {
            long stageStart = System.nanoTime();
            spark.createDataFrame(records.mapPartitions(auditor::rows), AuditSchema.RECORD).write().mode(SaveMode.ErrorIfExists)
                    .parquet(staging);
            stageSeconds = (System.nanoTime() - stageStart) / 1e9;
            stageCpu = cpu.seconds(records.getNumPartitions());
        }

        Dataset<Row> staged = spark.read().parquet(staging);
        long stagedCount = staged.count();
        // The first record of each id (in file, then offset, order) stands; later ones are quarantined. Only the
        // ids and positions are shuffled, once; the few duplicates found are then cut from the rows by position.
        WindowSpec sameId = Window.partitionBy(col("record_id")).orderBy(col("source_file"), col("source_offset"));
        staged.filter(col("status").notEqual(AuditSchema.INVALID).and(col("record_id").isNotNull()))
                .select(col("record_id"), col("department"), col("source_file"), col("source_offset"))
                .withColumn("_n", row_number().over(sameId))
                .withColumn("_first_file", first(col("source_file")).over(sameId))
                .withColumn("_first_offset", first(col("source_offset")).over(sameId))
                .filter(col("_n").gt(1)).write().parquet(staging + "-duplicates");
        Dataset<Row> duplicates = spark.read().parquet(staging + "-duplicates")
                .withColumn("line", lit(null).cast(DataTypes.StringType))
                .withColumn("line_truncated", lit(false))
                .withColumn("problems", array(struct(lit("$.id").as("path"),
                        concat(lit("duplicate record id \""), col("record_id"), lit("\": the first, at "), col("_first_file"), lit(" "),
                                col("_first_offset").cast(DataTypes.StringType), lit(", is the one decided; this one is quarantined"))
                                .as("message"),
                        lit(new String[0]).as("allowed"), lit(null).cast(DataTypes.StringType).as("suggestion"), lit(0).as("line"),
                        lit(0).as("column"))));
        Dataset<Row> kept = staged.join(duplicates.select(col("source_file"), col("source_offset")),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("source_file", "source_offset")).toSeq(), "left_anti");

        select(kept.filter(col("status").equalTo(AuditSchema.DECIDED)), AuditSchema.DECISION_COLUMNS)
                .write().parquet(output + "/" + DECISIONS);
        select(kept.filter(col("status").equalTo(AuditSchema.UNCLASSIFIED)
                .or(col("status").equalTo(AuditSchema.DECIDED).and(col("outcome").notEqual(Outcome.PERMIT.name())))),
                AuditSchema.REVIEW_COLUMNS).write().parquet(output + "/" + REVIEW);
        select(kept.filter(col("status").equalTo(AuditSchema.INVALID)), AuditSchema.INVALID_COLUMNS)
                .union(select(duplicates, AuditSchema.INVALID_COLUMNS)).write().parquet(output + "/" + INVALID);

        Dataset<Row> decisions = spark.read().parquet(output + "/" + DECISIONS);
        Dataset<Row> review = spark.read().parquet(output + "/" + REVIEW);
        Dataset<Row> invalid = spark.read().parquet(output + "/" + INVALID);
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        long decided = 0;
        long machineClassified = 0;
        for (Row row : decisions.groupBy("outcome", "machine_classified").agg(count(lit(1)).as("records")).collectAsList()) {
            long n = row.getLong(2);
            outcomes.merge(Outcome.valueOf(row.getString(0)), n, Long::sum);
            decided += n;
            if (Boolean.TRUE.equals(row.get(1))) {
                machineClassified += n;
            }
        }
        long invalidCount = invalid.count();
        long duplicateCount = duplicates.count();
        long unclassified = review.filter(col("status").equalTo(AuditSchema.UNCLASSIFIED)).count();
        if (decided + invalidCount + unclassified != stagedCount) {
            throw new IllegalStateException("the outputs hold " + (decided + invalidCount + unclassified) + " records of the " + stagedCount
                    + " read; stopping rather than report totals that do not add up");
        }
        AuditTables tables = new ReportTables(policy, settings).collect(decisions, review, invalid);
        writeCsv(review, output + "/" + TABLES + "/review-csv");
        writeCsv(invalid.withColumn("problems", concat_ws(" | ", col("problems.message"))), output + "/" + TABLES + "/invalid-csv");
        remove(new Path(staging), hadoop);
        remove(new Path(staging + "-duplicates"), hadoop);

        DecidingStage stage = new DecidingStage(stagedCount, decidedCount.value(), stageSeconds, cores, stageCpu,
                decidingNanos.value() / 1e9);
        AuditReport report = new AuditReport(input, output, settings.format(), identity, decided, invalidCount, duplicateCount,
                unclassified, machineClassified, outcomes, settings.maxInvalid(), stage, (System.nanoTime() - start) / 1e9,
                settings.staffIds().describe(), settings.maskText(), tables);
        ReportFiles.write(report, policy, new Path(output), hadoop, inputBytes);
        return report;
    }

    /** The records of the input, read in its format: each a record to decide, an unclassified one, or an invalid one. */
    private JavaRDD<ParsedRecord> read(String input, int splits, Vocabulary vocabulary, Configuration hadoop) {
        RuleSource rules = source;
        TimeRules times = settings.times();
        switch (settings.format()) {
            case JSONL -> {
                return ArchiveInput.lines(spark, input, splits).mapPartitions(lines -> {
                    RecordParser parser = new RecordParser(ExecutorPolicies.policyFor(rules).json(), times);
                    return mapped(lines, parser::parse);
                });
            }
            case TWEETS_JS -> {
                ExportMapper mapper = mapper(vocabulary, times.withFormat(TimeRules.TWITTER, null));
                Map<String, String> handles = tweetFiles(input, hadoop);
                JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
                return context.binaryFiles(String.join(",", handles.keySet()), Math.max(1, Math.min(splits, handles.size())))
                        .mapPartitions(files -> {
                            Vocabulary words = ExecutorPolicies.policyFor(rules).vocabulary();
                            List<ParsedRecord> parsed = new ArrayList<>();
                            while (files.hasNext()) {
                                var file = files.next();
                                String name = file._1();
                                String handle = handles.get(new Path(name).toUri().getPath());
                                for (Imported post : TweetArchive.posts(name, file._2().toArray(), handle)) {
                                    parsed.add(post instanceof ExportRecord export ? mapper.map(export, words) : (InvalidRecord) post);
                                }
                            }
                            return parsed.iterator();
                        });
            }
            default -> {
                ExportMapper mapper = mapper(vocabulary, times);
                return TableExport.posts(spark, settings.format(), input, settings.columns()).mapPartitions(posts -> {
                    Vocabulary words = ExecutorPolicies.policyFor(rules).vocabulary();
                    return mapped(posts, post -> post instanceof ExportRecord export ? mapper.map(export, words) : (InvalidRecord) post);
                });
            }
        }
    }

    private ExportMapper mapper(Vocabulary vocabulary, TimeRules times) {
        Lexicon lexicon = settings.lexicon() != null ? settings.lexicon() : Lexicon.bundled(vocabulary);
        return new ExportMapper(settings.accounts(), lexicon, times);
    }

    /**
     * The {@code tweets*.js} files of the input (a directory means its {@code tweets*.js} files), each with
     * the handle whose archive it is: {@code --account}, or the one {@code account.js} beside it names.
     */
    private Map<String, String> tweetFiles(String input, Configuration hadoop) {
        Map<String, String> handles = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (String one : input.split(",")) {
                Path path = new Path(one.strip());
                FileSystem fs = path.getFileSystem(hadoop);
                FileStatus[] matches = fs.globStatus(path);
                for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
                    List<FileStatus> files = new ArrayList<>();
                    if (match.isDirectory()) {
                        for (FileStatus child : fs.listStatus(match.getPath())) {
                            String name = child.getPath().getName();
                            if (child.isFile() && name.startsWith("tweets") && name.endsWith(".js")) {
                                files.add(child);
                            }
                        }
                    } else {
                        files.add(match);
                    }
                    for (FileStatus file : files) {
                        String handle = settings.account();
                        if (handle == null) {
                            Path accountJs = new Path(file.getPath().getParent(), "account.js");
                            if (fs.exists(accountJs)) {
                                try (var in = fs.open(accountJs)) {
                                    handle = TweetArchive.handleIn(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                                }
                            }
                        }
                        if (handle == null) {
                            problems.add(file.getPath() + ": whose archive it is is not known: give --account HANDLE, or keep the "
                                    + "archive's account.js beside it");
                        }
                        handles.put(file.getPath().toUri().getPath(), handle);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the input " + input, e);
        }
        if (handles.isEmpty()) {
            throw new IllegalArgumentException("no input at " + input + ": no tweets*.js file");
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("the Twitter/X archive", problems);
        }
        return handles;
    }

    private static <T, R> Iterator<R> mapped(Iterator<T> source, org.apache.spark.api.java.function.Function<T, R> map) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public R next() {
                try {
                    return map.call(source.next());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static Dataset<Row> select(Dataset<Row> rows, List<String> columns) {
        return rows.select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /** A table with every record, as one CSV file for a spreadsheet: lists joined with "; ". */
    private static void writeCsv(Dataset<Row> rows, String path) {
        List<Column> columns = new ArrayList<>();
        for (var field : rows.schema().fields()) {
            Column column = col(field.name());
            columns.add(field.dataType() instanceof org.apache.spark.sql.types.ArrayType
                    ? concat_ws("; ", column).as(field.name()) : column.cast(DataTypes.StringType).as(field.name()));
        }
        rows.select(columns.toArray(Column[]::new)).coalesce(1).write().option("header", "true").option("escape", "\"").csv(path);
    }

    private static void remove(Path path, Configuration hadoop) {
        try {
            path.getFileSystem(hadoop).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
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
}
