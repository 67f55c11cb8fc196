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

class SealCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void seal_recordsTheDigestOfAnEditedFileAndTheResealedRuleSetLoads() throws IOException {
        Path copy = RuleSetFolders.copyOfDh(dir, "dh");
        Path edited = copy.resolve("principles.drl");
        Files.writeString(edited, Files.readString(edited) + "\n// Reviewed by the policy team.\n");
        String before = RuleSetFolders.sha256(copy.resolve("codes.drl"));

        CliRun run = CliRun.run("seal", copy.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        String digest = RuleSetFolders.sha256(edited);
        JsonNode manifest = JSON.readTree(copy.resolve("manifest.json").toFile());
        assertThat(run.out())
                .startsWith("Sealed " + copy + ": manifest.json records the SHA-256 of " + manifest.path("files").size() + " files:\n")
                .contains("  " + digest + "  principles.drl  (changed since the last seal)\n")
                .contains("  " + before + "  codes.drl\n")
                .containsPattern("\nChecked: dh 2\\.0\\.0 loads with its files sealed \\(sha256:[0-9a-f]{64}\\)\\.\n$");
        assertThat(manifest.path("files").path("principles.drl").asText()).isEqualTo(digest);
        assertThat(manifest.path("files").path("codes.drl").asText()).isEqualTo(before);
        assertThat(manifest.path("invariants")).as("every other field kept").isNotEmpty();
    }

    @Test
    void seal_leavesTheManifestAsItWasAndExitsThreeWhenTheRuleSetDoesNotLoad() throws IOException {
        Path copy = RuleSetFolders.copyOfDh(dir, "dh");
        Files.writeString(copy.resolve("broken.drl"), """
                package rulesets.dh;

                rule "Half a rule"
                when
                    Request(
                then
                end
                """);
        byte[] manifest = Files.readAllBytes(copy.resolve("manifest.json"));

        CliRun run = CliRun.run("seal", copy.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("channel-policy: not sealed: the rule set in " + copy + " does not load, and manifest.json was put back as it was")
                .contains("  broken.drl (line ")
                .doesNotContain("\tat ");
        assertThat(Files.readAllBytes(copy.resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void seal_exitsThreeForADirectoryWithoutAManifest() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = CliRun.run("seal", empty.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.err()).contains(empty.resolve("manifest.json") + ": not found: a rule-set directory has a manifest.json");
        assertThat(empty).isEmptyDirectory();
    }
}
