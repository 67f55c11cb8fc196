package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "Officials cannot assist with party-political content on a minister's channel";

    @TempDir
    static Path dir;

    /** A copy of dh with "party-politcal" for "party-political" in one rule, and a content id no rule uses. */
    private static Path misspelt;
    private static int misspeltLine;

    @BeforeAll
    static void misspellAnIdAndAddAnUnusedOne() throws IOException {
        misspelt = RuleSetFolders.copyOfDh(dir, "misspelt");
        misspeltLine = RuleSetFolders.edit(misspelt.resolve("partisan-limits.drl"),
                "    MinisterChannel()\n    Request( content contains \"party-political\" )",
                "    MinisterChannel()\n    Request( content contains \"party-politcal\" )") + 1;
        RuleSetFolders.edit(misspelt.resolve("manifest.json"),
                "\"description\": \"Invites people to volunteer for a clinical trial or research study.\"\n      }",
                "\"description\": \"Invites people to volunteer for a clinical trial or research study.\"\n      },\n"
                        + "      { \"id\": \"gossip\", \"label\": \"gossip\" }");
    }

    @Test
    void validate_reportsTheBuiltInRuleSetCleanAndExitsZero() {
        CliRun run = CliRun.run("validate");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.outLines()).containsExactly("dh 2.0.0: clean");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validate_reportsAMisspeltIdCompilerStyleWithItsLineAndSuggestion() {
        CliRun run = CliRun.run("validate", "--ignore-file-digests", misspelt.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.VALIDATION_PROBLEMS);
        assertThat(run.outLines()).containsExactly(
                misspelt.resolve("partisan-limits.drl") + ":" + misspeltLine + ": error: rule \"" + RULE
                        + "\" uses \"party-politcal\", which is not an id in the manifest's vocabulary. Did you mean \"party-political\"?",
                misspelt.resolve("manifest.json") + ": warning: content id \"gossip\" is not used by any rule: remove it, or write the rule that needs it",
                "dh 2.0.0: 1 error, 1 warning");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validate_writesTheSameDiagnosticsAsJson() throws IOException {
        CliRun run = CliRun.run("validate", "--ignore-file-digests", "--format", "json", "--rules", misspelt.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.VALIDATION_PROBLEMS);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("ruleSet").path("id").asText()).isEqualTo("dh");
        assertThat(report.path("clean").asBoolean()).isFalse();
        assertThat(report.path("errors").asInt()).isEqualTo(1);
        assertThat(report.path("warnings").asInt()).isEqualTo(1);
        JsonNode error = report.path("diagnostics").get(0);
        assertThat(error.path("severity").asText()).isEqualTo("error");
        assertThat(error.path("path").asText()).isEqualTo(misspelt.resolve("partisan-limits.drl").toString());
        assertThat(error.path("line").asInt()).isEqualTo(misspeltLine);
        assertThat(error.path("column").isNull()).isTrue();
        assertThat(error.path("message").asText()).contains("uses \"party-politcal\"");
        assertThat(error.path("suggestion").asText()).isEqualTo("party-political");
        JsonNode warning = report.path("diagnostics").get(1);
        assertThat(warning.path("severity").asText()).isEqualTo("warning");
        assertThat(warning.path("path").asText()).isEqualTo(misspelt.resolve("manifest.json").toString());
        assertThat(warning.path("message").asText()).contains("\"gossip\" is not used by any rule");
    }

    @Test
    void validate_warnsOfAnEditToASealedRuleSetAndStillChecksIt() {
        CliRun run = CliRun.run("validate", misspelt.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.VALIDATION_PROBLEMS);
        assertThat(run.out())
                .contains(misspelt.resolve("partisan-limits.drl") + ": warning: does not match its SHA-256 in the manifest")
                .contains("uses \"party-politcal\", which is not an id in the manifest's vocabulary. Did you mean \"party-political\"?")
                .contains("dh 2.0.0: 1 error, 3 warnings\n")
                .contains("while editing, add --ignore-file-digests");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void validate_isAUsageErrorGivenTwoDifferentDirectories() {
        CliRun run = CliRun.run("validate", "--rules", misspelt.toString(), RuleSetFolders.DH.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("Give the rule-set directory once: as DIR or as --rules DIR, not both");
        assertThat(run.out()).isEmpty();
    }
}
