package uk.gov.channelpolicy.tools.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;

class ScenariosTest {
    private static final ChannelPolicy POLICY = ChannelPolicy.builder()
            .ruleSetDirectory(java.nio.file.Path.of("src/test/resources/rulesets/newsroom")).build();

    private static final String GIVEN = "\"given\": {\"actor\": {\"role\": \"editor\"}, \"action\": \"post\", \"channel\": {}, \"content\": [\"news\"]}";

    @Test
    void run_runsTheRuleSetsOwnScenarios() {
        List<ScenarioResult> results = Scenarios.run(POLICY);

        assertThat(results).extracting(ScenarioResult::name)
                .containsExactly("posting/editor-posts-news.json", "posting/editor-posts-opinion.json");
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.report()).isTrue());
    }

    @Test
    void run_explainsEachMismatchInAPolicyWritersWords() {
        ScenarioResult result = Scenarios.run(POLICY, "wrong.json", "{\"description\": \"expects the wrong thing\", " + GIVEN
                + ", \"expect\": {\"outcome\": \"DENY\", \"channelType\": \"named\", \"codes\": [], \"rules\": [\"newsroom.posting.no-opinion\"]}}");

        assertThat(result.passed()).isFalse();
        assertThat(result.mismatches()).extracting(Mismatch::field).containsExactly("outcome", "channelType", "codes", "rules");
        assertThat(result.report())
                .contains("expected: DENY").contains("actual:   PERMIT")
                .contains("The rule set permits the action where the scenario expects it to deny it.")
                .contains("Expected deciding rule [newsroom.posting.no-opinion] but it did not apply.")
                .contains("Did not expect deciding rule [newsroom.posting.editors-post] but it applied.");
    }

    @Test
    void run_turnsABrokenScenarioFileIntoAFailedResultNamingTheProblem() {
        ScenarioResult result = Scenarios.run(POLICY, "broken.json", "{\"description\": \"x\", \"given\": {\"actor\": {\"role\": \"edtor\"},"
                + " \"action\": \"post\", \"channel\": {}, \"content\": [\"news\"]}, \"expect\": {\"outcome\": \"PERMIT\", \"channelType\": \"newsroom\","
                + " \"codes\": [], \"rules\": []}}");

        assertThat(result.passed()).isFalse();
        assertThat(result.report()).contains("$.actor.role").contains("Did you mean \"editor\"?");
    }

    @Test
    void run_passesAScenarioThatPinsAnInvalidRequest_andSaysWhenTheRequestIsValidOrTheProblemsDiffer() {
        String twoRoles = "\"given\": {\"actor\": {\"role\": \"writer\", \"id\": \"w\"}, \"action\": \"post\", "
                + "\"channel\": {\"owner\": {\"role\": \"editor\", \"id\": \"w\"}}, \"content\": [\"news\"]}";

        ScenarioResult pinned = Scenarios.run(POLICY, "invalid.json", "{\"description\": \"one id, two roles\", " + twoRoles
                + ", \"expect\": {\"invalid\": [{\"path\": \"$.channel.owner.role\", \"allowed\": [\"writer\"]}]}}");
        assertThat(pinned.passed()).as(pinned.report()).isTrue();
        assertThat(pinned.trace()).isNull();
        assertThat(pinned.scenario().given()).isNull();

        ScenarioResult otherProblem = Scenarios.run(POLICY, "other.json", "{\"description\": \"one id, two roles\", " + twoRoles
                + ", \"expect\": {\"invalid\": [{\"path\": \"$.channel.owner\"}]}}");
        assertThat(otherProblem.passed()).isFalse();
        assertThat(otherProblem.report()).contains("expected: [$.channel.owner]").contains("actual:   [$.channel.owner.role [writer]]")
                .contains("with other problems than the scenario expects");

        ScenarioResult valid = Scenarios.run(POLICY, "valid.json", "{\"description\": \"a valid request\", " + GIVEN
                + ", \"expect\": {\"invalid\": [{\"path\": \"$.actor.role\"}]}}");
        assertThat(valid.passed()).isFalse();
        assertThat(valid.report()).contains("actual:   a valid request, decided PERMIT")
                .contains("accepts the request where the scenario expects it to be refused as invalid");

        ScenarioResult mixed = Scenarios.run(POLICY, "mixed.json", "{\"description\": \"x\", " + GIVEN
                + ", \"expect\": {\"outcome\": \"PERMIT\", \"invalid\": [{\"path\": \"$.actor.role\"}]}}");
        assertThat(mixed.passed()).isFalse();
        assertThat(mixed.report()).contains("\"invalid\" stands alone (remove outcome)");
    }

    @Test
    void coverage_countsRulesAndCitedGuidanceTheScenariosExercise() {
        Coverage coverage = Coverage.of(POLICY.ruleSet(), Scenarios.run(POLICY));

        assertThat(coverage.rules()).filteredOn(r -> r.rule().equals("newsroom.posting.editors-post"))
                .singleElement().extracting(Coverage.RuleCoverage::scenarios).isEqualTo(2);
        assertThat(coverage.rules()).filteredOn(r -> r.rule().equals("newsroom.posting.writers-own-accounts"))
                .singleElement().extracting(Coverage.RuleCoverage::scenarios).isEqualTo(0);
        assertThat(coverage.rulePercent()).isGreaterThan(0).isLessThan(100);
        assertThat(coverage.citations()).anySatisfy(c -> {
            assertThat(c.citation().quote()).isEqualTo("Opinion never appears on the newsroom account.");
            assertThat(c.covered()).isTrue();
        });
    }
}
