package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/** A sealed rule set refuses to load when a file changed or appeared after sealing. */
class SealTest {
    @TempDir
    Path directory;

    private RuleSetException loadFails(ChannelPolicy.Builder builder) {
        RuleSetException e = catchThrowableOfType(RuleSetException.class, builder::build);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void seal_recordsEveryFileSoASealedRuleSetLoads() {
        Newsroom.copyTo(directory);

        Seal.seal(directory);
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(directory).build();

        assertThat(policy.ruleSet().manifest().files()).containsOnlyKeys("manifest.json", "newsroom.drl", "newsroom-guidance.txt");
        assertThat(Seal.isSealed(directory, policy.ruleSet().manifest())).isTrue();
    }

    @Test
    void load_refusesASealedRuleSetWhoseRuleFileChanged() throws IOException {
        Newsroom.copyTo(directory);
        Seal.seal(directory);
        Path drl = directory.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl).replace("Keep it short.", "Keep it shorter."));

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory));

        assertThat(refused.problems()).extracting(Problem::path).containsExactly("newsroom.drl");
        assertThat(refused.problems().get(0).message()).contains("changed after the rule set was sealed");
        assertThat(ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests().build().ruleSet()).isNotNull();
    }

    @Test
    void load_refusesASealedRuleSetWhoseSealWasRemoved() throws IOException {
        Newsroom.copyTo(directory);
        Seal.seal(directory);
        Path manifest = directory.resolve("manifest.json");
        String sealed = Files.readString(manifest);
        Files.writeString(manifest, sealed.substring(0, sealed.indexOf(",\n  \"files\"")) + "\n}\n");
        Path drl = directory.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl).replace("Keep it short.", "Keep it shorter."));

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory));

        assertThat(refused.problems()).extracting(Problem::path).containsExactly("manifest.json");
        assertThat(refused.problems().get(0).message()).startsWith("is not sealed: a rule set that serves decisions records the"
                + " SHA-256 of its files");
        assertThat(ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests().build().ruleSet())
                .as("only an explicit opt-out loads it").isNotNull();
    }

    @Test
    void load_refusesASealedRuleSetWhoseManifestChanged() throws IOException {
        Newsroom.copyTo(directory);
        Seal.seal(directory);
        Path manifest = directory.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"label\": \"Editor\"", "\"label\": \"Chief editor\""));

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory));

        assertThat(refused.problems()).extracting(Problem::path).containsExactly("manifest.json");
        assertThat(refused.problems().get(0).message()).contains("changed after the rule set was sealed");
    }

    @Test
    void load_refusesASealedRuleSetWhoseScenarioChanged() throws IOException {
        Newsroom.copyTo(directory);
        Path scenario = Files.writeString(Files.createDirectories(directory.resolve("scenarios/posting")).resolve("case.json"), "[]");
        Seal.seal(directory);
        assertThat(ChannelPolicy.builder().ruleSetDirectory(directory).build().ruleSet().manifest().files())
                .containsKey("scenarios/posting/case.json");
        Files.writeString(scenario, "[ ]");

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory));

        assertThat(refused.problems()).extracting(Problem::path).containsExactly("scenarios/posting/case.json");
        assertThat(refused.problems().get(0).message()).contains("changed after the rule set was sealed");
    }

    @Test
    void load_refusesASymbolicLinkInTheRuleSetDirectory() throws IOException {
        Newsroom.copyTo(directory);
        Path outside = Files.writeString(directory.getParent().resolve("outside-" + directory.getFileName() + ".drl"), "secret");
        Files.createSymbolicLink(directory.resolve("linked.drl"), outside);

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests());

        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("linked.drl");
            assertThat(problem.message()).startsWith("is a symbolic link");
            assertThat(problem.message()).doesNotContain("secret");
        });
    }

    @Test
    void load_refusesAFileAddedAfterSealing() throws IOException {
        Newsroom.copyTo(directory);
        Seal.seal(directory);
        Files.writeString(directory.resolve("extra.drl"), "package rulesets.newsroom;\n");

        RuleSetException refused = loadFails(ChannelPolicy.builder().ruleSetDirectory(directory));

        assertThat(refused.problems()).extracting(Problem::path).containsExactly("extra.drl");
        assertThat(refused.problems().get(0).message()).contains("is not sealed");
    }

    @Test
    void seal_keepsTheRestOfTheManifest() throws IOException {
        Newsroom.copyTo(directory);

        Seal.seal(directory);
        String manifest = Files.readString(directory.resolve("manifest.json"));

        assertThat(manifest).contains("\"id\": \"newsroom\"").contains("\"capacities\"").contains("\"files\": {");
        assertThat(ChannelPolicy.builder().ruleSetDirectory(directory).build().vocabulary())
                .isEqualTo(Newsroom.policy().vocabulary());
    }
}
