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

        int status = run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]", "--max-invalid", "5%");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Audited 500 records from " + archive).contains("invalid:").contains("not permitted:")
                .contains("Deciding stage: 500 records in ");
        assertThat(output.resolve(ArchiveAudit.REPORT)).exists();
        assertThat(output.resolve(ArchiveAudit.HTML)).exists();
        assertThat(output.resolve(ArchiveAudit.DECISIONS).resolve("_SUCCESS")).exists();
    }

    @Test
    void main_replacesAnEarlierAuditOnlyWhenToldTo() {
        Path output = dir.resolve("twice");
        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]", "--max-invalid", "0.05")).isZero();

        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]", "--max-invalid", "0.05"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("exists");
        assertThat(run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]", "--max-invalid", "0.05",
                "--overwrite")).isZero();
    }

    @Test
    void main_exitsWith4WhenMoreRecordsAreInvalidThanMaxInvalidAllows_afterWritingEveryOutput() throws Exception {
        Path output = dir.resolve("too-many");

        int status = run("--input", archive.toString(), "--output", output.toString(), "--master", "local[2]");

        assertThat(status).isEqualTo(AuditJob.TOO_MANY_INVALID);
        assertThat(err.toString()).contains("audit: FAILED: ").contains("of the records are invalid (").contains("more than --max-invalid 1%");
        assertThat(output.resolve(ArchiveAudit.HTML)).content().contains("This run FAILED");
        assertThat(output.resolve(ArchiveAudit.REPORT)).content().contains("\"succeeded\" : false");
    }

    @Test
    void main_exitsWith4WhenEveryLineFails_asAnExportReadAsJsonLinesDoes() throws Exception {
        Path export = dir.resolve("export.csv");
        Files.writeString(export, "Post ID,Published,Profile,Message\nc1,2024-01-01T00:00:00Z,@DHgovuk,hello\n");

        int status = run("--input", export.toString(), "--output", dir.resolve("all-invalid").toString(), "--master", "local[2]");

        assertThat(status).isEqualTo(AuditJob.TOO_MANY_INVALID);
        assertThat(err.toString()).contains("100.00% of the records are invalid (2 of 2)");
    }

    @Test
    void main_exitsWith2ForAnExportWithoutTheAccountsFile_orAnAccountsFileThatCannotBeUsed() throws Exception {
        Path accounts = dir.resolve("accounts.csv");
        Files.writeString(accounts, "handle,department,operator_role\n@DHgovuk,dh,comms\n");

        assertThat(run("--input", archive.toString(), "--output", dir.resolve("z1").toString(), "--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("--format csv needs --accounts FILE");
        assertThat(run("--input", archive.toString(), "--output", dir.resolve("z2").toString(), "--format", "csv", "--accounts",
                accounts.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 2, operator_role: \"comms\" is not a role");
        assertThat(run("--input", archive.toString(), "--output", dir.resolve("z3").toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format xml is not a format; allowed: jsonl, tweets-js, csv, parquet");
        assertThat(run("--input", archive.toString(), "--output", dir.resolve("z4").toString(), "--max-invalid", "lots")).isEqualTo(2);
    }

    @Test
    void main_onAClusterMasterRefusesToRunFromClassesItCannotShip() {
        int status = run("--input", archive.toString(), "--output", dir.resolve("cluster").toString(), "--master", "spark://127.0.0.1:7077");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("ships the job's jar to the executors").doesNotContain("rule set");
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
