package uk.gov.channelpolicy.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.tools.Diagnostic.Severity;

class ValidationTest {
    @TempDir
    Path directory;

    @Test
    void validate_warnsAboutEveryVocabularyIdNoRuleUses() {
        Validation validation = Validation.ofDirectory(Newsroom.DIRECTORY);

        assertThat(validation.ruleSet()).isNotNull();
        assertThat(validation.count(Severity.ERROR)).isZero();
        assertThat(validation.diagnostics()).extracting(d -> d.problem().message()).containsExactlyInAnyOrder(
                "content id \"news\" is not used by any rule: remove it, or write the rule that needs it",
                "codes id \"unused-code\" is not used by any rule: remove it, or write the rule that needs it",
                "capacities id \"official\" is not used by any rule: remove it, or write the rule that needs it");
        assertThat(validation.clean()).isFalse();
    }

    @Test
    void validate_reportsAnIdMissingFromTheVocabularyWithItsLineAndASuggestion() throws IOException {
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl).replace("content contains \"opinion\"", "content contains \"opinon\""));

        Diagnostic error = Validation.ofDirectory(directory).diagnostics().get(0);

        assertThat(error.severity()).isEqualTo(Severity.ERROR);
        assertThat(error.problem().path()).isEqualTo("newsroom.drl");
        assertThat(error.problem().line()).isEqualTo(Newsroom.lineOf("content contains \"opinion\""));
        assertThat(error.problem().suggestion()).isEqualTo("opinion");
        assertThat(error.describe()).startsWith("newsroom.drl:" + error.problem().line() + ": error: rule \"No opinion on the newsroom account\""
                + " uses \"opinon\"");
    }

    @Test
    void validate_reportsCompileErrorsWithFileAndLine() throws IOException {
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl).replace("Request( actorRole == \"editor\", action == \"post\" )", "Request( actorRole == )"));

        Validation validation = Validation.ofDirectory(directory);

        assertThat(validation.ruleSet()).isNull();
        assertThat(validation.diagnostics()).first().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.describe()).startsWith("newsroom.drl:" + Newsroom.lineOf("Request( actorRole == \"editor\", action == \"post\" )"));
        });
    }

    @Test
    void catalogue_listsEachRuleWithItsEffectAndWhereItIsWritten() {
        Catalogue catalogue = Catalogue.of(Newsroom.policy().ruleSet());

        Catalogue.Entry noOpinion = catalogue.entries().stream().filter(e -> e.rule().id().equals("newsroom.posting.no-opinion")).findFirst().orElseThrow();
        assertThat(noOpinion.effect()).isEqualTo("DENY");
        assertThat(noOpinion.area()).isEqualTo("posting");
        assertThat(noOpinion.file()).isEqualTo("newsroom.drl");
        assertThat(noOpinion.line()).isEqualTo(Newsroom.lineOf("rule \"No opinion on the newsroom account\""));
        assertThat(catalogue.entries()).filteredOn(e -> e.rule().id().equals("newsroom.channels.unowned"))
                .singleElement().satisfies(e -> assertThat(e.reports()).containsExactly("channel-type"));
        assertThat(catalogue.toMarkdown()).contains("| `newsroom.posting.no-opinion` (i) | DENY | deny |")
                .contains("## Interpretations");
        assertThat(catalogue.toJson()).contains("\"id\" : \"newsroom.posting.editors-post\"").contains("\"effect\" : \"PERMIT\"");
    }
}
