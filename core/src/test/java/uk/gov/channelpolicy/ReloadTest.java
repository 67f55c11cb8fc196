package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: new versions swap in whole, broken edits never serve, old modules do not pile up. */
class ReloadTest {
    @TempDir
    Path directory;

    private static final String PERMIT_RULE = "Request( actorRole == \"editor\", action == \"post\" )";

    private void edit(String from, String to) throws IOException {
        Path drl = directory.resolve("newsroom.drl");
        String text = Files.readString(drl);
        assertThat(text).contains(from);
        Files.writeString(drl, text.replace(from, to));
    }

    private static PolicyRequest writerPosts() {
        return Newsroom.request("writer", "post", Channel.unattributed(), "news");
    }

    @Test
    void reload_servesTheEditedRulesFromTheNextEvaluation() throws IOException {
        Newsroom.copyTo(directory);
        try (ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build()) {
            RuleSetIdentity before = policy.ruleSet().identity();
            assertThat(policy.evaluate(writerPosts())).isNotApplicable();

            edit(PERMIT_RULE, "Request( action == \"post\" )");
            RuleSetIdentity after = policy.reload();

            assertThat(after.digest()).isNotEqualTo(before.digest());
            Decision decision = policy.evaluate(writerPosts());
            assertThat(decision).isPermitted().cites("newsroom.posting.editors-post");
            assertThat(decision.ruleSet()).isEqualTo(after);
        }
    }

    /** A version taken before a reload decides by its own rules, and reads and records as the policy does. */
    @Test
    void version_keepsDecidingByItsOwnRules_afterAReloadReplacesIt() throws IOException {
        Newsroom.copyTo(directory);
        java.util.List<Decision> recorded = new java.util.ArrayList<>();
        try (ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory)
                .decisionSink((request, decision) -> recorded.add(decision)).build()) {
            ChannelPolicy.Version before = policy.version();
            edit(PERMIT_RULE, "Request( action == \"post\" )");
            RuleSetIdentity after = policy.reload();

            Decision old = before.evaluate(writerPosts());
            Decision oldFromJson = before.evaluateJson(policy.json().write(writerPosts()));
            Decision oldUnrecorded = before.evaluateUnrecorded(writerPosts());
            Decision current = policy.version().evaluate(writerPosts());

            assertThat(before.ruleSet().identity()).isNotEqualTo(after);
            assertThat(before.vocabulary()).isSameAs(before.ruleSet().vocabulary());
            for (Decision decision : java.util.List.of(old, oldFromJson, oldUnrecorded)) {
                assertThat(decision).isNotApplicable();
                assertThat(decision.ruleSet()).isEqualTo(before.ruleSet().identity());
            }
            assertThat(current).isPermitted();
            assertThat(current.ruleSet()).isEqualTo(after);
            assertThat(recorded).containsExactly(old, oldFromJson, current);
        }
    }

    @Test
    void reload_keepsTheLastGoodVersionWhenAnEditBreaksTheRules() throws IOException {
        Newsroom.copyTo(directory);
        try (ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build()) {
            RuleSetIdentity good = policy.ruleSet().identity();
            edit(PERMIT_RULE, "Request( actorRole == )");

            assertThatThrownBy(policy::reload).isInstanceOf(RuleSetException.class)
                    .satisfies(e -> assertThat(((RuleSetException) e).problems().get(0).path()).isEqualTo("newsroom.drl"));
            assertThat(policy.ruleSet().identity()).isEqualTo(good);
            assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news")).ruleSet()).isEqualTo(good);
        }
    }

    @Test
    void reload_isRefusedForAClasspathRuleSet() {
        assertThatThrownBy(() -> ChannelPolicy.builder().ruleSet("nowhere").watch(Duration.ofMillis(10)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("watch(...) needs ruleSetDirectory");
    }

    @Test
    void watch_swapsInAnEditAndReportsABrokenOneToTheListener() throws Exception {
        Newsroom.copyTo(directory);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        RuleSetListener listener = new RuleSetListener() {
            @Override
            public void loaded(RuleSetIdentity previous, RuleSetIdentity current) {
                events.add("loaded " + current.digest());
            }

            @Override
            public void rejected(RuleSetIdentity serving, RuleSetException problems) {
                events.add("rejected " + problems.problems().get(0).path() + " line " + problems.problems().get(0).line());
            }
        };
        try (ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory)
                .watch(Duration.ofMillis(100)).listener(listener).build()) {
            edit(PERMIT_RULE, "Request( action == \"post\" )");
            String loaded = events.poll(30, TimeUnit.SECONDS);
            assertThat(loaded).as("a reload after the edit").startsWith("loaded sha256:");
            assertThat(policy.evaluate(writerPosts())).isPermitted();

            edit("Request( action == \"post\" )", "Request( action == )");
            String rejected = events.poll(30, TimeUnit.SECONDS);
            assertThat(rejected).isEqualTo("rejected newsroom.drl line " + Newsroom.lineOf(PERMIT_RULE));
            assertThat(policy.evaluate(writerPosts())).as("the last good version still serves").isPermitted();
        }
    }

    @Test
    void reload_twoHundredTimesLeavesNoModuleBehindAndNoHeapGrowth() throws IOException {
        Newsroom.copyTo(directory);
        try (ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build()) {
            org.kie.api.builder.KieRepository repository = org.kie.api.KieServices.Factory.get().getRepository();
            for (int i = 0; i < 20; i++) {
                policy.reload();
            }
            long warm = usedHeapAfterGc();
            for (int i = 0; i < 200; i++) {
                policy.reload();
                assertThat(repository.getKieModule(policy.ruleSet().compiledAs()))
                        .as("reload %d left its module in the KieRepository", i).isNull();
            }
            long after = usedHeapAfterGc();
            long growthPerReload = (after - warm) / 200;
            System.out.printf("200 reloads: used heap %d MiB -> %d MiB (%d bytes per reload)%n",
                    warm >> 20, after >> 20, growthPerReload);

            // A retained module holds its compiled kbase, classes and sources: hundreds of KiB each.
            assertThat(growthPerReload).as("bytes retained per reload").isLessThan(20_000);
            assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
