package uk.gov.channelpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.BackstopRules;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.EngineRuns;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.log.DecisionLog;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Remembered decisions must be exactly the decisions evaluation gives, used only where the rules read
 * nothing but the request, and never for a failed evaluation. A remembered decision is the very object
 * given before; but so is an evaluated one whose findings were assembled into a decision before, so where
 * a test must see that the rules ran, it counts the engine's runs.
 */
class DecisionCacheTest {
    @TempDir
    Path directory;

    private static final String CONSEQUENCE = "then\nend\n\nrule \"Be brief\"";

    @Test
    void evaluate_givesTheSameDecisionsWithAndWithoutRemembering() {
        // No decision table (it would answer instead of the cache, and its computation runs the engine meanwhile).
        ChannelPolicy remembering = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).forAuthoring().build();
        ChannelPolicy evaluating = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionCache(0).build();
        RequestDomain domain = RequestDomain.of(remembering.vocabulary());
        assertThat(domain.size()).isGreaterThan(100);

        int remembered = 0;
        for (PolicyRequest request : domain) {
            Decision first = remembering.evaluate(request);
            long runs = EngineRuns.of(remembering);
            Decision again = remembering.evaluate(request);
            Decision evaluated = evaluating.evaluate(request);
            assertThat(again).as("%s", request).isEqualTo(evaluated).isEqualTo(first);
            if (again == first && EngineRuns.of(remembering) == runs) {
                remembered++;
            }
            long before = EngineRuns.of(evaluating);
            assertThat(evaluating.evaluate(request)).isEqualTo(evaluated);
            assertThat(EngineRuns.of(evaluating)).as("evaluated again with decisionCache(0)").isEqualTo(before + 1);
        }
        assertThat(remembered).as("decisions given again from memory").isEqualTo(domain.size());
    }

    @Test
    void evaluate_remembersByWhatTheRulesSeeNotByIdsOrHandles() {
        // The engine with a cache, as a policy without a decision table runs it (a table's decisions are shared by value).
        Evaluator engine = new Evaluator(Newsroom.policy().ruleSet(), new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null));
        DecisionCache cache = new DecisionCache(100);
        Decision first = engine.decide(PolicyRequest.builder(Actor.of("writer", "ann"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "ann")).withHandle("@ann")).content("opinion").build(), cache);
        long runs = engine.runs();
        Decision sameForTheRules = engine.decide(PolicyRequest.builder(Actor.of("writer", "bob"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "bob")).withHandle("@bob")).content("opinion").build(), cache);
        assertThat(sameForTheRules).isSameAs(first);
        assertThat(engine.runs()).as("given from the cache: the rules did not run").isEqualTo(runs);

        // Another request for the rules (not the actor's own channel), though its decision reads the same: evaluated.
        engine.decide(PolicyRequest.builder(Actor.of("writer", "bob"), "post")
                .channel(Channel.ownedBy(Owner.of("writer", "ann")).withHandle("@ann")).content("opinion").build(), cache);
        assertThat(engine.runs()).as("another request for the rules: evaluated").isGreaterThan(runs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java.time.LocalDate.now();", "java.time.Instant.now();", "Math.random();"})
    void evaluate_alwaysEvaluatesWhenRulesReadAClockOrRandomness(String statement) throws IOException {
        // The policy profile refuses such a consequence; behind it, the compiled-class check still keeps such rules out
        // of the decision cache, which only the library's own tests can reach.
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        String text = Files.readString(drl);
        assertThat(text).contains(CONSEQUENCE);
        Files.writeString(drl, text.replace(CONSEQUENCE, "then\n    " + statement + "\nend\n\nrule \"Be brief\""));
        ChannelPolicy policy = BackstopRules.outsideTheProfile(ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory)
                ).build();

        assertThat(policy.ruleSet().beyondRequest()).isNotEmpty();
        for (PolicyRequest request : RequestDomain.of(policy.vocabulary()).stream().limit(50).toList()) {
            Decision first = policy.evaluate(request);
            long before = EngineRuns.of(policy);
            assertThat(policy.evaluate(request)).isEqualTo(first);
            // Its own run, and, for a NOT_APPLICABLE one, the requests around it: nothing is remembered for these rules.
            assertThat(EngineRuns.of(policy)).as("evaluated again: %s", request).isGreaterThan(before);
        }
    }

    @Test
    void load_findsNothingBeyondTheRequestInPlainRules() {
        assertThat(Newsroom.policy().ruleSet().beyondRequest()).isEmpty();
    }

    @Test
    void evaluate_neverRemembersAFailedEvaluation() {
        ChannelPolicy policy = Newsroom.policyWithFaults();
        PolicyRequest crashing = Newsroom.request("writer", "crash", Channel.unattributed(), "news");

        Decision first = policy.evaluate(crashing);
        Decision again = policy.evaluate(crashing);

        assertThat(first.outcome()).isEqualTo(Outcome.INDETERMINATE);
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void evaluate_keepsNoMoreThanTheBound() {
        // The engine with a cache, as a policy without a decision table runs it: a directory's table, computed in the
        // background, would otherwise start answering part-way through.
        ChannelPolicy policy = Newsroom.policy();
        Evaluator engine = new Evaluator(policy.ruleSet(), new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null));
        List<PolicyRequest> requests = RequestDomain.of(policy.vocabulary()).stream()
                .filter(r -> policy.evaluate(r).outcome() != Outcome.INDETERMINATE).limit(3).toList();
        DecisionCache cache = new DecisionCache(2);

        Decision a = engine.decide(requests.get(0), cache);
        Decision b = engine.decide(requests.get(1), cache);
        long remembered = engine.runs();
        assertThat(engine.decide(requests.get(0), cache)).isSameAs(a);
        assertThat(engine.decide(requests.get(1), cache)).isSameAs(b);
        assertThat(engine.runs()).as("both given from the cache").isEqualTo(remembered);
        engine.decide(requests.get(2), cache); // full: emptied, then holds this one
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.clears()).isEqualTo(1);
        long forgotten = engine.runs();
        assertThat(engine.decide(requests.get(0), cache)).isEqualTo(a);
        assertThat(engine.runs()).as("evaluated again once forgotten").isEqualTo(forgotten + 1);
    }

    @Test
    void evaluate_recordsRememberedDecisionsInTheDecisionLog() throws IOException {
        Path log = directory.resolve("decisions.jsonl");
        try (DecisionLog decisionLog = DecisionLog.builder(log).build();
                ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionTableBeforeServing()
                        .decisionSink(decisionLog).build()) {
            PolicyRequest request = Newsroom.request("writer", "post", Channel.unattributed(), "news");
            Decision first = policy.evaluate(request);
            assertThat(policy.evaluate(request)).isSameAs(first);
        }
        assertThat(Files.readAllLines(log)).hasSize(2);
    }

    @Test
    void builder_refusesANegativeBound() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ChannelPolicy.builder().decisionCache(-1))
                .withMessageContaining("decisionCache");
    }
}
