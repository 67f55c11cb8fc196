package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evaluate_printsTheDecisionJsonWithItsRulesForAValidFile() throws IOException {
        Path file = write("request.json", Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).as("one JSON document, nothing else on stdout").hasSize(1);
        JsonNode decision = JSON.readTree(run.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
        assertThat(decision.path("channelType").asText()).isEqualTo("personal");
        assertThat(texts(decision.path("codes"))).containsExactly("civil-service-code", "ministerial-code");
        assertThat(ruleIds(decision.path("reasons"))).containsExactly(
                "dh.ministers.no-official-help-with-party-political",
                "dh.partisan.no-civil-service-resources-for-party-politics");
        assertThat(decision.path("reasons").get(0).path("citation").path("quote").asText())
                .isEqualTo("DH officials cannot assist in the use of the channel for personal or party political content.");
        assertThat(decision.path("obligations")).isEmpty();
        assertThat(decision.path("ruleSet").path("id").asText()).isEqualTo("dh");
        assertThat(decision.path("ruleSet").path("digest").asText()).startsWith("sha256:");
    }

    @Test
    void evaluate_permitsWithObligationsForAMinisterOnTheirOwnChannel() throws IOException {
        Path file = write("request.json", Requests.MINISTER_POSTS_ON_OWN_CHANNEL);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        JsonNode decision = JSON.readTree(run.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(ruleIds(decision.path("reasons"))).containsExactly("dh.ministers.minister-uses-own-personal-channel");
        assertThat(ruleIds(decision.path("obligations"))).containsExactly("dh.ministers.treat-as-live-public-media");
    }

    @Test
    void evaluate_readsTheRequestFromStandardInputForADash() throws IOException {
        CliRun run = CliRun.withStdin(Requests.COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK, "evaluate", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        JsonNode decision = JSON.readTree(run.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(decision.path("channelType").asText()).isEqualTo("corporate");
        assertThat(ruleIds(decision.path("reasons"))).containsExactly("dh.roles.communications-may-promote-via-departmental-channels");
    }

    @Test
    void evaluate_exitsTwoAndListsProblemsForAMisspeltRole() throws IOException {
        Path file = write("request.json", Requests.MISSPELT_ROLE);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("invalid request in " + file)
                .contains("$.actor.role: \"minster\" is not a role")
                .contains("Allowed: minister, official, communications-division, private-office")
                .contains("Did you mean \"minister\"?")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void evaluate_listsEveryProblemOnItsOwnLine() throws IOException {
        Path file = write("request.json", """
                {"actor": {"role": "offical"}, "action": "tweet", "channel": {}, "content": ["departmental"], "colour": "red"}
                """);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        List<String> problemLines = run.err().lines().filter(line -> line.startsWith("  $")).toList();
        assertThat(problemLines).hasSize(3);
        assertThat(problemLines).anySatisfy(line -> assertThat(line).startsWith("  $.colour"));
        assertThat(problemLines).anySatisfy(line -> assertThat(line).startsWith("  $.actor.role").contains("Did you mean \"official\"?"));
        assertThat(problemLines).anySatisfy(line -> assertThat(line).startsWith("  $.action"));
        assertThat(run.err()).contains("(3 problems)");
    }

    @Test
    void evaluate_givesLineAndColumnForMalformedJson() throws IOException {
        Path file = write("request.json", Requests.MALFORMED);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("$ (line 4, column 3): malformed JSON")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void evaluate_ignoresAByteOrderMarkAtTheStartOfTheFile() throws IOException {
        Path file = write("bom.json", "\uFEFF" + Requests.MINISTER_POSTS_ON_OWN_CHANNEL);

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(JSON.readTree(run.out()).path("outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void evaluate_treatsAnEmptyFileAsAnInvalidRequest() throws IOException {
        Path file = write("empty.json", "");

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("$: is empty");
    }

    @Test
    void evaluate_exitsOneForAMissingFile() {
        Path missing = dir.resolve("no-such-request.json");

        CliRun run = CliRun.run("evaluate", missing.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("channel-policy: cannot read " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void evaluate_exitsOneForADirectory() {
        CliRun run = CliRun.run("evaluate", dir.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.err()).contains("cannot read " + dir + ": it is a directory");
    }

    @Test
    void evaluate_exitsOneForAFileThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"actor\": {\"role\": \"minist\u00e9r\"}}".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.err()).contains("it is not UTF-8 text").doesNotContain("\tat ");
    }

    @Test
    void evaluate_reportsADocumentOverTheSizeLimitWithoutReadingItAll() throws IOException {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, "{" + " ".repeat(1_000_000) + Requests.MINISTER_POSTS_ON_OWN_CHANNEL.substring(1));

        CliRun run = CliRun.run("evaluate", file.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).containsIgnoringCase("document length").contains("65536").doesNotContain("\tat ");
    }

    @Test
    void evaluate_isAUsageErrorWithoutAFile() {
        CliRun run = CliRun.run("evaluate");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'").contains("Usage: channel-policy evaluate");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static List<String> ruleIds(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("rule").asText()));
        return ids;
    }
}
