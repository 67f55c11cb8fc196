package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Decision.ClosestRule;
import uk.gov.channelpolicy.Decision.NotApplicable;

/**
 * Why not: the smallest changes the person asking could make themselves, found in the vocabulary; and why a
 * NOT_APPLICABLE decision is one, carried by the decision.
 */
class ExplainTest {
    private final ChannelPolicy policy = Newsroom.policy();

    private static List<String> described(Explanation explanation) {
        return explanation.alternatives().stream()
                .map(a -> String.join(" + ", a.changes().stream().map(Change::describe).toList()) + " => " + a.decision().outcome()
                        + " " + a.decision().ruleIds())
                .toList();
    }

    @Test
    void explain_replacesTheContentThatDenies() {
        Explanation explanation = policy.explain(Newsroom.request("editor", "post", Channel.unattributed(), "opinion"));

        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(described(explanation)).containsExactly("content: opinion -> only news => PERMIT [newsroom.posting.editors-post]");
        assertThat(explanation.alternatives().get(0).changes().get(0).instruction()).isEqualTo("Keep to news only");
        assertThat(explanation.alternatives().get(0).request().content()).containsExactly("news");
    }

    @Test
    void explain_ofAPermitShowsWhatWouldTakeItAway_smallestFirst() {
        Explanation explanation = policy.explain(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(explanation.decision().isPermitted()).isTrue();
        // Adding opinion is one category; keeping to opinion only is two (news out, opinion in) and decides the same: collapsed.
        assertThat(described(explanation)).containsExactly(
                "content: news -> with opinion => DENY [newsroom.posting.no-opinion, newsroom.posting.editors-post]",
                "channel: a newsroom account -> their own named account => NOT_APPLICABLE []");
        assertThat(explanation.alternatives()).extracting(a -> a.changes().get(0).instruction())
                .containsExactly("Add opinion", "Use their own named account instead of a newsroom account");
        assertThat(explanation.rulesFired()).containsExactly("newsroom.channels.unowned", "newsroom.codes.house-style",
                "newsroom.posting.editors-post", "newsroom.posting.check-twice", "newsroom.posting.be-brief");
    }

    @Test
    void explain_neverOffersToChangeWhoIsActing() {
        // Only an editor may post on the newsroom account: a writer cannot become one, so nothing the writer could
        // change permits it, and the answer says so rather than "be an editor".
        Explanation explanation = policy.explain(Newsroom.request("writer", "post", Channel.unattributed(), "news"));

        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(explanation.alternatives()).isEmpty();
    }

    @Test
    void explain_offersAnotherChannel_whenTheRuleThatPermitsIsForAnotherChannel() {
        PolicyRequest request = PolicyRequest.builder(Actor.of("editor", "me"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "w1")).withHandle("@w1")).content("news").build();

        Explanation explanation = policy.explain(request);

        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(described(explanation)).containsExactly(
                "channel: a writer's named account -> a newsroom account => PERMIT [newsroom.posting.editors-post]");
        Alternative alternative = explanation.alternatives().get(0);
        assertThat(alternative.changes().get(0).instruction()).isEqualTo("Use a newsroom account instead of a writer's named account");
        // The handle named the channel asked about, not the one proposed.
        assertThat(alternative.request().channel()).isEqualTo(new Channel(null, null, null));
        assertThat(alternative.request().actor()).isEqualTo(request.actor());
    }

    @Test
    void explain_listsAtMostTheGivenNumberOfAlternatives() {
        PolicyRequest request = Newsroom.request("editor", "post", Channel.unattributed(), "news");

        assertThat(policy.explain(request, 1).alternatives()).hasSize(1);
        assertThatThrownBy(() -> policy.explain(request, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAlternatives must be at least 1, not 0");
        assertThatThrownBy(() -> ChannelPolicy.builder().maxAlternatives(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAlternatives must be at least 1, not 0");
    }

    @Test
    void notApplicable_namesTheClosestRulesWhatTheyLackedAndTheGuidance() {
        Decision decision = policy.evaluate(Newsroom.request("writer", "post", Channel.unattributed(), "news"));

        assertThat(decision.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        NotApplicable why = decision.notApplicable();
        assertThat(why.whoseWork()).isEmpty();
        // The opinion ban is one change away too (adding opinion), but a rule that would forbid the request is named only
        // when none would permit it: "would forbid it with opinion" is no reason this request lacks.
        assertThat(why.closest()).containsExactly(
                new ClosestRule("newsroom.posting.editors-post", Effect.PERMIT, "Editors post on the newsroom account.",
                        List.of("applies when the person acting is an editor"),
                        new Citation("newsroom-guidance", "Posting", "Editors post on the newsroom account.")));
        assertThat(why.summary()).isEqualTo("No rule permits or forbids this request, so the answer is no. "
                + "The guidance gives this work to no role. Closest rule: newsroom.posting.editors-post would permit it but "
                + "applies when the person acting is an editor.");
    }

    @Test
    void notApplicable_saysWhoseWorkItIs() {
        Decision decision = policy.evaluate(PolicyRequest.builder(Actor.of("editor", "me"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "w1"))).content("news").build());

        assertThat(decision.notApplicable().whoseWork()).containsExactly("writer");
        // One change away (the newsroom account) an editor may post; the opinion ban would take two, so it is not closest.
        assertThat(decision.notApplicable().closest()).extracting(ClosestRule::rule, ClosestRule::lacking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("newsroom.posting.editors-post", List.of("applies on a newsroom account")));
        assertThat(decision.notApplicable().summary()).isEqualTo("No rule permits or forbids this request, so the answer is no. "
                + "It is the work of a writer (newsroom.posting.writers-own-accounts). Closest rule: newsroom.posting.editors-post "
                + "would permit it but applies on a newsroom account.");
    }

    @Test
    void notApplicable_isTheSameForRequestsTheRulesSeeAlike_andIsRemembered() {
        Decision first = policy.evaluate(PolicyRequest.builder(Actor.of("writer", "anne"), "post").channel(Channel.unattributed())
                .content("news").build());
        Decision second = policy.evaluate(PolicyRequest.builder(Actor.of("writer"), "post").channel(Channel.unattributed().withHandle("@paper"))
                .content("news").build());

        assertThat(second.notApplicable()).isEqualTo(first.notApplicable());
    }

    @Test
    void notApplicable_ofARequestFirstSeenAsANeighbour_isExplainedWhenAskedFor() {
        // No decision table: it would answer instead of the engine's memory, and its computation runs the engine meanwhile.
        ChannelPolicy remembering = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).forAuthoring().build();
        ChannelPolicy forgetting = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionCache(0).build();
        PolicyRequest onTheirOwnAccount = PolicyRequest.builder(Actor.of("writer", "me"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "me"))).content("news").build();

        // Explaining this one decides its neighbours, the writer's own account among them, and remembers them bare.
        remembering.evaluate(Newsroom.request("writer", "post", Channel.unattributed(), "news"));
        Decision neighbour = remembering.evaluate(onTheirOwnAccount);

        assertThat(neighbour.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(neighbour.notApplicable()).isNotNull().isEqualTo(forgetting.evaluate(onTheirOwnAccount).notApplicable());
        long runs = remembering.engineRuns();
        assertThat(remembering.evaluate(onTheirOwnAccount)).isSameAs(neighbour);
        assertThat(remembering.engineRuns()).as("given from memory: the rules did not run").isEqualTo(runs);
    }

    @Test
    void onlyANotApplicableDecisionCarriesAnExplanation() {
        assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news")).notApplicable()).isNull();
        assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "opinion")).notApplicable()).isNull();
        Decision permit = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));
        assertThatThrownBy(() -> permit.withNotApplicable(new NotApplicable("x", List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only a NOT_APPLICABLE decision explains why no rule decided");
    }
}
