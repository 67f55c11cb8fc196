package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads evaluate without pause while the rule set is reloaded a hundred times, one reload in
 * five broken: no error, every decision made by exactly one complete good version, broken ones never served.
 */
class ConcurrentReloadTest {
    @TempDir
    Path directory;

    private static final String RULE = "Request( actorRole == \"editor\", action == \"post\" )";

    @Test
    void decisionsNeverMixVersionsAndBrokenVersionsNeverServe() throws Exception {
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        String original = Files.readString(drl);
        ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build();
        // Each good version says, in its own rule, which role may post: version n lets "editor" post when n is even, "writer" when odd.
        Map<String, String> posterByDigest = new ConcurrentHashMap<>();
        posterByDigest.put(policy.ruleSet().identity().digest(), "editor");
        Set<String> brokenSeen = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong decisions = new AtomicLong();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> evaluators = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            evaluators.add(pool.submit(() -> {
                while (running.get()) {
                    try {
                        Decision editor = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));
                        Decision writer = policy.evaluate(Newsroom.request("writer", "post", Channel.unattributed(), "news"));
                        check(editor, "editor", posterByDigest, errors);
                        check(writer, "writer", posterByDigest, errors);
                        decisions.addAndGet(2);
                        // A breath between pairs leaves the compiler a share of the two cores; still thousands of decisions a second.
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    } catch (RuntimeException e) {
                        errors.add(e.toString());
                    }
                }
            }));
        }
        int good = 0;
        int broken = 0;
        for (int n = 1; n <= 100; n++) {
            if (n % 5 == 0) {
                Files.writeString(drl, original.replace(RULE, "Request( actorRole == )"));
                try {
                    policy.reload();
                    errors.add("broken version " + n + " loaded");
                } catch (RuleSetException expected) {
                    broken++;
                }
                brokenSeen.add(policy.ruleSet().identity().digest());
            } else {
                String poster = n % 2 == 0 ? "editor" : "writer";
                Files.writeString(drl, original.replace(RULE, "Request( actorRole == \"" + poster + "\", action == \"post\" )")
                        .replace("Keep it short.", "Keep it short (version " + n + ")."));
                RuleSetIdentity identity = policy.reload();
                posterByDigest.put(identity.digest(), poster);
                good++;
            }
        }
        running.set(false);
        for (Future<?> evaluator : evaluators) {
            evaluator.get();
        }
        pool.shutdown();
        System.out.printf("%d decisions across %d good and %d refused reloads%n", decisions.get(), good, broken);

        assertThat(errors).isEmpty();
        assertThat(broken).isEqualTo(20);
        assertThat(good).isEqualTo(80);
        assertThat(decisions.get()).isPositive();
        assertThat(posterByDigest.keySet()).containsAll(brokenSeen);
        assertThat(posterByDigest).as("every version that decided is a good version that loaded").doesNotContainValue("pending");
    }

    /** The decision's version must be a good one, and the outcome must be that version's own. */
    private static void check(Decision decision, String role, Map<String, String> posterByDigest, List<String> errors) {
        String poster = posterByDigest.get(decision.ruleSet().digest());
        if (poster == null) {
            // A reload may finish between the swap and the map update; the version must appear in the map by the end.
            posterByDigest.computeIfAbsent(decision.ruleSet().digest(), d -> "pending");
            return;
        }
        if (poster.equals("pending")) {
            return;
        }
        boolean expectPermit = poster.equals(role);
        if (decision.isPermitted() != expectPermit) {
            errors.add("version " + decision.ruleSet().digest() + " lets " + poster + " post, but " + role + " got " + decision.outcome());
        }
    }
}
