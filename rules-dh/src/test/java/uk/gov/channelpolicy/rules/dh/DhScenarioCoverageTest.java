package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.tools.scenario.ScenarioResult;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/** The scenarios are enough: every rule fires in one, and every DENY has a PERMIT one field away. */
class DhScenarioCoverageTest {
    private static List<ScenarioResult> results;

    @BeforeAll
    static void runScenarios() throws IOException {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
        results = Scenarios.run(policy, DhScenarioTest.SCENARIOS);
    }

    @Test
    void thereAreAtLeastSixtyReadableScenarios() {
        assertThat(results).hasSizeGreaterThanOrEqualTo(60);
        assertThat(results).allSatisfy(r -> assertThat(r.scenario()).as(r.report()).isNotNull());
    }

    @Test
    void everyRuleFiresInAtLeastOneScenario() {
        Set<String> fired = new TreeSet<>();
        results.stream().filter(r -> r.trace() != null).forEach(r -> fired.addAll(r.trace().firedRules()));
        Set<String> never = new TreeSet<>();
        DhRuleFiles.rules().forEach(rule -> never.add(rule.id()));
        never.removeAll(fired);

        assertThat(never).as("rules no scenario fires").isEmpty();
    }

    @Test
    void everyDenyRuleHasAPermitCounterCaseOneFieldAway() {
        List<ScenarioResult> readable = results.stream().filter(r -> r.scenario() != null).toList();
        Map<String, String> missing = new LinkedHashMap<>();
        for (DhRuleFiles.RuleText rule : DhRuleFiles.rules()) {
            if (!rule.denies()) {
                continue;
            }
            List<ScenarioResult> denied = readable.stream()
                    .filter(r -> r.scenario().expect().outcome() == Outcome.DENY && r.scenario().expect().rules().contains(rule.id()))
                    .toList();
            boolean counterCase = denied.stream().anyMatch(d -> readable.stream()
                    .filter(p -> p.scenario().expect().outcome() == Outcome.PERMIT)
                    .anyMatch(p -> differingFields(d.scenario().given(), p.scenario().given()).size() == 1));
            if (!counterCase) {
                missing.put(rule.id(), denied.isEmpty() ? "no DENY scenario cites it" : "no PERMIT scenario one field away from "
                        + denied.stream().map(ScenarioResult::name).toList());
            }
        }

        assertThat(missing).as("DENY rules without a one-field PERMIT counter-case").isEmpty();
    }

    /** The request fields a policy writer changes one at a time; an owner and the content count as one field each. */
    static List<String> differingFields(PolicyRequest a, PolicyRequest b) {
        List<String> fields = new ArrayList<>();
        compare(fields, "actor.role", a.actor().role(), b.actor().role());
        compare(fields, "actor.id", a.actor().id(), b.actor().id());
        compare(fields, "actor.name", a.actor().name(), b.actor().name());
        compare(fields, "action", a.action(), b.action());
        compare(fields, "channel.type", a.channel().type(), b.channel().type());
        compare(fields, "channel.handle", a.channel().handle(), b.channel().handle());
        compare(fields, "channel.owner", a.channel().owner(), b.channel().owner());
        compare(fields, "content", Set.copyOf(a.content()), Set.copyOf(b.content()));
        return fields;
    }

    private static void compare(List<String> fields, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            fields.add(name);
        }
    }
}
