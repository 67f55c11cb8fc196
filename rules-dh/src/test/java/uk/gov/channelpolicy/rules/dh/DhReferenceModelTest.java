package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Vocabulary.Kind;

/**
 * Differential test: the Drools rule set and an independent plain-Java model of the same guidance
 * must agree on every request in the finite domain.
 */
class DhReferenceModelTest {
    private static ChannelPolicy policy;

    @BeforeAll
    static void load() {
        policy = ChannelPolicy.builder().ruleSet("dh").build();
    }

    /**
     * Every role × stated channel type (or none) × owner (none, the actor, or another person of each
     * role, in each capacity or none) × action × non-empty set of content categories.
     */
    static List<PolicyRequest> domain(ChannelPolicy policy) {
        List<String> roles = policy.vocabulary().ids(Kind.ROLES);
        List<String> types = new ArrayList<>(policy.vocabulary().ids(Kind.CHANNEL_TYPES));
        types.add(0, null);
        List<String> capacities = new ArrayList<>(policy.vocabulary().ids(Kind.CAPACITIES));
        capacities.add(0, null);
        List<String> content = policy.vocabulary().ids(Kind.CONTENT);
        List<PolicyRequest> requests = new ArrayList<>();
        for (String role : roles) {
            List<Owner> owners = new ArrayList<>();
            owners.add(null);
            for (String capacity : capacities) {
                owners.add(new Owner(role, "actor", null, capacity));
                for (String ownerRole : roles) {
                    owners.add(new Owner(ownerRole, "someone-else", null, capacity));
                }
            }
            for (String type : types) {
                for (Owner owner : owners) {
                    for (String action : policy.vocabulary().ids(Kind.ACTIONS)) {
                        for (int mask = 1; mask < 1 << content.size(); mask++) {
                            List<String> categories = new ArrayList<>();
                            for (int bit = 0; bit < content.size(); bit++) {
                                if ((mask & 1 << bit) != 0) {
                                    categories.add(content.get(bit));
                                }
                            }
                            requests.add(PolicyRequest.builder(Actor.of(role, "actor"), action)
                                    .channel(new Channel(type, null, owner)).content(categories).build());
                        }
                    }
                }
            }
        }
        return requests;
    }

    @Test
    void rulesAndReferenceModel_agreeOnEveryRequestInTheDomain() {
        List<PolicyRequest> domain = domain(policy);
        List<String> disagreements = new ArrayList<>();
        int[] outcomes = new int[Outcome.values().length];
        for (PolicyRequest request : domain) {
            Decision decision = policy.evaluate(request);
            DhReferenceModel.Answer expected = DhReferenceModel.decide(request);
            outcomes[decision.outcome().ordinal()]++;
            if (decision.outcome() != expected.outcome() || !expected.channelType().equals(decision.channelType())
                    || !expected.codes().equals(decision.codes())) {
                disagreements.add(request + "\n    rules: " + decision.outcome() + " " + decision.channelType() + " " + decision.codes()
                        + " by " + decision.ruleIds() + "\n    model: " + expected);
            }
        }
        System.out.printf("DH domain: %d requests; PERMIT %d, DENY %d, NOT_APPLICABLE %d, INDETERMINATE %d%n", domain.size(),
                outcomes[0], outcomes[1], outcomes[2], outcomes[3]);

        assertThat(domain).hasSize(4 * 4 * (1 + 3 * 5) * 8 * 31);
        assertThat(outcomes[Outcome.INDETERMINATE.ordinal()]).as("no request makes a rule fail").isZero();
        assertThat(outcomes[Outcome.PERMIT.ordinal()]).as("the domain exercises permits").isPositive();
        assertThat(disagreements).as("%d of %d requests disagree; first ones:%n%s", disagreements.size(), domain.size(),
                String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size())))).isEmpty();
    }
}
