package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        assertThat(policy.ruleSet().manifest().files()).containsOnlyKeys("newsroom.drl", "newsroom-guidance.txt");
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
