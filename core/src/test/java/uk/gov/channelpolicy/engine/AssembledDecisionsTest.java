package uk.gov.channelpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.RuleSet;

/**
 * The engine's serving path (sessions kept, each fact kept by its index, each distinct set of findings assembled into a
 * decision once, explanations remembered) decides exactly as the plain reference does, runs the rules every time, and
 * never keeps a decision that failed to assemble.
 */
class AssembledDecisionsTest {
    private static final EvaluationLimits LIMITS = new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null);

    @TempDir
    Path directory;

    private static PolicyRequest writerPostsOpinionOnOwnChannel(String id) {
        return PolicyRequest.builder(Actor.of("writer", id), "post").channel(Channel.ownedBy(Owner.of("writer", id)).withHandle("@" + id))
                .content("opinion").build();
    }

    @Test
    void decide_givesEveryCombinationInAnyOrderAsTheReferenceDoes() {
        RuleSet ruleSet = Newsroom.policy().ruleSet();
        Evaluator reference = new Evaluator(ruleSet, LIMITS, false);
        Evaluator serving = new Evaluator(ruleSet, LIMITS, true);
        DomainIndex index = DomainIndex.of(ruleSet.vocabulary());
        List<PolicyRequest> requests = new ArrayList<>(LongStream.range(0, index.size()).mapToObj(index::request).toList());
        Collections.shuffle(requests, new Random(20261202L));

        for (int pass = 0; pass < 2; pass++) {
            for (PolicyRequest request : requests) {
                assertThat(serving.decide(request, null)).as("pass %d: %s", pass, request).isEqualTo(reference.decide(request, null));
            }
        }
        assertThat(serving.runs()).as("the rules ran for every request of both passes, and for no more than their explanations asked")
                .isGreaterThanOrEqualTo(2L * requests.size()).isLessThanOrEqualTo(reference.runs());
    }

    @Test
    void decide_givesEveryCombinationAsTheReferenceDoesFromFourThreadsAtOnce() throws Exception {
        // Four threads insert the same kept facts into their sessions at once, and share the assembled decisions and the
        // remembered explanations; one evaluator runs with a timeout, so its sessions are watched by the listener instead.
        RuleSet ruleSet = Newsroom.policy().ruleSet();
        Evaluator reference = new Evaluator(ruleSet, LIMITS, false);
        ExecutorService timeoutThreads = Executors.newFixedThreadPool(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            EvaluationLimits withTimeout = new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, java.time.Duration.ofSeconds(30),
                    timeoutThreads);
            DomainIndex index = DomainIndex.of(ruleSet.vocabulary());
            List<PolicyRequest> requests = new ArrayList<>(LongStream.range(0, index.size()).mapToObj(index::request).toList());
            Collections.shuffle(requests, new Random(20261203L));
            for (Evaluator serving : List.of(new Evaluator(ruleSet, LIMITS, true), new Evaluator(ruleSet, withTimeout, true))) {
                List<Future<Boolean>> agreed = new ArrayList<>();
                for (int pass = 0; pass < 2; pass++) {
                    for (PolicyRequest request : requests) {
                        agreed.add(threads.submit(() -> serving.decide(request, null).equals(reference.decide(request, null))));
                    }
                }
                for (Future<Boolean> one : agreed) {
                    assertThat(one.get()).isTrue();
                }
            }
        } finally {
            threads.shutdownNow();
            timeoutThreads.shutdownNow();
        }
    }

    @Test
    void decide_assemblesTheSameFindingsOnceAndRunsTheRulesEveryTime() {
        Evaluator serving = new Evaluator(Newsroom.policy().ruleSet(), LIMITS, true);
        Decision ann = serving.decide(writerPostsOpinionOnOwnChannel("ann"), null);
        long runs = serving.runs();

        Decision bob = serving.decide(writerPostsOpinionOnOwnChannel("bob"), null);

        assertThat(bob).isSameAs(ann);
        assertThat(serving.runs()).isEqualTo(runs + 1);
        Decision reference = new Evaluator(Newsroom.policy().ruleSet(), LIMITS, false).decide(writerPostsOpinionOnOwnChannel("bob"), null);
        assertThat(reference).isEqualTo(ann).isNotSameAs(ann);
    }

    @Test
    void decide_neverKeepsADecisionThatFailedToAssemble() throws IOException {
        // A fork's rule that classifies an unattributed channel a second way: the decision names both rules, INDETERMINATE.
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "Posts are on a named account"
                    @id("newsroom.channels.posts-are-named")
                    @effect("channel-type") @value("named")
                    @description("Every post is on a named account.")
                    @citation("Channels")
                    @quote("A named writer's account is their own.")
                when
                    Request( action == "post" )
                then
                end
                """);
        ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build();
        Evaluator serving = new Evaluator(policy.ruleSet(), LIMITS, true);
        PolicyRequest request = Newsroom.request("editor", "post", Channel.unattributed(), "news");

        Decision first = serving.decide(request, null);
        Decision again = serving.decide(request, null);

        assertThat(first.outcome()).isEqualTo(Outcome.INDETERMINATE);
        assertThat(first.reasons()).extracting(r -> r.rule() + " " + r.effect()).containsExactly(
                "newsroom.channels.unowned INDETERMINATE", "newsroom.channels.posts-are-named INDETERMINATE");
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
