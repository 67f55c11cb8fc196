package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The job as a program: one command, a report, and an exit status that says what happened. */
class AuditJobTest {
    @TempDir
    static Path dir;

    private static Path archive;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void archive() throws Exception {
        archive = dir.resolve("archive.jsonl");
        new ArchiveGenerator(5, 0.02).write(archive, 500, null);
    }

    private int run(String... args) {
        CommandLine commandLine = AuditJob.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void main_auditsAnArchiveWithOneCommandAndPrintsWhatItDid() {
        Path output = dir.resolve("audit");

        int status = run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Audited 500 records from " + archive).contains("invalid:").contains("not permitted:");
        assertThat(output.resolve(ArchiveAudit.REPORT)).exists();
        assertThat(output.resolve(ArchiveAudit.DECISIONS).resolve("_SUCCESS")).exists();
    }

    @Test
    void main_replacesAnEarlierAuditOnlyWhenToldTo() {
        Path output = dir.resolve("twice");
        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]")).isZero();

        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]")).isEqualTo(2);
        assertThat(err.toString()).contains("exists");
        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]", "--overwrite")).isZero();
    }

    @Test
    void main_exitsWith2ForAMissingInput() {
        int status = run("--input", dir.resolve("nothing-here").toString(), "--output", dir.resolve("x").toString(), "--master", "local[2]");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("no input at");
    }

    @Test
    void main_exitsWith3ForARuleSetThatDoesNotLoad() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-rules"));

        int status = run("--input", archive.toString(), "--output", dir.resolve("y").toString(), "--master", "local[2]",
                "--rules", empty.toString());

        assertThat(status).isEqualTo(3);
        assertThat(err.toString()).contains("cannot be loaded").contains("manifest.json");
    }
}
