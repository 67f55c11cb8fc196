package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --decision-log: one masked record per decision the command gives, and none for anything else. */
class DecisionLogOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every id, name and handle in the requests these tests send. */
    private static final String[] PERSONAL = {"comms-17", "jane", "@minister_jane", "@dhgovuk"};

    @TempDir
    Path dir;

    @Test
    void evaluate_writesOneRecordWithItsIdsMasked() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);
        Path log = dir.resolve("decisions.jsonl");

        CliRun run = CliRun.run("evaluate", "--decision-log", log.toString(), request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        List<JsonNode> records = records(log);
        assertThat(records).hasSize(1);
        JsonNode record = records.get(0);
        assertThat(record.at("/outcome").asText()).isEqualTo("DENY");
        assertThat(record.at("/rules").toString()).contains("dh.ministers.no-official-help-with-party-political");
        assertThat(record.at("/request/actor/id").asText()).isEqualTo("***");
        assertThat(record.at("/request/channel/handle").asText()).isEqualTo("***");
        assertThat(record.at("/request/channel/owner/id").asText()).isEqualTo("***");
        assertThat(Files.readString(log)).doesNotContain(PERSONAL);
    }

    @Test
    void evaluateJsonl_writesOneRecordPerDecidedLineAndNoneForInvalidLines() throws IOException {
        String input = Requests.MIXED_LINES;
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), input);
        Path log = dir.resolve("decisions.jsonl");

        CliRun run = CliRun.run("evaluate", "--jsonl", "--decision-log", log.toString(), requests.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.outLines()).hasSize(6);
        assertThat(records(log)).extracting(r -> r.at("/outcome").asText()).containsExactlyInAnyOrder("DENY", "PERMIT", "PERMIT");
        assertThat(Files.readString(log)).doesNotContain(PERSONAL);
    }

    @Test
    void evaluateJsonl_onManyThreadsWritesExactlyOneWholeRecordPerLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add(i % 2 == 0 ? Requests.COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK : Requests.MINISTER_POSTS_ON_OWN_CHANNEL);
        }
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), String.join("\n", lines) + "\n");
        Path log = dir.resolve("decisions.jsonl");

        CliRun run = CliRun.run("evaluate", "--jsonl", "--threads", "4", "--decision-log", log.toString(),
                "--decision-log-fsync", "on-close", requests.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.outLines()).hasSize(1500);
        assertThat(records(log)).hasSize(1500).allSatisfy(r -> assertThat(r.at("/outcome").asText()).isEqualTo("PERMIT"));
    }

    @Test
    void explain_writesOneRecordForTheRequestAndNoneForTheAlternativesItSearched() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);
        Path log = dir.resolve("decisions.jsonl");

        CliRun run = CliRun.run("explain", "--format", "json", "--decision-log", log.toString(), "--decision-log-fsync", "per-record",
                request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(JSON.readTree(run.out()).path("alternatives").size()).as("alternatives were decided").isPositive();
        List<JsonNode> records = records(log);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).at("/outcome").asText()).isEqualTo("DENY");
        assertThat(records.get(0).at("/request/action").asText()).isEqualTo("draft");
        assertThat(Files.readString(log)).doesNotContain(PERSONAL);
    }

    @Test
    void demo_writesOneRecordPerQuestion() throws IOException {
        Path log = dir.resolve("decisions.jsonl");

        CliRun run = CliRun.run("demo", "--decision-log", log.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        Matcher questions = Pattern.compile("(\\d+) questions from").matcher(run.out());
        assertThat(questions.find()).as(run.toString()).isTrue();
        assertThat(records(log)).hasSize(Integer.parseInt(questions.group(1)));
    }

    @Test
    void evaluate_appendsAfterAnUnterminatedLineWithoutChangingIt() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.MINISTER_POSTS_ON_OWN_CHANNEL);
        String before = "{\"outcome\":\"DENY\"}\n{\"outcome\":\"PER";
        Path log = Files.writeString(dir.resolve("decisions.jsonl"), before);

        CliRun run = CliRun.run("evaluate", "--decision-log", log.toString(), request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(Files.readString(log)).startsWith(before + "\n");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(2)).at("/outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void decisionLog_refusesASymbolicLinkAndLeavesItsTargetAlone() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.MINISTER_POSTS_ON_OWN_CHANNEL);
        Path target = Files.writeString(dir.resolve("passwords.txt"), "not a log");
        Path link = Files.createSymbolicLink(dir.resolve("decisions.jsonl"), target);

        CliRun run = CliRun.run("evaluate", "--decision-log", link.toString(), request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("--decision-log: cannot open decision log " + link + ": is a symbolic link");
        assertThat(run.out()).as("nothing decided").isEmpty();
        assertThat(Files.readString(target)).isEqualTo("not a log");
    }

    @Test
    void decisionLogFsync_refusesAnUnknownPolicyNamingTheKnownOnes() {
        CliRun run = CliRun.run("evaluate", "--decision-log", dir.resolve("d.jsonl").toString(), "--decision-log-fsync", "always", "x.json");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("'always' is not an fsync policy: use per-record, interval or on-close");
        assertThat(dir.resolve("d.jsonl")).doesNotExist();
    }

    @Test
    void decisionLogFsync_needsADecisionLog() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.MINISTER_POSTS_ON_OWN_CHANNEL);

        CliRun run = CliRun.run("evaluate", "--decision-log-fsync", "per-record", request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("--decision-log-fsync needs --decision-log FILE");
    }

    private static List<JsonNode> records(Path log) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }
}
