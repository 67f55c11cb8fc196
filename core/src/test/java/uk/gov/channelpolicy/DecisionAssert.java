package uk.gov.channelpolicy;

import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for decisions that say which rule decided, not just yes or no:
 * {@code assertThat(decision).isDenied().cites("dh.ministers.no-official-help-with-party-political")}.
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

    private DecisionAssert(Decision actual) {
        super(actual, DecisionAssert.class);
    }

    /**
     * Starts an assertion on a decision.
     *
     * @param decision the decision
     * @return the assertion
     */
    public static DecisionAssert assertThat(Decision decision) {
        return new DecisionAssert(decision);
    }

    /** @return this, after checking the outcome is PERMIT and the decision says so */
    public DecisionAssert isPermitted() {
        hasOutcome(Outcome.PERMIT);
        if (!actual.isPermitted()) {
            failWithMessage("Expected isPermitted() to be true for a PERMIT");
        }
        return this;
    }

    /** @return this, after checking the outcome is DENY and the decision does not permit */
    public DecisionAssert isDenied() {
        return hasOutcome(Outcome.DENY).doesNotPermit();
    }

    /** @return this, after checking the outcome is NOT_APPLICABLE and the decision does not permit */
    public DecisionAssert isNotApplicable() {
        return hasOutcome(Outcome.NOT_APPLICABLE).doesNotPermit();
    }

    /** @return this, after checking the outcome is INDETERMINATE and the decision does not permit */
    public DecisionAssert isIndeterminate() {
        return hasOutcome(Outcome.INDETERMINATE).doesNotPermit();
    }

    private DecisionAssert doesNotPermit() {
        if (actual.isPermitted()) {
            failWithMessage("Expected the decision not to permit, but isPermitted() is true");
        }
        return this;
    }

    /**
     * @param outcome the expected outcome
     * @return this
     */
    public DecisionAssert hasOutcome(Outcome outcome) {
        isNotNull();
        if (actual.outcome() != outcome) {
            failWithMessage("Expected outcome %s but was %s, decided by %s", outcome, actual.outcome(), actual.ruleIds());
        }
        return this;
    }

    /**
     * @param ruleIds rule ids that must each be among the reasons
     * @return this
     */
    public DecisionAssert cites(String... ruleIds) {
        for (String id : ruleIds) {
            if (!actual.ruleIds().contains(id)) {
                failWithMessage("Expected reasons to cite %s but they cite %s", id, actual.ruleIds());
            }
        }
        return this;
    }

    /**
     * @param ruleIds exactly the rule ids of the reasons, in any order
     * @return this
     */
    public DecisionAssert citesExactly(String... ruleIds) {
        if (!new java.util.TreeSet<>(actual.ruleIds()).equals(new java.util.TreeSet<>(List.of(ruleIds)))) {
            failWithMessage("Expected reasons to cite exactly %s but they cite %s", List.of(ruleIds), actual.ruleIds());
        }
        return this;
    }

    /**
     * @param codes exactly the codes that apply, in order
     * @return this
     */
    public DecisionAssert hasCodes(String... codes) {
        if (!actual.codes().equals(List.of(codes))) {
            failWithMessage("Expected codes %s but were %s", List.of(codes), actual.codes());
        }
        return this;
    }

    /**
     * @param channelType the channel type the rule set classified
     * @return this
     */
    public DecisionAssert hasChannelType(String channelType) {
        if (!channelType.equals(actual.channelType())) {
            failWithMessage("Expected channel type %s but was %s", channelType, actual.channelType());
        }
        return this;
    }

    /**
     * @param ruleId the id of a rule whose obligation must apply
     * @return this
     */
    public DecisionAssert hasObligation(String ruleId) {
        if (actual.obligations().stream().noneMatch(o -> o.rule().equals(ruleId))) {
            failWithMessage("Expected obligation from %s but obligations were %s", ruleId,
                    actual.obligations().stream().map(Obligation::rule).toList());
        }
        return this;
    }

    /**
     * @param ruleId the id of a rule whose advice must apply
     * @return this
     */
    public DecisionAssert hasAdvice(String ruleId) {
        if (actual.advice().stream().noneMatch(a -> a.rule().equals(ruleId))) {
            failWithMessage("Expected advice from %s but advice was %s", ruleId, actual.advice().stream().map(Advice::rule).toList());
        }
        return this;
    }

    /**
     * @param role a role whose responsibility the work must be
     * @return this
     */
    public DecisionAssert hasResponsibility(String role) {
        if (actual.responsibilities().stream().noneMatch(r -> r.role().equals(role))) {
            failWithMessage("Expected the work to be %s's responsibility but responsibilities were %s", role,
                    actual.responsibilities().stream().map(Responsibility::role).toList());
        }
        return this;
    }
}
