package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.HostileFiles.Hostile;
import uk.gov.channelpolicy.HostileFiles;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Rule files are untrusted: Drools runs parts of a DRL file while compiling it. Each hostile file in
 * the corpus, added to the newsroom rule set, must be refused by the policy profile before anything
 * compiles, naming the file, the construct and a line, and its payload must never run.
 */
class HostileRuleFilesTest {
    /** Far longer than refusing a file takes; a load that hangs fails here instead of blocking the build. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void corpus_hasAtLeast45FilesThatEachSayWhatTheyTryAndWhatRefusesThem() {
        assertThat(HostileFiles.corpus()).hasSizeGreaterThanOrEqualTo(45).allSatisfy(hostile -> {
            assertThat(hostile.trick()).as("%s: first line %s...", hostile.name(), HostileFiles.TRICK).isNotBlank();
            assertThat(hostile.expect()).as("%s: second line %s<construct>", hostile.name(), HostileFiles.EXPECT)
                    .isIn(HostileFiles.CONSTRUCTS);
            assertThat(hostile.name()).matches("\\d\\d-[a-z0-9-]+\\.drl(\\.csv)?");
        });
    }

    @TestFactory
    Stream<DynamicTest> load_refusesEachHostileFileBeforeItsPayloadRuns() {
        return HostileFiles.corpus().stream()
                .map(hostile -> DynamicTest.dynamicTest(hostile.name(), hostile.file().toUri(), () -> refusesBeforeRunning(hostile)));
    }

    private void refusesBeforeRunning(Hostile hostile) throws Exception {
        Path work = Files.createDirectories(temp.resolve(hostile.name()));
        Path marker = work.resolve("marker");
        Path rules = HostileFiles.newsroomWith(hostile, work, marker);

        Throwable thrown = assertTimeoutPreemptively(LIMIT, () -> {
            try (ChannelPolicy loaded = ChannelPolicy.builder().ruleSetDirectory(rules).ignoreFileDigests().build()) {
                return null;
            } catch (Throwable e) {
                return e;
            }
        }, () -> "loading the rule set with " + hostile.name() + " hung for " + LIMIT.toSeconds() + " s");

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(marker).as("%s (%s): the payload ran, creating %s", hostile.name(), hostile.trick(), marker).doesNotExist();
        softly.assertThat(thrown).as("loading the rule set with %s", hostile.name()).isInstanceOf(RuleSetException.class);
        if (thrown instanceof RuleSetException refused) {
            softly.assertThat(refused.problems()).as("the problems refusing %s", hostile.name()).anySatisfy(problem -> {
                assertThat(problem.path()).contains(hostile.name());
                assertThat(problem.message()).startsWith(HostileFiles.PROFILE + hostile.expect());
                assertThat(problem.line()).isPositive();
            });
        }
        softly.assertAll();
    }
}
