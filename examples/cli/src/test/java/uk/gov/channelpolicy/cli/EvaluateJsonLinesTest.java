package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateJsonLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonl_answersEveryLineWhenOneIsNotUtf8() throws IOException {
        byte[] good = (Requests.oneLine(Requests.MINISTER_POSTS_ON_OWN_CHANNEL) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            input.write(good);
        }
        input.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        for (int i = 0; i < 3000; i++) {
            input.write(good);
        }
        Path file = Files.write(dir.resolve("one-bad-line.jsonl"), input.toByteArray());

        CliRun run = CliRun.run("evaluate", "--jsonl", file.toString());

        assertThat(run.exitStatus()).as(run.err()).isEqualTo(ExitStatus.INVALID);
        List<String> lines = run.outLines();
        assertThat(lines).hasSize(6001);
        assertThat(lines.subList(0, 3000)).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"PERMIT\""));
        assertThat(JSON.readTree(lines.get(3000)).path("error").path("problems").get(0).path("message").asText())
                .isEqualTo("the line is not valid UTF-8: byte 3 of the line is not part of a character; save the file as UTF-8");
        assertThat(lines.subList(3001, 6001)).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"PERMIT\""));
        assertThat(run.err()).contains("1 of 6001 lines").contains("the first was line 3001");
    }

    @Test
    void jsonl_writesOneLinePerInputLineInOrderAndGoesOnPastInvalidAndBlankLines() throws IOException {
        String input = Requests.MIXED_LINES;
        Path file = Files.writeString(dir.resolve("requests.jsonl"), input);

        CliRun run = CliRun.run("evaluate", "--jsonl", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        List<String> lines = run.outLines();
        assertThat(lines).as(run.toString()).hasSize(6);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("outcome").asText()).isEqualTo("DENY");
        assertThat(EvaluateCommandTest.ruleIds(first.path("reasons"))).contains("dh.ministers.no-official-help-with-party-political");

        JsonNode misspelt = JSON.readTree(lines.get(1)).path("error");
        assertThat(misspelt.path("message").asText()).isEqualTo("invalid request");
        assertThat(misspelt.path("problems").get(0).path("path").asText()).isEqualTo("$.actor.role");
        assertThat(misspelt.path("problems").get(0).path("suggestion").asText()).isEqualTo("minister");

        JsonNode blank = JSON.readTree(lines.get(2)).path("error");
        assertThat(blank.path("problems").get(0).path("path").asText()).isEqualTo("$");
        assertThat(blank.path("problems").get(0).path("message").asText()).contains("empty");

        JsonNode fourth = JSON.readTree(lines.get(3));
        assertThat(fourth.path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(EvaluateCommandTest.ruleIds(fourth.path("reasons")))
                .containsExactly("dh.roles.communications-may-promote-via-departmental-channels");

        JsonNode truncated = JSON.readTree(lines.get(4)).path("error");
        assertThat(truncated.path("problems").get(0).path("message").asText()).startsWith("malformed JSON");
        assertThat(truncated.path("problems").get(0).path("line").asInt()).isEqualTo(1);

        JsonNode last = JSON.readTree(lines.get(5));
        assertThat(last.path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(EvaluateCommandTest.ruleIds(last.path("reasons"))).containsExactly("dh.ministers.minister-uses-own-personal-channel");

        assertThat(run.err()).contains("3 of 6 lines").contains("the first was line 2").doesNotContain("\tat ");
    }

    @Test
    void jsonl_exitsZeroWhenEveryLineIsDecided() {
        String input = Requests.COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK + "\r\n" + Requests.MINISTER_POSTS_ON_OWN_CHANNEL;

        CliRun run = CliRun.withStdin(input, "evaluate", "--jsonl", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0)).startsWith("{\"outcome\":\"PERMIT\",\"channelType\":\"corporate\"");
        assertThat(run.outLines().get(1)).startsWith("{\"outcome\":\"PERMIT\",\"channelType\":\"personal\"");
        assertThat(run.out()).doesNotContain("\r");
    }

    @Test
    void jsonl_writesNothingForEmptyInput() {
        CliRun run = CliRun.withStdin("", "evaluate", "--jsonl", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void jsonl_answersAnOverLongLineWithAnErrorAndReadsTheNextLine() throws IOException {
        String input = "{\"padding\": \"" + "x".repeat(100_000) + "\"}\n" + Requests.MINISTER_POSTS_ON_OWN_CHANNEL + "\n";

        CliRun run = CliRun.withStdin(input, "evaluate", "--jsonl", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.outLines()).hasSize(2);
        assertThat(JSON.readTree(run.outLines().get(0)).path("error").path("problems").get(0).path("message").asText())
                .contains("longer than the 65536 characters");
        assertThat(JSON.readTree(run.outLines().get(1)).path("outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void jsonl_stopsWhenNoOneReadsTheOutputAnyMore() {
        String input = (Requests.MINISTER_POSTS_ON_OWN_CHANNEL + "\n").repeat(5_000);
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(new ClosedPipe()));
        commandLine.setErr(new PrintWriter(err, true));

        int status = commandLine.execute("evaluate", "--jsonl", "-");

        assertThat(status).isEqualTo(ExitStatus.OK);
        java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("channel-policy: output closed after line (\\d+); stopped"
                + System.lineSeparator()).matcher(err.toString());
        assertThat(stopped.matches()).as(err.toString()).isTrue();
        assertThat(Long.parseLong(stopped.group(1))).as("lines written before noticing").isLessThan(5_000);
    }

    @Test
    void jsonl_keepsInputOrderWhenDecidingOnSeveralThreads() throws IOException {
        List<String> requests = List.of(Requests.COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK, Requests.MINISTER_POSTS_ON_OWN_CHANNEL,
                Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER.replace("\n", " "), Requests.MISSPELT_ROLE.replace("\n", " "),
                "not json", "");
        StringBuilder input = new StringBuilder();
        List<Integer> picks = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(20261126);
        for (int i = 0; i < 3_000; i++) {
            int pick = random.nextInt(requests.size());
            picks.add(pick);
            input.append(requests.get(pick)).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        List<String> expected = new java.util.ArrayList<>();
        for (String request : requests) {
            CliRun one = CliRun.withStdin(request + "\n", "evaluate", "--jsonl", "--threads", "1", "-");
            assertThat(one.outLines()).hasSize(1);
            expected.add(one.outLines().get(0));
        }

        CliRun run = CliRun.withStdin(input.toString(), "evaluate", "--jsonl", "--threads", "4", "-");

        assertThat(run.outLines()).hasSize(3_000);
        for (int i = 0; i < 3_000; i++) {
            assertThat(run.outLines().get(i)).as("line %d", i + 1).isEqualTo(expected.get(picks.get(i)));
        }
        assertThat(expected.get(0)).startsWith("{\"outcome\":\"PERMIT\"");
        assertThat(expected.get(4)).startsWith("{\"error\":");
        long invalid = picks.stream().filter(p -> p >= 3).count();
        assertThat(run.err()).contains(invalid + " of 3000 lines");
    }

    @Test
    void jsonl_refusesFewerThanOneThread() {
        CliRun run = CliRun.withStdin(Requests.MINISTER_POSTS_ON_OWN_CHANNEL + "\n", "evaluate", "--jsonl", "--threads", "0", "-");

        assertThat(run.exitStatus()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("--threads must be at least 1, not 0").contains("try --threads");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void jsonl_ignoresAByteOrderMarkAtTheStart() {
        CliRun run = CliRun.withStdin("\uFEFF" + Requests.MINISTER_POSTS_ON_OWN_CHANNEL + "\n", "evaluate", "--jsonl", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out()).startsWith("{\"outcome\":\"PERMIT\"");
    }

    @Test
    void jsonl_exitsOneForAMissingFile() {
        CliRun run = CliRun.run("evaluate", "--jsonl", dir.resolve("missing.jsonl").toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no such file");
    }

    /** Stdout whose reader has gone, as when piped into {@code head}: every write fails. */
    private static final class ClosedPipe extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            throw new IOException("Broken pipe");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
