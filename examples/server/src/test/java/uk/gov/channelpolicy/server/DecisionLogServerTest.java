package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.log.DecisionLog;

/** With --decision-log, every decision the service makes is one record, personal data masked, written before it stops. */
class DecisionLogServerTest {
    @TempDir
    Path dir;

    @Test
    void everyDecisionIsRecordedOnce_singleBatchItemsAndExplanations() throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        try (DecisionServer server = DecisionServer.start(Servers.config().decisionLog(log)
                .decisionLogFsync(DecisionLog.Fsync.PER_RECORD).build())) {
            Http http = new Http(server);
            assertThat(http.postJson("/v1/decisions", Servers.PERMITTED).statusCode()).isEqualTo(200);
            assertThat(http.postJson("/v1/decisions/batch", "[" + Servers.PERMITTED + "," + Servers.DENIED + "]").statusCode())
                    .isEqualTo(200);
            assertThat(http.postJson("/v1/explain", Servers.DENIED).statusCode()).isEqualTo(200);
            assertThat(http.postJson("/v1/decisions", "{\"actor\":{\"role\":\"minster\"}}").statusCode()).isEqualTo(400);
        }

        List<String> records = Files.readAllLines(log);
        assertThat(records).hasSize(4);
        assertThat(String.join("\n", records)).doesNotContain("comms-17").doesNotContain("@dhgovuk");
    }

    @Test
    void aLogThatCannotBeOpened_stopsTheServerFromStartingWithAClearMessage() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("a-directory"));

        // Bounded: were the log opened after all, the server would run until stopped.
        int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> new picocli.CommandLine(new Main()).execute("--port", "0", "--decision-log", notAFile.toString()));

        assertThat(status).isEqualTo(2);
    }
}
