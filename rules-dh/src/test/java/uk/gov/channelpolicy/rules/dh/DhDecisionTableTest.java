package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.engine.DecisionCache;
import uk.gov.channelpolicy.engine.DecisionTable;
import uk.gov.channelpolicy.engine.DomainIndex;
import uk.gov.channelpolicy.engine.EvaluationLimits;
import uk.gov.channelpolicy.engine.Evaluator;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSetLoader;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * The decision table the jar ships, computed at packaging time: a policy built from the jar decides from it at once, and
 * it gives, field for field, the decision the engine gives for every request of the domain.
 */
class DhDecisionTableTest {

    @Test
    void aPolicyBuiltFromTheJarDecidesFromTheShippedTableAtOnce() {
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build()) {
            assertThat(policy.decidesFromTable()).isTrue();
        }
    }

    @Test
    void everyIndexOfTheDomainIsTheIndexOfItsRequest() {
        RuleSet ruleSet = new RuleSetLoader(getClass().getClassLoader(), true).fromClasspath("dh");
        DomainIndex index = DomainIndex.of(ruleSet.vocabulary());
        // DH 2.0.0: 7 roles x (no type + 3) x 25 channel owners x 63 action slots (11 actions without a source, promote and
        // share with none or 26 sources each) x 31 content sets
        assertThat(index.size()).isEqualTo(7L * 4 * 25 * 63 * 31);
        for (long at = 0; at < index.size(); at++) {
            if (index.indexOf(index.request(at)) != at) {
                assertThat(index.indexOf(index.request(at))).as("index %d: %s", at, index.request(at)).isEqualTo(at);
            }
        }
    }

    @Test
    void theTableAndTheEngineAgreeOnEveryFieldOfEveryDecisionOfTheDomain() throws IOException {
        RuleSet ruleSet = new RuleSetLoader(getClass().getClassLoader(), true).fromClasspath("dh");
        DecisionTable table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DecisionTable.resource("dh"))) {
            assertThat(in).as("the jar ships %s", DecisionTable.resource("dh")).isNotNull();
            table = DecisionTable.read(in, ruleSet.identity(), ruleSet.vocabulary());
        }
        RequestDomain domain = RequestDomain.of(ruleSet.vocabulary());
        assertThat(table.size()).isEqualTo(DomainIndex.of(ruleSet.vocabulary()).size());
        assertThat(table.decided()).isEqualTo(domain.size());

        // The engine as a policy with a cache runs it, but with a fresh session for every evaluation (the table was computed
        // with sessions kept from one evaluation to the next); each NOT_APPLICABLE explained from its neighbours' decisions.
        Evaluator engine = new Evaluator(ruleSet, new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null), false);
        DecisionCache cache = new DecisionCache((int) table.size());
        // On every core: the engine is thread-safe, and a decision (its explanation too) does not depend on the order in
        // which requests are decided. A mismatch fails the stream, and the test, with the request and the field.
        java.util.concurrent.atomic.AtomicLong compared = new java.util.concurrent.atomic.AtomicLong();
        domain.stream().parallel().forEach(request -> {
            Decision fromEngine = engine.decide(request, cache);
            Decision fromTable = table.get(request);
            if (!fromEngine.equals(fromTable)) {
                assertThat(fromTable).as("%s", request).usingRecursiveComparison().isEqualTo(fromEngine);
            }
            compared.incrementAndGet();
        });
        assertThat(compared.get()).isEqualTo(domain.size());
    }
}
