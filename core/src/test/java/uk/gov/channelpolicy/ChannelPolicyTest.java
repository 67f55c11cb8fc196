package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.load.RuleInfo;

class ChannelPolicyTest {
    private final ChannelPolicy policy = Newsroom.policy();

    @Test
    void evaluate_permitsWhenARuleAllowsAndNoneDenies() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(decision).isPermitted().citesExactly("newsroom.posting.editors-post")
                .hasChannelType("newsroom").hasCodes("house-style")
                .hasObligation("newsroom.posting.check-twice").hasAdvice("newsroom.posting.be-brief");
        assertThat(decision.reasons().get(0).citation())
                .isEqualTo(new Citation("newsroom-guidance", "Posting", "Editors post on the newsroom account."));
    }

    @Test
    void evaluate_denyOverridesPermitAndDropsObligations() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news", "opinion"));

        assertThat(decision).isDenied().citesExactly("newsroom.posting.no-opinion", "newsroom.posting.editors-post");
        assertThat(decision.reasons().get(0).effect()).as("DENY reasons come first").isEqualTo(Effect.DENY);
        assertThat(decision.obligations()).as("obligations accompany a PERMIT only").isEmpty();
        assertThat(decision.advice()).as("advice applies whatever the outcome").extracting(Advice::rule)
                .containsExactly("newsroom.posting.be-brief");
    }

    @Test
    void evaluate_isNotApplicableWhenNoRuleSpeaks() {
        Decision decision = policy.evaluate(Newsroom.request("writer", "post", Channel.unattributed(), "news"));

        assertThat(decision).isNotApplicable().citesExactly();
        assertThat(decision.obligations()).isEmpty();
    }

    @Test
    void evaluate_classifiesAnOwnedChannelAndReportsWhoseWorkItIs() {
        Decision decision = policy.evaluate(Newsroom.request("writer", "post", Channel.ownedBy(Owner.of("writer", "me")), "news"));

        assertThat(decision).isNotApplicable().hasChannelType("named").hasResponsibility("writer");
    }

    @Test
    void evaluate_reportsTheRuleSetThatDecided() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(decision.ruleSet().id()).isEqualTo("newsroom");
        assertThat(decision.ruleSet().version()).isEqualTo("0.1.0");
        assertThat(decision.ruleSet().digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(decision.ruleSet()).isEqualTo(policy.ruleSet().identity());
    }

    @Test
    void evaluate_givesTheSameDecisionFromManyThreads() throws Exception {
        List<PolicyRequest> requests = List.of(
                Newsroom.request("editor", "post", Channel.unattributed(), "news"),
                Newsroom.request("editor", "post", Channel.unattributed(), "opinion"),
                Newsroom.request("writer", "post", Channel.ownedBy(Owner.of("writer", "me")), "news"));
        List<Decision> expected = requests.stream().map(policy::evaluate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> policy.evaluate(requests.get(i % 3)).equals(expected.get(i % 3))))
                    .toList();
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void trace_listsEveryRuleThatFiredIncludingClassification() {
        Trace trace = policy.trace(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(trace.firedRules()).containsExactlyInAnyOrder("newsroom.channels.unowned", "newsroom.codes.house-style",
                "newsroom.posting.editors-post", "newsroom.posting.check-twice", "newsroom.posting.be-brief");
        assertThat(trace.decision()).isEqualTo(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news")));
    }

    @Test
    void ruleSet_exposesTheCatalogueSortedById() {
        assertThat(policy.ruleSet().rules()).extracting(RuleInfo::id).isSorted().contains("newsroom.posting.no-opinion");
        assertThat(policy.ruleSet().rule("newsroom.posting.no-opinion")).get()
                .extracting(RuleInfo::isInterpretation).isEqualTo(true);
        assertThat(policy.ruleSet().rule("newsroom.posting.editors-post")).get()
                .extracting(RuleInfo::isInterpretation).isEqualTo(false);
    }

    @Test
    void builder_requiresExactlyOneRuleSet() {
        assertThatThrownBy(() -> ChannelPolicy.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose exactly one rule set");
        assertThatThrownBy(() -> ChannelPolicy.builder().ruleSet("x").ruleSetDirectory(Newsroom.DIRECTORY).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ChannelPolicy.builder().ruleSet(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_namesTheMissingClasspathRuleSet() {
        assertThatThrownBy(() -> ChannelPolicy.builder().ruleSet("nowhere").build())
                .isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).problems().get(0).path())
                        .isEqualTo("classpath:rulesets/nowhere/manifest.json"))
                .hasMessageContaining("add the rule set's jar as a dependency");
    }
}
