package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Why not: the smallest changes that would change the outcome, found in the vocabulary. */
class ExplainTest {
    private final ChannelPolicy policy = Newsroom.policy();

    @Test
    void explain_proposesTheSingleChangeThatWouldPermit() {
        Explanation explanation = policy.explain(Newsroom.request("writer", "post", Channel.unattributed(), "news"));

        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(explanation.alternatives()).extracting(a -> a.changes().get(0).describe())
                .containsExactly("actor.role: writer -> editor");
        assertThat(explanation.alternatives().get(0).decision().ruleIds()).containsExactly("newsroom.posting.editors-post");
    }

    @Test
    void explain_replacesTheContentThatDenies() {
        Explanation explanation = policy.explain(Newsroom.request("editor", "post", Channel.unattributed(), "opinion"));

        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(explanation.alternatives()).extracting(a -> a.changes().get(0).describe())
                .contains("content: opinion -> only news");
        assertThat(explanation.alternatives()).allSatisfy(a -> assertThat(a.decision().isPermitted()).isTrue());
    }

    @Test
    void explain_ofAPermitShowsWhatWouldTakeItAway() {
        Explanation explanation = policy.explain(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

        assertThat(explanation.decision().isPermitted()).isTrue();
        assertThat(explanation.alternatives()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.decision().isPermitted()).isFalse())
                .anySatisfy(a -> assertThat(a.changes().get(0).describe()).isEqualTo("content: news -> with opinion"));
        assertThat(explanation.rulesFired()).contains("newsroom.channels.unowned", "newsroom.posting.editors-post");
    }

    @Test
    void explain_goesToTwoChangesWhenNoSingleChangeWill() {
        // A writer posting opinion on the newsroom account: becoming an editor still meets the opinion ban,
        // and dropping the opinion still leaves a writer; only both changes together permit.
        Explanation explanation = policy.explain(Newsroom.request("writer", "post", Channel.unattributed(), "opinion"));

        assertThat(explanation.alternatives()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.changes()).hasSize(2);
            assertThat(a.decision().isPermitted()).isTrue();
        });
        assertThat(explanation.alternatives()).anySatisfy(a -> assertThat(a.changes()).extracting(Change::describe)
                .containsExactly("actor.role: writer -> editor", "content: opinion -> only news"));
    }
}
