package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.tools.Catalogue;
import uk.gov.channelpolicy.tools.Validation;

/** The DH rule set validates clean, and its checked-in catalogue is current. */
class DhCatalogueTest {
    static final Path MARKDOWN = Path.of("../docs/catalogue-dh.md");
    static final Path JSON = Path.of("../docs/catalogue-dh.json");

    private final ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();

    @Test
    void theDhRuleSetValidatesClean() {
        Validation validation = Validation.of(policy.ruleSet());

        assertThat(validation.diagnostics()).extracting(d -> d.describe()).isEmpty();
    }

    @Test
    void theDirectoryFormOfTheDhRuleSetValidatesCleanAndMatchesTheJar() {
        Validation validation = Validation.ofDirectory(DhRuleFiles.DIRECTORY);

        assertThat(validation.diagnostics()).extracting(d -> d.describe()).isEmpty();
        assertThat(validation.ruleSet()).isEqualTo(policy.ruleSet().identity());
    }

    @Test
    void docsCatalogueIsGeneratedFromTheRulesAndIsCurrent() throws IOException {
        Catalogue catalogue = Catalogue.of(policy.ruleSet());
        if (Boolean.getBoolean("channelpolicy.writeDocs")) {
            Files.writeString(MARKDOWN, catalogue.toMarkdown());
            Files.writeString(JSON, catalogue.toJson());
        }

        assertThat(Files.readString(MARKDOWN)).as("docs/catalogue-dh.md is out of date; rerun with -Dchannelpolicy.writeDocs=true")
                .isEqualTo(catalogue.toMarkdown());
        assertThat(Files.readString(JSON)).as("docs/catalogue-dh.json is out of date; rerun with -Dchannelpolicy.writeDocs=true")
                .isEqualTo(catalogue.toJson());
    }
}
