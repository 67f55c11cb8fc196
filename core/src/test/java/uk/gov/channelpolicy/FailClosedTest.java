package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import org.junit.jupiter.api.Test;

/** A rule that fails while evaluating never throws to the caller and never permits. */
class FailClosedTest {
    private final ChannelPolicy policy = Newsroom.policy();

    @Test
    void evaluate_isIndeterminateNamingTheRuleWhenAConsequenceThrows() {
        // The throwing rule calls permit() before it throws: that partial permit must not leak out.
        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "explosive"));

        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.throwing-consequence");
        assertThat(decision.reasons().get(0).effect()).isEqualTo(Effect.INDETERMINATE);
        assertThat(decision.reasons().get(0).message()).contains("consequence failed on purpose");
        assertThat(decision.obligations()).isEmpty();
    }

    @Test
    void evaluate_isIndeterminateNamingTheRuleWhenAConstraintThrows() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "crash", Channel.unattributed(), "news"));

        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.throwing-constraint");
    }

    @Test
    void evaluate_keepsServingAfterARuleFails() {
        policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "explosive"));

        assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();
    }

    @Test
    void outcome_onlyPermitAllows() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(outcome.allows()).as(outcome.name()).isEqualTo(outcome == Outcome.PERMIT);
        }
    }
}
