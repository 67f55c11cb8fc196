package uk.gov.channelpolicy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * A benchmark is only a comparison if every subject decides as the library does: each subject must give
 * {@code ChannelPolicy}'s outcome (and whatever else it reports: channel type, codes, deciding rules) on every
 * request of the benchmarks' mix. No timing here.
 */
class SubjectsAgreeTest {
    private static ChannelPolicy policy;
    private static List<PolicyRequest> mix;

    @BeforeAll
    static void load() {
        policy = ChannelPolicy.builder().ruleSet("dh").build();
        mix = RequestMix.distinct(policy.vocabulary(), RequestMix.DEFAULT_SEED, RequestMix.DEFAULT_SIZE);
    }

    @AfterAll
    static void close() {
        policy.close();
    }

    @Test
    void mix_isDistinctValidAndExercisesEveryOutcomeButIndeterminate() {
        assertThat(mix).hasSize(RequestMix.DEFAULT_SIZE).doesNotHaveDuplicates();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (PolicyRequest request : mix) {
            outcomes.merge(policy.evaluate(request).outcome(), 1, Integer::sum);
        }
        assertThat(outcomes).containsKeys(Outcome.PERMIT, Outcome.DENY, Outcome.NOT_APPLICABLE).doesNotContainKey(Outcome.INDETERMINATE);
    }

    @Test
    void mix_isTheSameForTheSameSeed() {
        assertThat(RequestMix.distinct(policy.vocabulary(), RequestMix.DEFAULT_SEED, RequestMix.DEFAULT_SIZE)).isEqualTo(mix);
    }

    /**
     * A peer that reports obligations, advice and responsibilities (Easy Rules, rule for rule) must report the
     * library's: when a DH rule changes, its Easy Rules twin in {@code EasyRulesSubject} must change with it.
     */
    private static List<String> restOfDecision(PeerDecision peer, Decision expected) {
        List<String> found = new ArrayList<>();
        List<String> obligations = expected.obligations().stream().map(o -> o.rule()).toList();
        List<String> advice = expected.advice().stream().map(a -> a.rule()).toList();
        List<String> responsibilities = expected.responsibilities().stream().map(r -> r.role() + "/" + r.rule()).toList();
        if (!peer.obligations().equals(obligations)) {
            found.add("obligations " + peer.obligations() + " not " + obligations);
        }
        if (!peer.advice().equals(advice)) {
            found.add("advice " + peer.advice() + " not " + advice);
        }
        if (!peer.responsibilities().equals(responsibilities)) {
            found.add("responsibilities " + peer.responsibilities() + " not " + responsibilities);
        }
        return found;
    }

    @TestFactory
    Stream<DynamicTest> everySubject_decidesTheMixAsChannelPolicyDoes() {
        return Stream.of(SubjectId.values()).map(id -> DynamicTest.dynamicTest(id.id(), () -> {
            try (Subject subject = id.open(policy.vocabulary())) {
                List<String> disagreements = new ArrayList<>();
                // Twice through the mix, as the benchmark cycles it: a subject that remembers answers is checked on both paths.
                for (int pass = 1; pass <= 2; pass++) {
                    for (PolicyRequest request : mix) {
                        Decision expected = policy.evaluate(request);
                        Object answer = subject.decide(request);
                        List<String> found = new ArrayList<>(subject.verdict(answer).disagreementsWith(Verdict.of(expected)));
                        if (answer instanceof PeerDecision peer) {
                            found.addAll(restOfDecision(peer, expected));
                        }
                        if (!found.isEmpty()) {
                            disagreements.add("pass " + pass + ", " + request + ": " + found);
                        }
                    }
                }
                assertThat(disagreements).as("%s disagrees with ChannelPolicy on %d of %d requests", id.id(),
                        disagreements.size(), 2 * mix.size()).isEmpty();
            }
        }));
    }
}
