package uk.gov.channelpolicy.audit;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.load.RuleSource;

/**
 * The audit as a program: locally on {@code local[*]} with one {@code java} command, or on a
 * cluster through {@code spark-submit}, unchanged.
 *
 * <pre>{@code
 * java @examples/spark-audit/target/spark-audit.args uk.gov.channelpolicy.audit.AuditJob --input archive.jsonl --output audit-out
 * spark-submit --master spark://host:7077 --class uk.gov.channelpolicy.audit.AuditJob --jars ... \
 *     channel-policy-spark-audit.jar --input hdfs:///archive/ --output hdfs:///audit/2024
 * }</pre>
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {
            "Checks an archive of social-media activity (JSON Lines, one activity record per line) against a rule set, "
                    + "record for record, on Apache Spark.",
            "Writes decisions/, denied/, invalid/, summary/ and run.json under the output directory."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every line was audited: decided, or reported in invalid/ with its problems",
            "2:a usage error: a missing input, an output that exists",
            "3:the rule set could not be loaded",
            "1:the job failed"})
public final class AuditJob implements Callable<Integer> {
    /** Where the job runs when neither --master nor spark-submit says. */
    public static final String DEFAULT_MASTER = "local[*]";
    private static final String TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";
    private static final String PLAN_FIELDS = "spark.sql.debug.maxToStringFields";

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "The archive: JSON Lines files, directories or globs, comma-separated, on any file system Spark reads.")
    private String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The directory to write; it must not exist.")
    private String output;

    @Option(names = "--rule-set", paramLabel = "ID", defaultValue = "dh",
            description = "The precompiled rule set on the classpath to decide with (default: ${DEFAULT-VALUE}).")
    private String ruleSetId;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Decide with the rule set in this directory instead, compiled by each JVM; on a cluster it must be "
                    + "readable at this path on the driver and on every executor.")
    private Path rulesDirectory;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master. Default: what spark-submit gives, else " + DEFAULT_MASTER + ".")
    private String master;

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
        if (splits != null && splits < 1) {
            err.println("audit: --splits must be at least 1");
            return 2;
        }
        RuleSource source = rulesDirectory != null ? RuleSource.directory(rulesDirectory) : RuleSource.classpath(ruleSetId);
        SparkSession spark = session();
        try {
            ArchiveAudit audit = splits != null ? new ArchiveAudit(spark, source, splits) : new ArchiveAudit(spark, source);
            AuditReport report = audit.run(input, output, overwrite);
            spec.commandLine().getOut().print(report.describe());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (RuleSetException e) {
            err.println("audit: the " + source.describe() + " cannot be loaded");
            err.println(e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return 2;
        } finally {
            spark.stop();
        }
    }

    private SparkSession session() {
        SparkConf given = new SparkConf(); // what spark-submit, or -Dspark.* options, set
        SparkSession.Builder builder = SparkSession.builder().appName("channel-policy audit");
        if (master != null) {
            builder.master(master);
        } else if (!given.contains("spark.master")) { // spark-submit sets it; a plain java command does not
            builder.master(DEFAULT_MASTER);
        }
        if (!given.contains(PLAN_FIELDS)) {
            // The decisions table has 26 columns; past 25, Spark warns that it shortens the plans it logs.
            builder.config(PLAN_FIELDS, "64");
        }
        if (!given.contains(TIMESTAMP_TYPE)) {
            // Readable by any Parquet reader, not only Spark's (Spark's default is the legacy INT96).
            builder.config(TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
        }
        return builder.getOrCreate();
    }
}
