package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.tools.Catalogue;
import uk.gov.channelpolicy.tools.Diagnostic;
import uk.gov.channelpolicy.tools.Validation;

/** Responsibilities as a CSV decision table a policy writer edits in a spreadsheet. */
class DecisionTableTest {
    @TempDir
    Path directory;

    private static final String TABLE = """
            RuleSet,rulesets.newsroom
            Import,uk.gov.channelpolicy.facts.Request

            RuleTable Whose work
            NAME,CONDITION,METADATA,METADATA,METADATA,METADATA,METADATA,METADATA
            ,Request,,,,,,
            ,"forall(||){action == ""$""}","effect(""$param"")","value(""$param"")","id(""$param"")","description(""$param"")","citation(""$param"")","quote(""$param"")"
            Rule,Actions,Effect,Responsible role,Id,Description,Cited section,Verbatim quote
            Posting is the editors' work,post,responsibility,%s,newsroom.roles.editors-post,Editors post on the newsroom account.,Posting,Editors post on the newsroom account.
            """;

    private void writeTable(String name, String role) throws IOException {
        Newsroom.copyTo(directory);
        Files.writeString(directory.resolve(name), TABLE.formatted(role));
    }

    @Test
    void aDrlCsvTableIsCompiledAndItsRowsAreRules() throws IOException {
        writeTable("responsibilities.drl.csv", "editor");

        ChannelPolicy policy = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build();
        Decision decision = policy.evaluate(Newsroom.request("writer", "post", Channel.unattributed(), "news"));

        assertThat(decision).hasResponsibility("editor");
        assertThat(Catalogue.of(policy.ruleSet()).entries()).filteredOn(e -> e.rule().id().equals("newsroom.roles.editors-post"))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).isEqualTo("responsibilities.drl.csv");
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.reports()).containsExactly("responsibility");
                });
    }

    @Test
    void aMisspeltRoleInATableIsReportedAtItsRow() throws IOException {
        writeTable("responsibilities.drl.csv", "editr");

        Diagnostic error = Validation.ofDirectory(directory).diagnostics().get(0);

        assertThat(error.describe()).startsWith("responsibilities.drl.csv:9: error: rule \"Posting is the editors' work\" uses \"editr\"");
        assertThat(error.problem().suggestion()).isEqualTo("editor");
    }

    @Test
    void aTableNotNamedDrlCsvIsRefusedRatherThanSilentlyIgnored() throws IOException {
        writeTable("responsibilities.csv", "editor");

        RuleSetException refused = catchThrowableOfType(RuleSetException.class,
                () -> ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build());

        assertThat(refused.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("must be a CSV file named *.drl.csv").contains("responsibilities.drl.csv"));
    }
}
