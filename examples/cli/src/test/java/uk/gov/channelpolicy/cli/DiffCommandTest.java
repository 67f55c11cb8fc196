package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "dh.roles.private-office-may-support-ministers";

    @TempDir
    static Path dir;

    /** dh, edited so that the private office may support a minister on an official channel instead of a personal one. */
    private static Path edited;

    @BeforeAll
    static void moveThePrivateOfficesSupportToOfficialChannels() throws IOException {
        edited = RuleSetFolders.copyOfDh(dir, "edited");
        RuleSetFolders.edit(edited.resolve("responsibilities.drl"),
                "    ChannelIs( type == \"personal\" )\n    MinisterChannel()\n    Request( actorRole == \"private-office\"",
                "    ChannelIs( type == \"official\" )\n    MinisterChannel()\n    Request( actorRole == \"private-office\"");
    }

    @Test
    void diff_findsNoDifferenceBetweenTheBuiltInRuleSetAndItself() {
        CliRun run = CliRun.run("diff", "--base", "dh");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .containsPattern("^Base:     dh 2\\.0\\.0 sha256:[0-9a-f]{64}\n")
                .containsPattern("\nCompared: dh 2\\.0\\.0 sha256:[0-9a-f]{64} \\(built in\\)\n")
                .containsPattern("\nDomain:   [1-9]\\d* requests, every one decided by both \\(in \\d+\\.\\d s\\)\n")
                .endsWith("\nDiffer:   none: both decide every request alike (outcome and codes).\n");
    }

    @Test
    void diff_groupsTheRequestsAnEditedCopyDecidesDifferentlyAndExitsSix() {
        CliRun run = CliRun.run("diff", "--base", "dh", "--rules", edited.toString(), "--ignore-file-digests");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.DIFFERENCES_FOUND);
        assertThat(run.out())
                .containsPattern("\nCompared: dh 2\\.0\\.0 sha256:[0-9a-f]{64} \\(" + java.util.regex.Pattern.quote(edited.toString()) + "\\)\n")
                .containsPattern("\nDiffer:   [1-9]\\d* requests, in 2 groups ")
                .containsPattern("\n  private-office · support · personal: PERMIT -> NOT_APPLICABLE for [1-9]\\d* requests, .*before: " + RULE + "\n")
                .containsPattern("\n  private-office · support · official: NOT_APPLICABLE -> PERMIT for [1-9]\\d* requests, by " + RULE + ".*\n");
    }

    @Test
    void diff_listsEveryDifferingRequestAsJson() throws IOException {
        CliRun run = CliRun.run("diff", "--base", "dh", "--rules", edited.toString(), "--ignore-file-digests", "--format", "json");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.DIFFERENCES_FOUND);
        JsonNode diff = JSON.readTree(run.out());
        assertThat(diff.path("base").path("id").asText()).isEqualTo("dh");
        assertThat(diff.path("compared").path("digest").asText()).isNotEqualTo(diff.path("base").path("digest").asText());
        assertThat(diff.path("same").asBoolean()).isFalse();
        JsonNode differences = diff.path("differences");
        assertThat(diff.path("differing").asInt()).isEqualTo(differences.size()).isPositive();
        assertThat(diff.path("domainSize").asLong()).isGreaterThan(differences.size());
        assertThat(differences).allSatisfy(difference -> {
            assertThat(difference.path("request").path("actor").path("role").asText()).isEqualTo("private-office");
            assertThat(difference.path("request").path("action").asText()).isEqualTo("support");
            assertThat(difference.path("request").path("channel").path("owner").path("role").asText()).isEqualTo("minister");
        });
        assertThat(differences).anySatisfy(difference -> {
            assertThat(difference.path("baseOutcome").asText()).isEqualTo("PERMIT");
            assertThat(difference.path("outcome").asText()).isEqualTo("NOT_APPLICABLE");
            assertThat(EvaluateCommandTest.texts(difference.path("baseRules"))).containsExactly(RULE);
            assertThat(difference.path("rules")).isEmpty();
        });
        int counted = 0;
        for (JsonNode group : diff.path("groups")) {
            counted += group.path("count").asInt();
            assertThat(group.path("example").path("actor").path("role").asText()).isEqualTo("private-office");
        }
        assertThat(counted).as("the groups hold every difference").isEqualTo(differences.size());
    }

    @Test
    void diff_exitsThreeWhenTheBaseIsNotOnTheClasspath() {
        CliRun run = CliRun.run("diff", "--base", "hd");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        assertThat(run.err()).contains("classpath:rulesets/hd/manifest.json: not found").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void diff_isAUsageErrorWithoutABase() {
        CliRun run = CliRun.run("diff");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("Missing required option: '--base=ID'");
    }
}
