package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CatalogueCommandTest {

    @Test
    void catalogue_printsAMarkdownTablePerAreaWithQuotesAndWhereEachRuleIsWritten() {
        CliRun run = CliRun.run("catalogue");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.out())
                .startsWith("# Rule catalogue: dh 2.0.0\n")
                .contains("\n## partisan\n")
                .containsPattern("\\| `dh\\.ministers\\.no-official-help-with-party-political` \\| DENY \\| deny \\| .*"
                        + "\"DH officials cannot assist in the use of the channel for personal or party political content\\.\" \\| "
                        + "partisan-limits\\.drl:\\d+ \\|")
                .contains("| `dh.partisan.civil-servants` (i) |")
                .contains("\n## Interpretations\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void catalogue_writesEveryRuleAsJson() throws IOException {
        CliRun run = CliRun.run("catalogue", "--format", "json");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        JsonNode catalogue = new ObjectMapper().readTree(run.out());
        assertThat(catalogue.path("ruleSet").path("id").asText()).isEqualTo("dh");
        assertThat(catalogue.path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("id").asText()).isEqualTo("dh.partisan.civil-servants");
            assertThat(rule.path("area").asText()).isEqualTo("partisan");
            assertThat(rule.path("interpretation").asBoolean()).isTrue();
            assertThat(rule.path("file").asText()).isEqualTo("classification.drl");
            assertThat(rule.path("citation").path("quote").asText())
                    .isEqualTo("ensuring that civil service resources are not used for partisan purposes");
        });
    }

    @Test
    void catalogue_isAUsageErrorForAFormatItDoesNotWrite() {
        CliRun run = CliRun.run("catalogue", "--format", "text");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.err()).contains("Invalid value for option '--format': 'text' (expected markdown or json)");
        assertThat(run.out()).isEmpty();
    }
}
