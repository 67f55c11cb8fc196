package uk.gov.channelpolicy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Trace;

class DecisionLogTest {
    @TempDir
    Path directory;

    private final ObjectMapper mapper = new ObjectMapper();
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static PolicyRequest personal() {
        return PolicyRequest.builder(new Actor("writer", "jane.smith", "Jane Smith"), "post")
                .channel(new Channel(null, "@jane_writes", new Owner("writer", "jane.smith", "Jane Smith", null))).content("news").build();
    }

    @Test
    void record_masksPersonalDataByDefaultAndKeepsWhatDecided() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.builder(file).clock(FIXED).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
            policy.evaluate(personal());
        }

        String text = Files.readString(file);
        assertThat(text).doesNotContain("jane.smith", "Jane Smith", "@jane_writes");
        JsonNode record = mapper.readTree(text);
        assertThat(record.at("/time").asText()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(record.at("/request/actor/id").asText()).isEqualTo("***");
        assertThat(record.at("/request/ownChannel").asBoolean()).isTrue();
        assertThat(record.at("/outcome").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(record.at("/ruleSet/digest").asText()).isEqualTo(Newsroom.policy().ruleSet().identity().digest());
    }

    @Test
    void record_withAKeyLinksOnePersonsRecordsWithoutNamingThem() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        byte[] key = "a secret key of at least 32 bytes!!".getBytes(StandardCharsets.UTF_8);
        try (DecisionLog log = DecisionLog.builder(file).keyedHash(key).build()) {
            Decision decision = Newsroom.policy().evaluate(personal());
            log.record(personal(), decision);
        }

        JsonNode record = mapper.readTree(Files.readString(file));
        String actorId = record.at("/request/actor/id").asText();
        assertThat(actorId).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64);
        assertThat(record.at("/request/channel/owner/id").asText()).as("same person, same hash").isEqualTo(actorId);
        assertThat(Files.readString(file)).doesNotContain("jane.smith");
    }

    @Test
    void record_rotatesSoTheLogNeverExceedsItsLimit() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        Decision decision = Newsroom.policy().evaluate(personal());
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(4096).maxFiles(3).build()) {
            for (int i = 0; i < 500; i++) {
                log.record(personal(), decision);
            }
        }

        try (var files = Files.list(directory)) {
            List<Path> logs = files.sorted().toList();
            assertThat(logs).extracting(p -> p.getFileName().toString())
                    .containsExactly("decisions.jsonl", "decisions.jsonl.1", "decisions.jsonl.2");
            for (Path log : logs) {
                assertThat(Files.size(log)).isLessThanOrEqualTo(4096);
                for (String line : Files.readAllLines(log)) {
                    assertThat(mapper.readTree(line).at("/outcome").asText()).isEqualTo("NOT_APPLICABLE");
                }
            }
        }
    }

    @Test
    void open_keepsATornLastLineAsItIsAndStartsTheNextRecordOnANewLine() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        String before = "{\"outcome\":\"DENY\"}\n{\"outcome\":\"PER";
        Files.writeString(file, before);

        try (DecisionLog log = DecisionLog.builder(file).build()) {
            assertThat(Files.readString(file)).as("opening changes nothing").isEqualTo(before);
            log.record(personal(), Newsroom.policy().evaluate(personal()));
        }

        String after = Files.readString(file);
        assertThat(after).startsWith(before + "\n");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(mapper.readTree(lines.get(2)).at("/outcome").asText()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void open_appendsToAWholeFileWithoutABlankLine() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        Files.writeString(file, "{\"outcome\":\"DENY\"}\n");

        try (DecisionLog log = DecisionLog.builder(file).build()) {
            log.record(personal(), Newsroom.policy().evaluate(personal()));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"outcome\":\"DENY\"}");
        assertThat(mapper.readTree(lines.get(1)).at("/outcome").asText()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void open_refusesASymbolicLinkAndLeavesItsTargetAlone() throws IOException {
        Path target = Files.writeString(directory.resolve("passwords.txt"), "not a log");
        Path link = Files.createSymbolicLink(directory.resolve("decisions.jsonl"), target);

        assertThatThrownBy(() -> DecisionLog.builder(link).build())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("decisions.jsonl")
                .hasMessageContaining("symbolic link");

        assertThat(Files.readString(target)).isEqualTo("not a log");
    }

    @Test
    void open_refusesADanglingSymbolicLinkAndCreatesNothingThroughIt() throws IOException {
        Path target = directory.resolve("elsewhere.txt");
        Path link = Files.createSymbolicLink(directory.resolve("decisions.jsonl"), target);

        assertThatThrownBy(() -> DecisionLog.builder(link).build()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("symbolic link");

        assertThat(target).doesNotExist();
    }

    @Test
    void open_refusesSomethingThatIsNotARegularFile() throws IOException {
        Path folder = Files.createDirectory(directory.resolve("decisions.jsonl"));

        assertThatThrownBy(() -> DecisionLog.builder(folder).build()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void rotate_refusesALinkPutWhereTheNewFileGoesAndLeavesItsTargetAlone() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        Path target = Files.writeString(directory.resolve("passwords.txt"), "not a log");
        DecisionLog.Disk plantsALink = new DecisionLog.Disk() {
            @Override
            public void move(Path from, Path to) throws IOException {
                DecisionLog.Disk.super.move(from, to);
                if (from.equals(file)) {
                    Files.createSymbolicLink(file, target); // in the gap between the rename and the open
                }
            }
        };
        Decision decision = Newsroom.policy().evaluate(personal());
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(1024).disk(plantsALink).build()) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    log.record(personal(), decision);
                }
            }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("symbolic link");
        }

        assertThat(Files.readString(target)).isEqualTo("not a log");
    }

    @Test
    void everyWholeLineParsesAfterTheWriterIsKilledWithSigkill_onlyTheLastCanBeTorn() throws Exception {
        Path file = directory.resolve("decisions.jsonl");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DecisionLogWriterMain.class.getName(),
                file.toString(), Newsroom.DIRECTORY.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("writer.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((!Files.exists(file) || Files.size(file) < 2_000_000) && writer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(writer.isAlive()).as("the writer runs until killed; its output: %s",
                    Files.exists(directory.resolve("writer.out")) ? Files.readString(directory.resolve("writer.out")) : "").isTrue();
        } finally {
            writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
            writer.waitFor(30, TimeUnit.SECONDS);
        }

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isNotEmpty();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        // Each record is one write(2), but Linux may cut a write short at a page boundary when SIGKILL arrives: then the
        // last line is torn. That record's decision was never returned (it is written first), and the next writer starts
        // on a new line (DecisionLogRecoveryTest). Every line before it is whole.
        boolean torn = bytes[bytes.length - 1] != (byte) '\n';
        if (torn) {
            lines.remove(lines.size() - 1);
        }
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(mapper.readTree(line).at("/outcome").asText()).isEqualTo("DENY");
        }
        System.out.printf("SIGKILL test: %d whole records%s%n", lines.size(), torn ? ", then the one being written, torn" : "");
    }

    @Test
    void evaluate_isIndeterminateWhenItsDecisionCannotBeRecorded() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        DecisionLog log = DecisionLog.builder(file).build();
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
        log.close();

        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(decision).isIndeterminate().citesExactly("channel-policy.decision-log");
    }

    @Test
    void evaluateTraceAndExplain_eachWriteExactlyOneRecordAndTheAlternativesNone() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        PolicyRequest deniedOpinion = Newsroom.request("editor", "post", Channel.unattributed(), "opinion");
        try (DecisionLog log = DecisionLog.builder(file).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();

            policy.evaluate(deniedOpinion);
            assertThat(Files.readAllLines(file)).hasSize(1);
            policy.trace(deniedOpinion);
            assertThat(Files.readAllLines(file)).hasSize(2);
            Explanation explanation = policy.explain(deniedOpinion);
            assertThat(explanation.alternatives()).as("the search decided other requests").isNotEmpty();
            assertThat(Files.readAllLines(file)).as("but only the request asked about is recorded").hasSize(3);
        }

        for (String line : Files.readAllLines(file)) {
            JsonNode record = mapper.readTree(line);
            assertThat(record.at("/outcome").asText()).isEqualTo("DENY");
            assertThat(record.at("/request/content/0").asText()).isEqualTo("opinion");
            assertThat(record.at("/request/actor/id").asText()).isEqualTo("***");
        }
    }

    @Test
    void evaluateUnrecorded_decidesAsEvaluateDoesAndWritesNoRecord() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        PolicyRequest deniedOpinion = Newsroom.request("editor", "post", Channel.unattributed(), "opinion");
        try (DecisionLog log = DecisionLog.builder(file).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();

            Decision unrecorded = policy.evaluateUnrecorded(deniedOpinion);
            assertThat(Files.readAllLines(file)).isEmpty();
            assertThat(unrecorded).isEqualTo(policy.evaluate(deniedOpinion));
            assertThat(Files.readAllLines(file)).hasSize(1);
            assertThatThrownBy(() -> policy.evaluateUnrecorded(Newsroom.request("editor", "tweet", Channel.unattributed(), "news")))
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void traceAndExplain_areIndeterminateWhenTheirDecisionCannotBeRecorded() {
        DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).build();
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
        log.close();
        PolicyRequest permitted = Newsroom.request("editor", "post", Channel.unattributed(), "news");

        Trace trace = policy.trace(permitted);
        Explanation explanation = policy.explain(permitted);

        assertThat(trace.decision()).isIndeterminate().citesExactly("channel-policy.decision-log");
        assertThat(trace.firedRules()).isEmpty();
        assertThat(explanation.decision()).isIndeterminate().citesExactly("channel-policy.decision-log");
        assertThat(explanation.rulesFired()).isEmpty();
        assertThat(explanation.alternatives()).isEmpty();
    }
}
