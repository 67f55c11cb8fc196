package uk.gov.channelpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.RuleSet;

/**
 * Sessions kept from one evaluation to the next decide exactly as fresh ones: nothing of an earlier request reaches a
 * later one, in any order, from any thread, and after a rule failed.
 */
class KeptSessionsTest {
    private static final EvaluationLimits LIMITS = new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null);

    private static List<PolicyRequest> everyCombinationShuffled(RuleSet ruleSet) {
        DomainIndex index = DomainIndex.of(ruleSet.vocabulary());
        List<PolicyRequest> requests = new ArrayList<>(LongStream.range(0, index.size()).mapToObj(index::request).toList());
        Collections.shuffle(requests, new Random(20261201L));
        return requests;
    }

    @Test
    void keptSessionsDecideEveryCombinationInAnyOrderAsFreshOnes() throws Exception {
        RuleSet ruleSet = Newsroom.policy().ruleSet();
        Evaluator fresh = new Evaluator(ruleSet, LIMITS, false);
        Evaluator kept = new Evaluator(ruleSet, LIMITS, true);
        List<PolicyRequest> requests = everyCombinationShuffled(ruleSet);

        for (int pass = 0; pass < 3; pass++) {
            for (PolicyRequest request : requests) {
                assertThat(kept.decideBare(request)).as("%s", request).isEqualTo(fresh.decideBare(request));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> agreed = new ArrayList<>();
            for (PolicyRequest request : requests) {
                agreed.add(threads.submit(() -> kept.decideBare(request).equals(fresh.decideBare(request))));
            }
            for (Future<Boolean> one : agreed) {
                assertThat(one.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSessionWhoseRuleFailedIsNotKeptAndTheNextRequestDecidesAsAFreshOne() {
        RuleSet ruleSet = Newsroom.policyWithFaults().ruleSet();
        Evaluator fresh = new Evaluator(ruleSet, LIMITS, false);
        Evaluator kept = new Evaluator(ruleSet, LIMITS, true);
        PolicyRequest ordinary = Newsroom.request("editor", "post", Channel.unattributed(), "news");

        for (String failing : List.of("crash", "loop", "recurse")) {
            Decision failed = kept.decideBare(Newsroom.request("writer", failing, Channel.unattributed(), "news"));
            assertThat(failed.outcome()).as(failing).isEqualTo(Outcome.INDETERMINATE);
            assertThat(kept.decideBare(ordinary)).as("after %s", failing).isEqualTo(fresh.decideBare(ordinary));
        }
        assertThat(kept.decideBare(ordinary).outcome()).isEqualTo(Outcome.PERMIT);
    }
}
