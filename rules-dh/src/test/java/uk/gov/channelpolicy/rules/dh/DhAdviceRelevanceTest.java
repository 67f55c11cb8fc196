package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Advice is relevant, over every request of the domain:
 * <ol>
 *   <li>each advice item comes from a rule that declares the outcomes it applies to ({@code @outcomes}), and the
 *       decision's outcome is one of them;</li>
 *   <li>advice never contradicts a reason of the same decision: no advice rule is also a reason, and advice that
 *       offers someone's help ({@code traceability/advice-offers.json}) offers only what the policy itself permits
 *       for that channel and content (the help a refusal points to would not be refused in turn);</li>
 *   <li>a refusal (DENY or NOT_APPLICABLE) carries only advice that helps the asker do the right thing instead:
 *       every such item offers someone's help.</li>
 * </ol>
 */
class DhAdviceRelevanceTest {
    private static final Path OFFERS = Path.of("src/test/resources/traceability/advice-offers.json");
    /** The id of the person whose help an offer names: someone other than the actor and the owner. */
    private static final String HELPER = "helper";

    private static ChannelPolicy policy;
    private static Map<String, JsonNode> offers;

    @BeforeAll
    static void load() throws IOException {
        policy = DhDomain.POLICY;
        offers = new TreeMap<>();
        new ObjectMapper().readTree(OFFERS.toFile()).get("offers").fields().forEachRemaining(e -> offers.put(e.getKey(), e.getValue()));
    }

    @Test
    void everyAdviceRuleDeclaresItsOutcomes_andEveryAdviceRuleForRefusalsOffersHelp() {
        List<RuleInfo> adviceRules = policy.ruleSet().rules().stream().filter(rule -> !policy.ruleSet().adviceOutcomes(rule).isEmpty())
                .toList();
        assertThat(adviceRules).extracting(RuleInfo::id).contains("dh.principles.be-personal", "dh.advice.clinical-trial-ethics",
                "dh.principles.digital-team-can-help", "dh.advice.digital-team-can-support-political-use");
        for (RuleInfo rule : adviceRules) {
            Set<Outcome> outcomes = policy.ruleSet().adviceOutcomes(rule);
            if (outcomes.contains(Outcome.DENY) || outcomes.contains(Outcome.NOT_APPLICABLE)) {
                assertThat(offers).as("%s may be advice on a refusal, so it must offer someone's help", rule.id()).containsKey(rule.id());
            }
        }
        for (String id : offers.keySet()) {
            RuleInfo rule = policy.ruleSet().rule(id).orElseThrow();
            assertThat(policy.ruleSet().adviceOutcomes(rule)).as("%s offers help, so it is advice", id).isNotEmpty();
        }
    }

    @Test
    void overTheWholeDomain_adviceFitsTheOutcome_neverContradictsAReason_andRefusalsCarryOnlyOffersOfHelp() {
        long checked = 0;
        long refusalsWithAdvice = 0;
        long adviceItems = 0;
        List<String> problems = new ArrayList<>();
        for (PolicyRequest request : RequestDomain.of(policy.vocabulary())) {
            Decision decision = policy.evaluate(request);
            checked++;
            boolean refusal = decision.outcome() != Outcome.PERMIT;
            if (refusal && !decision.advice().isEmpty()) {
                refusalsWithAdvice++;
            }
            for (Advice advice : decision.advice()) {
                adviceItems++;
                RuleInfo rule = policy.ruleSet().rule(advice.rule()).orElseThrow();
                Set<Outcome> outcomes = policy.ruleSet().adviceOutcomes(rule);
                if (!outcomes.contains(decision.outcome())) {
                    problems.add("advice for " + outcomes + " on a " + decision.outcome() + ": " + advice.rule() + " for " + request);
                }
                for (Reason reason : decision.reasons()) {
                    if (reason.rule().equals(advice.rule()) || reason.effect() == Effect.DENY
                            && reason.citation().quote().equals(advice.citation().quote())) {
                        problems.add("advice " + advice.rule() + " is also the reason " + reason.rule() + " for " + request);
                    }
                }
                JsonNode offer = offers.get(advice.rule());
                if (offer == null) {
                    if (refusal) {
                        problems.add("a " + decision.outcome() + " carries " + advice.rule() + ", which offers no help: " + request);
                    }
                    continue;
                }
                for (JsonNode each : offer.isArray() ? offer : List.of(offer)) {
                    if (each.has("elsewhere")) {
                        continue; // help the rule set cannot decide: the asker's own organisation
                    }
                    PolicyRequest offered = offered(request, each);
                    Decision answer = policy.evaluate(offered);
                    if (answer.outcome() != Outcome.PERMIT) {
                        problems.add(advice.rule() + " offers " + each + ", which the policy does not permit (" + answer.outcome() + " by "
                                + answer.ruleIds() + "): " + request);
                    }
                }
            }
        }
        System.out.printf("Advice over the DH domain: %,d requests, %,d advice items, %,d refusals with advice%n", checked, adviceItems,
                refusalsWithAdvice);

        assertThat(checked).isEqualTo(RequestDomain.of(policy.vocabulary()).size());
        assertThat(refusalsWithAdvice).as("refusals do get offers of help").isPositive();
        assertThat(problems).as("%,d problems; first ones:%n%s", problems.size(),
                String.join("\n", problems.subList(0, Math.min(10, problems.size())))).isEmpty();
    }

    /**
     * The request an offer of help stands for: the helper doing the offered action, on the same channel and content, or
     * ({@code "channel": "corporate"}) from the Department's corporate channel, amplifying ({@code "source": "actor"})
     * the asker's own tweet. The helper's action keeps the request's source only if it amplifies a tweet too.
     */
    private static PolicyRequest offered(PolicyRequest request, JsonNode offer) {
        if (offer.get("role").asText().equals("owner")) {
            Owner owner = request.channel().owner();
            PolicyRequest.Builder byOwner = request.toBuilder().actor(new Actor(owner.role(), owner.id(), null));
            Owner from = request.source() == null ? null : request.source().owner();
            if (from != null && from.id().equals(owner.id()) && !from.role().equals(owner.role())) {
                // The domain names everyone but the actor alike; as the actor, the owner is one person, so the source's
                // owner in another role is someone else.
                byOwner.source(new Source(request.source().handle(), new Owner(from.role(), "source-owner", null, from.capacity())));
            }
            return byOwner.build();
        }
        String helping = offer.get("action").asText();
        PolicyRequest.Builder offered = request.toBuilder().actor(Actor.of(offer.get("role").asText(), HELPER)).action(helping)
                .source(policy.vocabulary().takesSource(helping) ? request.source() : null);
        if (offer.has("channel")) {
            offered.channel(new Channel(offer.get("channel").asText(), null, null));
        }
        if (offer.has("source")) {
            assertThat(offer.get("source").asText()).isEqualTo("actor");
            offered.source(new Source(null, new Owner(request.actor().role(), request.actor().id(), null, null)));
        }
        return offered.build();
    }
}
