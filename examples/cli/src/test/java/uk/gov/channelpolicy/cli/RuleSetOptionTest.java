package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.facts.Request;

class RuleSetOptionTest {
    /** The DH rule set's source folder, from this module's folder (where Maven runs the tests). */
    static final Path DH_DIRECTORY = Path.of("../../rules-dh/src/main/resources/rulesets/dh");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void rules_decidesLikeTheBuiltInRuleSetWhenGivenTheDhDirectory() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);

        CliRun builtIn = CliRun.run("evaluate", request.toString());
        CliRun fromDirectory = CliRun.run("evaluate", "--rules", DH_DIRECTORY.toString(), request.toString());

        assertThat(fromDirectory.exitStatus()).as(fromDirectory.toString()).isEqualTo(ExitStatus.OK);
        assertThat(builtIn.exitStatus()).as(builtIn.toString()).isEqualTo(ExitStatus.OK);
        JsonNode expected = JSON.readTree(builtIn.out());
        JsonNode actual = JSON.readTree(fromDirectory.out());
        assertThat(actual.path("outcome").asText()).isEqualTo("DENY");
        assertThat(EvaluateCommandTest.ruleIds(actual.path("reasons"))).contains("dh.ministers.no-official-help-with-party-political");
        // The whole decision, rule set identity (the digest of the same files) included.
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void rules_runsTheDemoOfARuleSetDirectory() {
        CliRun run = CliRun.run("demo", "--rules", DH_DIRECTORY.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out()).contains("questions from " + DH_DIRECTORY.resolve("demo.json"))
                .contains("DENY by dh.ministers.use-a-personal-channel");
    }

    @Test
    void rules_exitsThreeAndNamesTheFileWhenARuleDoesNotParse() throws IOException {
        Path broken = copyOfDh("broken");
        Files.writeString(broken.resolve("broken.drl"), """
                package rulesets.dh;

                rule "Half a rule"
                when
                    Request(
                then
                end
                """);
        Path request = Files.writeString(dir.resolve("request.json"), Requests.MINISTER_POSTS_ON_OWN_CHANNEL);

        CliRun run = CliRun.run("evaluate", "--rules", broken.toString(), request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("channel-policy: rule set dh 2.0.0 is not valid (2 problems):")
                .contains("  broken.drl (line 7, column 1): not in the policy profile: syntax: [ERR 102] Line 7:0 mismatched input 'end'")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void ignoreFileDigests_loadsASealedRuleSetWhoseFilesWereEditedWhichIsOtherwiseRefused() throws IOException {
        Path edited = copyOfDh("edited");
        Path rules = edited.resolve("principles.drl");
        Files.writeString(rules, Files.readString(rules) + "\n// An edit not yet reviewed and resealed.\n");
        Path request = Files.writeString(dir.resolve("request.json"), Requests.MINISTER_POSTS_ON_OWN_CHANNEL);

        CliRun refused = CliRun.run("evaluate", "--rules", edited.toString(), request.toString());
        CliRun loaded = CliRun.run("evaluate", "--rules", edited.toString(), "--ignore-file-digests", request.toString());

        assertThat(refused.exitStatus()).as(refused.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(refused.err()).contains("  principles.drl: does not match its SHA-256 in the manifest")
                .contains("channel-policy: the rule set is sealed and its files have changed: while editing, add --ignore-file-digests;")
                .doesNotContain("\tat ");
        assertThat(loaded.exitStatus()).as(loaded.toString()).isEqualTo(ExitStatus.OK);
        assertThat(JSON.readTree(loaded.out()).path("outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void rules_exitsThreeWhenTheManifestIsMissing() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = CliRun.run("demo", "--rules", empty.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.err()).contains(empty.resolve("manifest.json") + ": not found").doesNotContain("\tat ");
    }

    @Test
    void rules_exitsThreeWhenTheDirectoryDoesNotExist() {
        Path missing = dir.resolve("no-such-rules");

        CliRun run = CliRun.run("evaluate", "--rules", missing.toString(), "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.err()).contains(missing + ": is not a directory");
    }

    @Test
    void rules_exitsThreeAndNamesTheDemoFileWhenADemoRequestIsInvalid() throws IOException {
        Path copy = copyOfDh("bad-demo");
        Files.writeString(copy.resolve("demo.json"), """
                [{"question": "May a minister tweet?", "request": {"actor": {"role": "minster"}, "action": "post", "channel": {}, "content": ["departmental"]}},
                 {"question": "", "request": {}, "answer": "yes"}]
                """);

        CliRun run = CliRun.run("demo", "--rules", copy.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        String file = copy.resolve("demo.json").toString();
        assertThat(run.err())
                .contains(file + " $[0].request.actor.role: \"minster\" is not a role")
                .contains("Did you mean \"minister\"?")
                .contains(file + " $[1].answer: is not a demo field")
                .contains(file + " $[1].question: is required")
                .contains(file + " $[1].request.actor: is required")
                .doesNotContain("\tat ");
    }

    @Test
    void rules_exitsOneWhenTheDirectoryHasNoDemo() throws IOException {
        Path copy = copyOfDh("no-demo");
        Files.delete(copy.resolve("demo.json"));

        CliRun run = CliRun.run("demo", "--rules", copy.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.err()).contains("cannot read " + copy.resolve("demo.json") + ": no such file");
    }

    /** A copy of the DH rule set, scenarios included (they are sealed with it). */
    private Path copyOfDh(String name) throws IOException {
        return RuleSetFolders.copyOfDh(dir, name);
    }
}
