package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.RuleSetListener;
import uk.gov.channelpolicy.server.HostileFiles.Hostile;

/**
 * A server watching its rule-set directory refuses each hostile rule file of core's corpus as it
 * appears, runs none of their payloads, and keeps deciding with the last good rule set.
 *
 * <p>The server shows nothing of a refused reload (its /health and headers name the version still
 * serving, which a refusal does not change), so the test builds the watching policy itself, as
 * {@code --watch} would, with a listener that hears each reload attempt, and serves it.
 */
class HotReloadHostileFilesTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    /** For the whole corpus; refusing a file takes well under a second, so only a hang or a compile per file reaches it. */
    private static final Duration BUDGET = Duration.ofSeconds(40);
    /** For one reload attempt to be heard, within the budget. */
    private static final Duration PER_FILE = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    /** One reload attempt the watcher reported: the version now serving, or why the edit was refused. */
    private record Attempt(RuleSetIdentity loaded, RuleSetException rejected) {
    }

    @Test
    void watchedDirectory_refusesEachHostileFileAndKeepsServingTheLastGoodRuleSet() throws Exception {
        Path rules = HostileFiles.newsroomCopy(temp.resolve("rules"));
        Path staging = Files.createDirectories(temp.resolve("staging"));
        BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(rules).ignoreFileDigests().watch(DEBOUNCE)
                .listener(new RuleSetListener() {
                    @Override
                    public void loaded(RuleSetIdentity previous, RuleSetIdentity current) {
                        attempts.add(new Attempt(current, null));
                    }

                    @Override
                    public void rejected(RuleSetIdentity serving, RuleSetException problems) {
                        attempts.add(new Attempt(null, problems));
                    }
                }).build();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        SoftAssertions softly = new SoftAssertions();
        try (DecisionServer server = DecisionServer.start(Servers.config().build(), policy, true, javalin -> { })) {
            Http http = new Http(server);
            String good = http.get("/health").headers().firstValue(DecisionServer.RULE_SET_HEADER).orElseThrow();
            Path previous = null;
            boolean heard = true;
            for (Hostile hostile : HostileFiles.corpus()) {
                Path marker = Files.createDirectories(temp.resolve("markers").resolve(hostile.name())).resolve("marker");
                Path staged = HostileFiles.write(hostile, staging, marker);
                // Take the last file away and put this one in at once, so the watcher makes one reload of them.
                if (previous != null) {
                    Files.delete(previous);
                }
                previous = Files.move(staged, rules.resolve(hostile.name()), StandardCopyOption.ATOMIC_MOVE);

                Attempt attempt = attempts.poll(Math.min(PER_FILE.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (attempt == null) {
                    softly.assertThat(marker).as("%s: the payload ran, creating %s", hostile.name(), marker).doesNotExist();
                    softly.fail("no reload attempt was heard after adding %s: the watcher hung or stopped, or the %s s budget ran out;"
                            + " the files after it were not tried", hostile.name(), BUDGET.toSeconds());
                    heard = false;
                    break;
                }
                softly.assertThat(attempt.rejected()).as("the reload with %s (it loaded as %s)", hostile.name(), attempt.loaded()).isNotNull();
                if (attempt.rejected() != null) {
                    softly.assertThat(attempt.rejected().problems()).as("the problems refusing %s", hostile.name()).anySatisfy(problem -> {
                        assertThat(problem.path()).contains(hostile.name());
                        assertThat(problem.message()).startsWith(HostileFiles.PROFILE + hostile.expect());
                    });
                }
                HttpResponse<String> decision = http.postJson("/v1/decisions", HostileFiles.NEWSROOM_REQUEST);
                softly.assertThat(decision.statusCode()).as("deciding after %s: %s", hostile.name(), decision.body()).isEqualTo(200);
                softly.assertThat(decision.headers().firstValue(DecisionServer.RULE_SET_HEADER)).as("deciding after %s", hostile.name())
                        .contains(good);
                softly.assertThat(Http.json(decision).path("outcome").asText()).as("deciding after %s", hostile.name()).isEqualTo("PERMIT");
                // After deciding too: were the file served, its consequences would have run by now.
                softly.assertThat(marker).as("%s: the payload ran, creating %s", hostile.name(), marker).doesNotExist();
            }

            // The watcher still works: with the last hostile file gone and the version raised, the edit loads.
            if (!heard) {
                softly.assertAll();
            }
            if (previous != null) {
                Files.delete(previous);
            }
            Path manifest = rules.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"version\": \"0.1.0\"", "\"version\": \"0.1.1-after-hostile\""));
            Attempt last = attempts.poll(PER_FILE.toNanos(), TimeUnit.NANOSECONDS);
            softly.assertThat(last).as("a reload after the hostile files").isNotNull();
            if (last != null) {
                softly.assertThat(last.loaded()).as("the reload after the hostile files (refused: %s)", last.rejected()).isNotNull();
                softly.assertThat(http.get("/health").headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString()
                        .startsWith("newsroom 0.1.1-after-hostile ");
            }
        }
        softly.assertAll();
    }
}
