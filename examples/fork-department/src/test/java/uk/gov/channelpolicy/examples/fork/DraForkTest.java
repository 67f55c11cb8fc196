package uk.gov.channelpolicy.examples.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.load.Seal;
import uk.gov.channelpolicy.tools.InvariantCheck;
import uk.gov.channelpolicy.tools.RuleSetDiff;
import uk.gov.channelpolicy.tools.scenario.Conformance;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/** What a forking department runs before it ships: its scenarios, upstream's, its invariants, and the diff. */
class DraForkTest {
    static final Path RULE_SET = Path.of("rulesets/dra");

    private static ChannelPolicy dra;
    private static ChannelPolicy dh;

    @BeforeAll
    static void load() {
        // The whole-domain sweeps (invariants, diff) read the fork's decision table, computed on every core before they start.
        dra = ChannelPolicy.builder().ruleSetDirectory(RULE_SET).decisionCache(250_000).decisionTableBeforeServing().build();
        dh = ChannelPolicy.builder().ruleSet("dh").decisionCache(250_000).build();
    }

    @AfterAll
    static void close() {
        dra.close();
        dh.close();
    }

    @TestFactory
    Stream<DynamicTest> theForksOwnScenariosPass() {
        return Scenarios.run(dra).stream().map(r -> DynamicTest.dynamicTest(r.name() + ": " + r.description(),
                () -> assertThat(r.passed()).as(r.report()).isTrue()));
    }

    @Test
    void upstreamScenariosPassExceptTheDeclaredDifferences() {
        Conformance conformance = Conformance.check(dra);

        assertThat(conformance.undeclared()).as("undeclared failures of upstream scenarios")
                .extracting(r -> r.report()).isEmpty();
        assertThat(conformance.stale()).as("declared differences that no longer differ").isEmpty();
        assertThat(conformance.passed()).hasSizeGreaterThan(70);
        assertThat(conformance.intentional()).isNotEmpty();
    }

    @Test
    void theBasesInvariantsAndTheForksOwnHoldOverTheWholeDomain() {
        InvariantCheck check = InvariantCheck.run(dra);

        assertThat(check.results()).extracting(r -> r.invariant().id())
                .contains("no-civil-servant-party-politics", "press-office-keeps-partisan-limits");
        assertThat(check.results()).allSatisfy(r -> assertThat(r.holds()).as("%s: %s for %s", r.invariant().id(), r.why(), r.example()).isTrue());
    }

    @Test
    void theDiffShowsExactlyTheChangesTheAnnexMakes() {
        RuleSetDiff diff = RuleSetDiff.between(dh, dra);

        // 14 = 7 sets of content without personal or party-political content, on @draGovUK stated corporate or not.
        assertThat(diff.groups()).extracting(RuleSetDiff.Group::summary).contains(
                "press-office · post · corporate: NOT_IN_VOCABULARY -> PERMIT for 14 requests,"
                        + " by dra.press.press-office-speaks-on-corporate-channel; before: no rule",
                "communications-division · post · corporate: PERMIT -> NOT_APPLICABLE for 14 requests,"
                        + " by no rule; before: dh.channels.communications-runs-corporate-channel",
                "communications-division · reply · corporate: PERMIT -> NOT_APPLICABLE for 14 requests,"
                        + " by no rule; before: dh.channels.communications-runs-corporate-channel",
                "official · analyse · official: NOT_APPLICABLE -> PERMIT for 28 requests,"
                        + " by dra.analysis.officials-analyse-own-channels; before: no rule");
        assertThat(diff.differences()).allSatisfy(d -> assertThat(d.request().toString())
                .matches(r -> r.contains("press-office") || r.contains("action=post") || r.contains("action=reply") || r.contains("action=analyse")
                        || r.contains("action=share") || r.contains("action=like") || r.contains("action=delete"),
                        "only press-office requests, posting, replying, sharing, liking, deleting and analysis change"));
    }

    @Test
    void theForkIsSealed() {
        assertThat(Seal.isSealed(RULE_SET, dra.ruleSet().manifest())).isTrue();
    }
}
