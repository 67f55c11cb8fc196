package uk.gov.channelpolicy.audit;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The audit as a program: locally on {@code local[*]} with one {@code java} command, on a cluster from
 * the same command with {@code --master} (the job ships its own jar and {@code lib/}), or through
 * {@code spark-submit}, unchanged.
 *
 * <pre>{@code
 * java @examples/spark-audit/target/spark-audit.args uk.gov.channelpolicy.audit.AuditJob --input archive.jsonl --output audit-out
 * spark-submit --master spark://host:7077 --class uk.gov.channelpolicy.audit.AuditJob --jars ... \
 *     channel-policy-spark-audit.jar --input hdfs:///archive/ --output hdfs:///audit/2024
 * }</pre>
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks social-media activity against a rule set, record for record, on Apache Spark: the project's activity records "
                    + "(JSON Lines), a Twitter/X archive's tweets.js, or a CSV or Parquet export with the department's accounts file.",
            "Writes report.html, decisions/, review/, invalid/, tables/ and run.json under the output directory."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every record was read and decided, or reported; invalid records within --max-invalid",
            "1:the job failed",
            "2:a usage error: a missing input, an output that exists, an accounts file, lexicon or column that cannot be used",
            "3:the rule set could not be loaded",
            "4:more records were invalid than --max-invalid allows, or none were read: every output is written, and says why",
            "5:no Spark executor started within --executor-timeout"})
public final class AuditJob implements Callable<Integer> {
    /** Where the job runs when neither --master nor spark-submit says. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** Exit status: the job failed. */
    public static final int FAILED = 1;
    /** Exit status: a usage error. */
    public static final int USAGE = 2;
    /** Exit status: the rule set could not be loaded. */
    public static final int RULE_SET = 3;
    /** Exit status: too many invalid records, or none read. */
    public static final int TOO_MANY_INVALID = 4;
    /** Exit status: no executor started. */
    public static final int NO_EXECUTORS = 5;
    private static final String TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";
    private static final String PLAN_FIELDS = "spark.sql.debug.maxToStringFields";

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "The input: files, directories or globs, comma-separated, on any file system Spark reads.")
    private String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The directory to write; it must not exist.")
    private String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (activity records, the default), tweets-js (a Twitter/X archive), csv or parquet (an export).")
    private String format;

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "The department's accounts file (CSV): handle, department, channel type, owner, operator, default category. "
                    + "Required for tweets-js, csv and parquet.")
    private String accounts;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "The terms and hashtags that classify posts whose export states no category (CSV: category,term). "
                    + "Default: the bundled lexicon-dh.csv.")
    private String lexicon;

    @Option(names = "--columns", paramLabel = "PART=COLUMN,...",
            description = "Which column of a CSV or Parquet export holds each part of a post: id, time, account, text, link, category, "
                    + "action. Default: columns of those names.")
    private String columns;

    @Option(names = "--time-format", paramLabel = "PATTERN",
            description = "How a CSV or Parquet export writes times, as a java.time pattern (e.g. 'dd/MM/yyyy HH:mm'). Default: ISO-8601 "
                    + "with a zone.")
    private String timeFormat;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "The zone of times written without one (e.g. Europe/London). Default: none; a time without a zone is invalid.")
    private String timeZone;

    @Option(names = "--account", paramLabel = "HANDLE",
            description = "Whose Twitter/X archive the tweets.js is. Default: the handle in account.js beside it.")
    private String account;

    @Option(names = "--mask-text", description = "Mask handles and e-mail addresses in post texts. Default: texts as exported.")
    private boolean maskText;

    @Option(names = "--staff-id-key", paramLabel = "FILE",
            description = "Show staff ids as keyed hashes (HMAC-SHA256, as the decision log's) with the key in this file (32 bytes "
                    + "or more). Default: masked as ***.")
    private Path staffIdKey;

    @Option(names = "--max-invalid", paramLabel = "SHARE", defaultValue = "1%",
            description = "The largest share of invalid records a run may have and exit 0: a percentage (1%%) or a fraction (0.01). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String maxInvalid;

    @Option(names = "--rule-set", paramLabel = "ID", defaultValue = "dh",
            description = "The precompiled rule set on the classpath to decide with (default: ${DEFAULT-VALUE}).")
    private String ruleSetId;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Decide with the rule set in this directory instead, compiled by each JVM; on a cluster it must be "
                    + "readable at this path on the driver and on every executor.")
    private Path rulesDirectory;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master. Default: what spark-submit gives, else " + DEFAULT_MASTER + ". For any master but "
                    + "local[...], the job ships its own jar and the jars of lib/ beside it.")
    private String master;

    @Option(names = "--executor-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "On a cluster, how long to wait for the first executor before giving up (default: ${DEFAULT-VALUE}). "
                    + "Not with dynamic allocation, which starts executors only once there is work.")
    private int executorTimeout;

    @Option(names = "--splits", paramLabel = "N",
            description = "How many input partitions to aim for. Default: 3 per core of the cluster.")
    private Integer splits;

    @Option(names = "--overwrite", description = "Replace the output directory if it holds an earlier audit.")
    private boolean overwrite;

    private AuditJob() {
    }

    /**
     * Runs the audit and exits with its status.
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, ready to execute; output goes to stdout and errors to stderr.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AuditJob());
        commandLine.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        return commandLine;
    }

    /**
     * Runs the audit.
     *
     * @return the exit status
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Instant start = Instant.now();
        RuleSource source = rulesDirectory != null ? RuleSource.directory(rulesDirectory) : RuleSource.classpath(ruleSetId);
        AuditSettings settings;
        try {
            // The rule set first: the settings are checked against its vocabulary.
            ChannelPolicy policy = ExecutorPolicies.policyFor(source);
            settings = settings(start, policy.vocabulary());
        } catch (RuleSetException e) {
            err.println("audit: the " + source.describe() + " cannot be loaded");
            err.println(e.getMessage());
            return RULE_SET;
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return USAGE;
        }
        SparkSession spark;
        try {
            spark = session();
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return USAGE;
        }
        try {
            if (!executorsStarted(spark)) {
                err.println("audit: no Spark executor started within " + executorTimeout + " s on " + spark.sparkContext().master()
                        + ". The rule set loaded (on the driver); the cluster did not give this job an executor. Check the cluster's "
                        + "free cores and memory, its workers' logs, and, for local-cluster[...], that SPARK_HOME is a Spark 4.0 "
                        + "distribution (its workers start executors from SPARK_HOME/jars).");
                return NO_EXECUTORS;
            }
            AuditReport report = new ArchiveAudit(spark, source, settings).run(input, output, overwrite);
            spec.commandLine().getOut().print(report.describe());
            spec.commandLine().getOut().flush();
            String failure = report.failure();
            if (failure != null) {
                err.println("audit: FAILED: " + failure);
                return TOO_MANY_INVALID;
            }
            return 0;
        } catch (RuleSetException e) {
            err.println("audit: the " + source.describe() + " cannot be loaded");
            err.println(e.getMessage());
            return RULE_SET;
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            // Spark throws its (checked) SparkException from Scala, undeclared: a task failed, on every attempt.
            err.println("audit: the Spark job failed: " + e.getMessage());
            return FAILED;
        } finally {
            spark.stop();
        }
    }

    private AuditSettings settings(Instant start, Vocabulary vocabulary) {
        InputFormat inputFormat = null;
        for (InputFormat candidate : InputFormat.values()) {
            if (candidate.id().equals(format)) {
                inputFormat = candidate;
            }
        }
        if (inputFormat == null) {
            throw new IllegalArgumentException("--format " + format + " is not a format; allowed: jsonl, tweets-js, csv, parquet");
        }
        AuditSettings.Builder builder = AuditSettings.builder(start).format(inputFormat).maskText(maskText)
                .maxInvalid(share(maxInvalid)).columns(ColumnMap.parse(columns));
        if (timeFormat != null || timeZone != null) {
            try {
                builder.timeFormat(timeFormat, timeZone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--time-format/--time-zone: " + e.getMessage());
            }
        }
        if (splits != null) {
            builder.splits(splits);
        }
        if (account != null) {
            builder.account(account);
        }
        if (accounts != null) {
            builder.accounts(AccountBook.parse(accounts, read(accounts, "--accounts"), vocabulary));
        }
        if (lexicon != null) {
            builder.lexicon(Lexicon.parse(lexicon, read(lexicon, "--lexicon"), vocabulary));
        }
        if (staffIdKey != null) {
            try {
                builder.staffIds(StaffIds.keyedHash(Files.readAllBytes(staffIdKey)));
            } catch (IOException e) {
                throw new IllegalArgumentException("--staff-id-key " + staffIdKey + " cannot be read: " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** A settings file, from any file system Hadoop reads: the driver reads it once and ships what it holds. */
    private static String read(String file, String option) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
            try (var in = path.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** {@code 1%} or {@code 0.01}. */
    static double share(String text) {
        String value = text.strip();
        try {
            return value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-invalid " + text + " is not a share: give a percentage such as 1% or a fraction such as 0.01");
        }
    }

    private boolean executorsStarted(SparkSession spark) {
        // Locally the driver runs the tasks; with dynamic allocation executors are asked for only once work is queued.
        if (spark.sparkContext().isLocal() || spark.sparkContext().getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
            return true;
        }
        long deadline = System.nanoTime() + executorTimeout * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            // The driver is listed too: more than one means an executor has registered.
            if (spark.sparkContext().statusTracker().getExecutorInfos().length > 1) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private SparkSession session() {
        SparkConf given = new SparkConf(); // what spark-submit, or -Dspark.* options, set
        SparkSession.Builder builder = SparkSession.builder().appName("channel-policy audit");
        String effective = master != null ? master : given.get("spark.master", DEFAULT_MASTER);
        if (master != null) {
            builder.master(master);
        } else if (!given.contains("spark.master")) { // spark-submit sets it; a plain java command does not
            builder.master(DEFAULT_MASTER);
        }
        if (!effective.startsWith("local[") && !effective.equals("local") && !given.contains("spark.jars")) {
            // Not spark-submit (which ships --jars itself): executors elsewhere need the job's classes and its libraries.
            builder.config("spark.jars", String.join(",", jobJars()));
        }
        if (!given.contains(PLAN_FIELDS)) {
            // The records table has 35 columns; past 25, Spark warns that it shortens the plans it logs.
            builder.config(PLAN_FIELDS, "64");
        }
        if (!given.contains(TIMESTAMP_TYPE)) {
            // Readable by any Parquet reader, not only Spark's (Spark's default is the legacy INT96).
            builder.config(TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
        }
        return builder.getOrCreate();
    }

    /**
     * The job's jar and the jars of the {@code lib/} directory beside it, as the build leaves them.
     *
     * @return the paths
     * @throws IllegalArgumentException if the job is not running from its jar
     */
    static List<String> jobJars() {
        Path jar;
        try {
            jar = Path.of(AuditJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("cannot tell where the job's jar is: " + e.getMessage());
        }
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new IllegalArgumentException("--master other than local[...] ships the job's jar to the executors, but the job runs "
                    + "from " + jar + ", not a jar: build it (mvn package) and put target/channel-policy-spark-audit-*.jar on the "
                    + "class path instead, or use spark-submit");
        }
        List<String> jars = new ArrayList<>();
        jars.add(jar.toString());
        Path lib = jar.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                files.filter(file -> file.toString().endsWith(".jar")).map(Path::toString).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + lib + ": " + e.getMessage());
            }
        }
        return jars.stream().map(path -> new File(path).getAbsolutePath()).toList();
    }
}
