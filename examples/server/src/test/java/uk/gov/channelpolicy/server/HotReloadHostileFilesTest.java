package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.HostileFiles.Hostile;
import uk.gov.channelpolicy.HostileFiles;

/**
 * A server watching its rule-set directory refuses each hostile rule file of core's corpus as it
 * appears, runs none of their payloads, keeps deciding with the last good rule set, and says in
 * {@code /health} and {@code /metrics} that the edit was refused and why.
 */
class HotReloadHostileFilesTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    /**
     * For the whole corpus: a hang detector, not a speed test. Refusing a file takes well under a second on a quiet machine
     * (the corpus about 20 s in all), so only a hang or a compile per file reaches it; it leaves room for a CI machine busy
     * with other builds, where 40 s was once not enough.
     */
    private static final Duration BUDGET = Duration.ofSeconds(150);
    /** For one reload attempt to be seen, within the budget. */
    private static final Duration PER_FILE = Duration.ofSeconds(30); // generous: the first refusal loads the DRL parser, slow on a busy machine

    @TempDir
    Path temp;

    /** Polls /health until its reload counts reach {@code loaded} and {@code rejected}, or the time is up. */
    private static JsonNode reloadsReach(Http http, long loaded, long rejected, long deadlineNanos) throws Exception {
        return reloadsReach(http, loaded, rejected, null, deadlineNanos);
    }

    /**
     * Polls /health until its reload counts reach {@code loaded} and {@code rejected} and, when {@code file} is given, the
     * last attempt names that file (a busy machine may let the watcher see one file's events as two reloads, so a count
     * alone can be reached by the file before), or the time is up.
     */
    private static JsonNode reloadsReach(Http http, long loaded, long rejected, String file, long deadlineNanos) throws Exception {
        JsonNode reload;
        do {
            reload = Http.json(http.get("/health")).path("reload");
            if (reload.path("loaded").asLong() >= loaded && reload.path("rejected").asLong() >= rejected
                    && (file == null || reload.path("lastAttempt").path("problems").toString().contains(file))) {
                return reload;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadlineNanos);
        return null;
    }

    @Test
    void watchedDirectory_refusesEachHostileFileKeepsServingTheLastGoodRuleSetAndSaysWhy() throws Exception {
        Path rules = HostileFiles.newsroomCopy(temp.resolve("rules"));
        Path staging = Files.createDirectories(temp.resolve("staging"));
        long deadline = System.nanoTime() + BUDGET.toNanos();
        SoftAssertions softly = new SoftAssertions();
        try (DecisionServer server = DecisionServer.start(Servers.config().rulesDirectory(rules).ignoreFileDigests(true)
                .watch(DEBOUNCE).build())) {
            Http http = new Http(server);
            String good = http.get("/health").headers().firstValue(DecisionServer.RULE_SET_HEADER).orElseThrow();
            Path previous = null;
            boolean heard = true;
            long refused = 0;
            for (Hostile hostile : HostileFiles.corpus()) {
                Path marker = Files.createDirectories(temp.resolve("markers").resolve(hostile.name())).resolve("marker");
                Path staged = HostileFiles.write(hostile, staging, marker);
                // Take the last file away and put this one in at once, so the watcher makes one reload of them.
                if (previous != null) {
                    Files.delete(previous);
                }
                previous = Files.move(staged, rules.resolve(hostile.name()), StandardCopyOption.ATOMIC_MOVE);

                JsonNode reload = reloadsReach(http, 0, refused + 1, hostile.name(),
                        Math.min(System.nanoTime() + PER_FILE.toNanos(), deadline));
                if (reload == null) {
                    softly.assertThat(marker).as("%s: the payload ran, creating %s", hostile.name(), marker).doesNotExist();
                    softly.fail("no refused reload was seen in /health after adding %s: the watcher hung or stopped, or the %s s"
                            + " budget ran out; the files after it were not tried", hostile.name(), BUDGET.toSeconds());
                    heard = false;
                    break;
                }
                refused = reload.path("rejected").asLong();
                softly.assertThat(reload.path("loaded").asLong()).as("reloads loaded after %s", hostile.name()).isZero();
                JsonNode last = reload.path("lastAttempt");
                softly.assertThat(last.path("result").asText()).as("the last attempt after %s", hostile.name()).isEqualTo("rejected");
                softly.assertThat(last.path("problems")).as("the problems /health gives for %s", hostile.name())
                        .anySatisfy(problem -> assertThat(problem.asText()).contains(hostile.name())
                                .contains(HostileFiles.PROFILE + hostile.expect()));
                // Anyone may read /health: it names the file, line and kind of problem, never the rule text or a path.
                softly.assertThat(reload.toString()).as("/health after %s", hostile.name()).doesNotContain(marker.toString())
                        .doesNotContain(rules.toString());
                HttpResponse<String> decision = http.postJson("/v1/decisions", HostileFiles.NEWSROOM_REQUEST);
                softly.assertThat(decision.statusCode()).as("deciding after %s: %s", hostile.name(), decision.body()).isEqualTo(200);
                softly.assertThat(decision.headers().firstValue(DecisionServer.RULE_SET_HEADER)).as("deciding after %s", hostile.name())
                        .contains(good);
                softly.assertThat(Http.json(decision).path("outcome").asText()).as("deciding after %s", hostile.name()).isEqualTo("PERMIT");
                // After deciding too: were the file served, its consequences would have run by now.
                softly.assertThat(marker).as("%s: the payload ran, creating %s", hostile.name(), marker).doesNotExist();
            }
            // /metrics counts the same refusals as /health (at least one a file; a busy watcher may make two of one file).
            refused = Http.json(http.get("/health")).path("reload").path("rejected").asLong();
            softly.assertThat(refused).isGreaterThanOrEqualTo(HostileFiles.corpus().size());
            softly.assertThat(http.get("/metrics").body()).contains("channel_policy_rule_set_reloads_total{result=\"rejected\"} "
                    + refused + ".0");

            // The watcher still works: with the last hostile file gone and the version raised, the edit loads.
            if (!heard) {
                softly.assertAll();
            }
            if (previous != null) {
                Files.delete(previous);
            }
            Path manifest = rules.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"version\": \"0.1.0\"", "\"version\": \"0.1.1-after-hostile\""));
            JsonNode after = reloadsReach(http, 1, refused, System.nanoTime() + PER_FILE.toNanos());
            softly.assertThat(after).as("a reload that loads after the hostile files").isNotNull();
            if (after != null) {
                softly.assertThat(after.path("lastAttempt").path("result").asText()).isEqualTo("loaded");
                softly.assertThat(http.get("/health").headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString()
                        .startsWith("newsroom 0.1.1-after-hostile ");
            }
        }
        softly.assertAll();
    }
}
