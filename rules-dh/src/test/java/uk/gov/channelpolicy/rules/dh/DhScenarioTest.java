package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.tools.scenario.ScenarioResult;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/** Runs every scenario file beside the DH rules, each as its own test named {@code file: description}. */
class DhScenarioTest {
    static final Path SCENARIOS = Path.of("src/main/resources/rulesets/dh/scenarios");

    private static ChannelPolicy policy;

    @BeforeAll
    static void loadPrecompiledRuleSet() {
        policy = ChannelPolicy.builder().ruleSet("dh").build();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioDecidesAsExpected() throws IOException {
        List<ScenarioResult> results = Scenarios.run(policy, SCENARIOS);
        assertThat(results).as("scenario files under %s", SCENARIOS).isNotEmpty();
        return results.stream().map(result -> DynamicTest.dynamicTest(result.name() + ": " + result.description(),
                () -> assertThat(result.passed()).as(result.report()).isTrue()));
    }
}
