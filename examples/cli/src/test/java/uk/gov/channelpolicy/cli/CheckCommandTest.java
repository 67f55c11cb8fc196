package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** dh with one more invariant in its manifest, which the guidance does not support: ministers never post. */
    private static Path broken;

    @BeforeAll
    static void declareAnInvariantTheRulesBreak() throws IOException {
        broken = RuleSetFolders.copyOfDh(dir, "broken");
        RuleSetFolders.edit(broken.resolve("manifest.json"), "  \"invariants\": [\n", """
                  "invariants": [
                    {
                      "id": "ministers-never-post",
                      "description": "A minister never posts.",
                      "when": { "actor.role": ["minister"], "action": ["post"] },
                      "never": ["PERMIT"]
                    },
                """);
    }

    @Test
    void check_findsThatEveryInvariantOfTheBuiltInRuleSetHolds() {
        CliRun run = CliRun.run("check");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .containsPattern("^Rule set dh 2\\.0\\.0: (\\d+) invariants checked over all [1-9]\\d* requests of its domain\n")
                .containsPattern("\nno-civil-servant-party-politics: holds \\(selected [1-9]\\d*\\)\n"
                        + "  No action by a civil servant on party-political content is ever permitted")
                .containsPattern("\nevery-permit-and-deny-names-a-code: holds \\(selected [1-9]\\d*\\)\n")
                .doesNotContain("BROKEN")
                .containsPattern("\nAll \\d+ invariants hold\\.\n$");
    }

    @Test
    void check_printsACounterexampleForABrokenInvariantAndExitsSeven() throws IOException {
        CliRun run = CliRun.run("check", "--ignore-file-digests", "--rules", broken.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVARIANT_BROKEN);
        assertThat(run.out())
                .containsPattern("\nministers-never-post: BROKEN: the outcome is PERMIT, which must never happen here "
                        + "\\([1-9]\\d* of [1-9]\\d* selected requests\\)\n  A minister never posts\\.\n  counterexample: \\{")
                .containsPattern("\n  decided: PERMIT by dh\\.ministers\\.minister-uses-own-personal-channel; codes \\[")
                .containsPattern("\nno-civil-servant-party-politics: holds \\(selected [1-9]\\d*\\)\n")
                .containsPattern("\n1 of \\d+ invariants BROKEN\\.\n$");
        Matcher counterexample = Pattern.compile("counterexample: (\\{.*\\})\n").matcher(run.out());
        assertThat(counterexample.find()).isTrue();
        JsonNode request = JSON.readTree(counterexample.group(1));
        assertThat(request.path("actor").path("role").asText()).isEqualTo("minister");
        assertThat(request.path("action").asText()).isEqualTo("post");
        // The counterexample is a request the rules really permit (the copy's rules are the built-in ones).
        CliRun evaluated = CliRun.withStdin(counterexample.group(1), "evaluate", "-");
        assertThat(JSON.readTree(evaluated.out()).path("outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void check_writesEachInvariantAndItsCounterexampleAsJson() throws IOException {
        CliRun run = CliRun.run("check", "--ignore-file-digests", "--rules", broken.toString(), "--format", "json");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVARIANT_BROKEN);
        JsonNode check = JSON.readTree(run.out());
        assertThat(check.path("holds").asBoolean()).isFalse();
        assertThat(check.path("domainSize").asLong()).isPositive();
        JsonNode first = check.path("invariants").get(0);
        assertThat(first.path("id").asText()).isEqualTo("ministers-never-post");
        assertThat(first.path("holds").asBoolean()).isFalse();
        assertThat(first.path("violations").asLong()).isPositive().isLessThanOrEqualTo(first.path("selected").asLong());
        assertThat(first.path("why").asText()).isEqualTo("the outcome is PERMIT, which must never happen here");
        assertThat(first.path("counterexample").path("actor").path("role").asText()).isEqualTo("minister");
        assertThat(first.path("decision").path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(check.path("invariants")).filteredOn(invariant -> !invariant.path("id").asText().equals("ministers-never-post"))
                .isNotEmpty()
                .allSatisfy(invariant -> assertThat(invariant.path("holds").asBoolean()).isTrue());
    }
}
