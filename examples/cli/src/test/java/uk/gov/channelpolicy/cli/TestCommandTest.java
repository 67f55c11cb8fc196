package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's example as a scenario: DENY by two partisan rules. */
    private static final String CONTRACT_EXAMPLE_DENIED = scenario("DENY", """
            ["dh.ministers.no-official-help-with-party-political", "dh.partisan.no-civil-service-resources-for-party-politics"]""");

    /** The same request, wrongly expected to be permitted by a rule that does not decide it. */
    private static final String CONTRACT_EXAMPLE_WRONGLY_PERMITTED = scenario("PERMIT", """
            ["dh.ministers.digital-team-supports-non-party-political-use"]""");

    @TempDir
    Path dir;

    @Test
    void test_passesEveryBuiltInScenarioAndReportsCoveragePerRuleAndQuote() {
        CliRun run = CliRun.run("test");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .containsPattern("Rule set dh 2\\.0\\.0: (\\d+) scenarios from classpath:rulesets/dh/scenarios\n")
                .containsPattern("\nPASS (\\d+), FAIL 0 \\(\\1 scenarios\\)\n")
                .containsPattern("\nRule coverage: (\\d+) of \\1 rules fired in some scenario \\(100\\.0%\\)\n")
                .containsPattern("\n  dh\\.ministers\\.no-official-help-with-party-political +fired in \\d+ scenarios\n")
                .containsPattern("\nGuidance coverage: (\\d+) of \\1 quoted pieces of guidance tested \\(100\\.0%\\)\n")
                .contains("  covered      \"DH officials cannot assist in the use of the channel for personal or party political content.\"\n"
                        + "               (DH ministers on Twitter; dh.ministers.no-official-help-with-party-political, "
                        + "dh.ministers.no-official-help-with-personal, dh.sources.no-civil-service-promotion-of-ministers-party-political-or-personal-tweet)\n")
                .doesNotContain("NEVER FIRED")
                .endsWith("\nOK\n");
    }

    @Test
    void test_showsExpectedAndActualSideBySideAndExitsEightWhenAScenarioFails() throws IOException {
        Path scenarios = RuleSetFolders.scenarios(dir, "scenarios", List.of("partisan/wrong.json", CONTRACT_EXAMPLE_WRONGLY_PERMITTED));

        CliRun run = CliRun.run("test", "--scenarios", scenarios.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.TESTS_FAILED);
        assertThat(run.out())
                .contains("Rule set dh 2.0.0: 1 scenario from " + scenarios + "\n")
                .contains("""
                        FAIL partisan/wrong.json: The Communications Division drafts party-political content for a minister
                          outcome
                            expected: PERMIT
                            actual:   DENY
                            The rule set denies the action where the scenario expects it to permit it.
                          rules
                            expected: [dh.ministers.digital-team-supports-non-party-political-use]
                            actual:   [dh.ministers.no-official-help-with-party-political, \
                        dh.partisan.no-civil-service-resources-for-party-politics]
                        """)
                .contains("\nPASS 0, FAIL 1 (1 scenario)\n")
                .containsPattern("\n  dh\\.ministers\\.no-official-help-with-party-political +fired in 1 scenario\n")
                .containsPattern("\n  dh\\.advice\\.clinical-trial-ethics +NEVER FIRED\n")
                .contains("  NOT COVERED  \"Have you tried talking to anyone over at NRES or HRA?\"")
                .endsWith("\nFAILED: 1 scenario failed\n");
    }

    @Test
    void test_writesResultsAndCoverageAsJson() throws IOException {
        Path scenarios = RuleSetFolders.scenarios(dir, "scenarios", List.of(
                "right.json", CONTRACT_EXAMPLE_DENIED, "wrong.json", CONTRACT_EXAMPLE_WRONGLY_PERMITTED));

        CliRun run = CliRun.run("test", "--scenarios", scenarios.toString(), "--format", "json");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.TESTS_FAILED);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("passed").asBoolean()).isFalse();
        assertThat(EvaluateCommandTest.texts(report.path("failures"))).containsExactly("1 scenario failed");
        assertThat(report.path("scenarios").path("total").asInt()).isEqualTo(2);
        assertThat(report.path("scenarios").path("failed").asInt()).isEqualTo(1);
        JsonNode wrong = report.path("results").get(1);
        assertThat(wrong.path("name").asText()).isEqualTo("wrong.json");
        assertThat(wrong.path("passed").asBoolean()).isFalse();
        assertThat(wrong.path("mismatches").get(0).path("field").asText()).isEqualTo("outcome");
        assertThat(wrong.path("mismatches").get(0).path("expected").asText()).isEqualTo("PERMIT");
        assertThat(wrong.path("mismatches").get(0).path("actual").asText()).isEqualTo("DENY");
        assertThat(report.path("results").get(0).path("passed").asBoolean()).isTrue();
        JsonNode coverage = report.path("coverage");
        assertThat(coverage.path("minimum").isNull()).isTrue();
        assertThat(coverage.path("rulePercent").asDouble()).isBetween(1.0, 99.0);
        assertThat(coverage.path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("rule").asText()).isEqualTo("dh.partisan.no-civil-service-resources-for-party-politics");
            assertThat(rule.path("scenarios").asInt()).isEqualTo(2);
        });
        assertThat(coverage.path("citations")).anySatisfy(citation -> {
            assertThat(citation.path("quote").asText()).isEqualTo("Have you tried talking to anyone over at NRES or HRA?");
            assertThat(citation.path("covered").asBoolean()).isFalse();
        });
        assertThat(report.path("conformance").isNull()).isTrue();
    }

    @Test
    void test_failsWhenRuleCoverageIsBelowTheMinimumEvenIfEveryScenarioPasses() throws IOException {
        Path scenarios = RuleSetFolders.scenarios(dir, "scenarios", List.of("right.json", CONTRACT_EXAMPLE_DENIED));

        CliRun run = CliRun.run("test", "--scenarios", scenarios.toString(), "--min-coverage", "50");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.TESTS_FAILED);
        assertThat(run.out())
                .contains("\nPASS 1, FAIL 0 (1 scenario)\n")
                .containsPattern("\nFAILED: rule coverage \\d+\\.\\d% is below --min-coverage 50%\n$");
    }

    @Test
    void test_passesTheCoverageMinimumTheBuiltInScenariosMeet() {
        CliRun run = CliRun.run("test", "--min-coverage", "100");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
    }

    @Test
    void test_reportsAForkThatKeepsUpstreamsDecisionsAsConforming() throws IOException {
        Path fork = RuleSetFolders.fork(dir, "pressfork", false);

        CliRun run = CliRun.run("test", "--rules", fork.toString(), "--conformance");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .contains("Rule set pressfork 0.1.0: no scenarios of its own")
                .containsPattern("Conformance to dh 2\\.0\\.0: its (\\d+) scenarios run against pressfork\n  passed:      \\1\n")
                .contains("  intentional: 0 ")
                .contains("  undeclared:  0\n")
                .contains("  stale:       0\n")
                .contains("pressfork conforms to dh 2.0.0.")
                .containsPattern("\n  pressfork\\.press\\.press-office-posts-on-corporate +NEVER FIRED\n")
                .endsWith("\nOK\n");
    }

    @Test
    void test_separatesIntentionalUndeclaredAndStaleDifferencesOfAForkThatDoesNotConform() throws IOException {
        Path fork = RuleSetFolders.fork(dir, "pressfork", true);

        CliRun run = CliRun.run("test", "--rules", fork.toString(), "--conformance");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.TESTS_FAILED);
        assertThat(run.out())
                .contains("  intentional: 1 (failures the manifest declares, with why)\n"
                        + "    channels/comms-replies-with-departmental-content-on-corporate.json: "
                        + "Only the press office speaks on the corporate channel now.\n")
                .containsPattern("  undeclared:  [1-9]\\d* \\(failures the manifest does not declare")
                .contains("    FAIL channels/corporate-channel-without-named-owner.json: ")
                .contains("""
                              outcome
                                expected: PERMIT
                                actual:   NOT_APPLICABLE
                        """)
                .contains("  stale:       1 (declared intentional, but the scenario passes or does not exist: remove the declaration)\n"
                        + "    channels/no-such-scenario.json\n")
                .contains("pressfork does NOT conform to dh 2.0.0.")
                .containsPattern("FAILED: the fork does not conform to its base: [1-9]\\d* undeclared failures?, 1 stale declaration\n$");
    }

    @Test
    void test_isAUsageErrorToAskARuleSetThatIsNotAForkForConformance() {
        CliRun run = CliRun.run("test", "--conformance");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("--conformance is for a fork, and rule set dh extends no other rule set");
    }

    @Test
    void test_exitsOneWhenTheScenarioFolderDoesNotExist() {
        Path missing = dir.resolve("no-such-scenarios");

        CliRun run = CliRun.run("test", "--scenarios", missing.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.err()).contains("cannot read " + missing + ": no such folder");
        assertThat(run.out()).isEmpty();
    }

    private static String scenario(String outcome, String rules) {
        return """
                {
                  "description": "The Communications Division drafts party-political content for a minister",
                  "given": %s,
                  "expect": {
                    "outcome": "%s",
                    "channelType": "personal",
                    "codes": ["civil-service-code", "ministerial-code"],
                    "rules": %s
                  }
                }
                """.formatted(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, outcome, rules);
    }
}
