package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job from its own jar and its own command line on {@code local-cluster[2,1,2048]}: a standalone
 * master and two workers in the driver's JVM, each starting an executor JVM from {@code SPARK_HOME/jars}
 * as a cluster's workers do. That Spark home holds Spark and its libraries only, never the job or the
 * library, so the executors decide only because the job ships its jar and {@code lib/}. Runs after
 * {@code package}, as the jar it ships must exist.
 */
class LocalClusterIT {
    private static final Path JAR = Path.of(System.getProperty("channelpolicy.audit.jar"));
    private static final Path ARGS = Path.of(System.getProperty("channelpolicy.audit.args"));

    @TempDir
    static Path dir;

    private static Path archive;
    private static Path args;
    private static Path sparkHome;
    private static SparkSession spark;

    @BeforeAll
    static void prepare() throws Exception {
        archive = dir.resolve("archive.jsonl");
        new ArchiveGenerator(11, 0.01).write(archive, 3_000, null);
        // The job's own argument file, with the job's jar in place of target/classes: the command a user runs.
        List<String> lines = new ArrayList<>(Files.readAllLines(ARGS));
        int cp = lines.indexOf("-cp") + 1;
        List<String> entries = new ArrayList<>(List.of(lines.get(cp).split(File.pathSeparator)));
        entries.set(0, JAR.toString());
        lines.set(cp, String.join(File.pathSeparator, entries));
        args = Files.write(dir.resolve("job.args"), lines);
        // A Spark distribution's layout: RELEASE, and jars/ with Spark and its libraries, none of the job's.
        sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark 4.0.4 (the test's stand-in for a distribution)\n");
        Path lib = JAR.resolveSibling("lib");
        for (String entry : entries.subList(1, entries.size())) {
            Path jar = Path.of(entry);
            boolean shipped = Files.exists(lib.resolve(jar.getFileName()));
            if (entry.endsWith(".jar") && !shipped && !jar.getFileName().toString().startsWith("channel-policy-")) {
                Path link = sparkHome.resolve("jars").resolve(jar.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar);
                }
            }
        }
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run job(Path home, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "@" + args, "uk.gov.channelpolicy.audit.AuditJob"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the job did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static Map<String, String> decisions(String output) {
        Map<String, String> decided = new TreeMap<>();
        for (Row row : LocalSpark.read(spark, output + "/" + ArchiveAudit.DECISIONS)) {
            decided.put(row.getAs("record_id"), row.getAs("outcome") + " " + row.getList(row.fieldIndex("rule_ids"))
                    + " " + row.getList(row.fieldIndex("codes")) + " " + row.getAs("channel_type"));
        }
        return decided;
    }

    @Test
    void localCluster_fromTheJobsOwnCommandLine_decidesExactlyAsLocal() throws Exception {
        String cluster = dir.resolve("cluster-audit").toString();
        String local = dir.resolve("local-audit").toString();

        Run onCluster = job(sparkHome, "--master", "local-cluster[2,1,2048]", "--input", archive.toString(), "--output", cluster,
                "--max-invalid", "5%");
        // The reference: the same audit on local[2], all of this 2-core machine, in this test's own session. (It was a
        // second job JVM on local[*]: a Spark started for nothing the cluster run does not already prove from the command line.)
        AuditReport onLocal = new ArchiveAudit(spark, RuleSource.classpath("dh"), AuditSettings.builder(Instant.now()).maxInvalid(0.05)
                .build()).run(archive.toString(), local, false);

        assertThat(onCluster.status()).as(onCluster.err()).isZero();
        assertThat(onLocal.failure()).isNull();
        assertThat(onLocal.records()).isEqualTo(3_000);
        assertThat(onCluster.out()).contains("Audited 3,000 records");
        Map<String, String> clusterDecisions = decisions(cluster);
        assertThat(clusterDecisions).hasSizeGreaterThan(2_900).isEqualTo(decisions(local));
        assertThat(Files.readString(Path.of(cluster, ArchiveAudit.REPORT))).contains("\"cores\" : 2");
    }

    @Test
    void executorsThatCannotStart_areReportedAsSuch_notAsARuleSetThatCannotBeLoaded() throws Exception {
        Path noSpark = Files.createDirectories(dir.resolve("not-spark"));
        Files.writeString(noSpark.resolve("RELEASE"), "no jars here\n");

        Run run = job(noSpark, "--master", "local-cluster[1,1,1024]", "--executor-timeout", "10", "--input", archive.toString(),
                "--output", dir.resolve("never").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(AuditJob.NO_EXECUTORS);
        assertThat(run.err()).contains("audit: no Spark executor started within 10 s").doesNotContain("cannot be loaded");
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
