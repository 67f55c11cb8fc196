package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Differential test: the Drools rule set and an independent plain-Java model of the same guidance
 * must agree on every request in the finite domain.
 */
class DhReferenceModelTest {
    private static ChannelPolicy policy;

    @BeforeAll
    static void load() {
        policy = DhDomain.POLICY;
    }

    @Test
    void rulesAndReferenceModel_agreeOnEveryRequestInTheDomain() {
        // Streamed, not held: the domain is 871,038 requests.
        RequestDomain domain = RequestDomain.of(policy.vocabulary());
        long size = 0;
        List<String> disagreements = new ArrayList<>();
        int[] outcomes = new int[Outcome.values().length];
        for (PolicyRequest request : domain) {
            size++;
            Decision decision = policy.evaluate(request);
            DhReferenceModel.Answer expected = DhReferenceModel.decide(request);
            outcomes[decision.outcome().ordinal()]++;
            if (decision.outcome() != expected.outcome() || !expected.channelType().equals(decision.channelType())
                    || !expected.codes().equals(decision.codes())) {
                disagreements.add(request + "\n    rules: " + decision.outcome() + " " + decision.channelType() + " " + decision.codes()
                        + " by " + decision.ruleIds() + "\n    model: " + expected);
            }
        }
        System.out.printf("DH domain: %d requests; PERMIT %d, DENY %d, NOT_APPLICABLE %d, INDETERMINATE %d%n", size,
                outcomes[0], outcomes[1], outcomes[2], outcomes[3]);

        // A stated type with an owner it contradicts is invalid, not in the domain. Owners: none, or one of 8 people (the
        // actor or someone of each of 7 roles) in one of 3 capacities (or none stated). By stated type: none with any of
        // the 25 owners, corporate with none, personal with any of the 24, official with someone in DH: 15 for an actor
        // in DH, 12 for one outside. 4 roles in DH and 3 outside, 31 content sets, and 63 action slots: 11 actions that take
        // no source, and promote and share each with no source, a source with no owner, or one of the 24 source owners.
        assertThat(size).isEqualTo(domain.size()).isEqualTo((4 * (25 + 1 + 24 + 15) + 3 * (25 + 1 + 24 + 12)) * (11 + 2 * (1 + 1 + 24)) * 31);
        assertThat(outcomes[Outcome.INDETERMINATE.ordinal()]).as("no request makes a rule fail").isZero();
        assertThat(outcomes[Outcome.PERMIT.ordinal()]).as("the domain exercises permits").isPositive();
        assertThat(disagreements).as("%d of %d requests disagree; first ones:%n%s", disagreements.size(), size,
                String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size())))).isEmpty();
    }
}
