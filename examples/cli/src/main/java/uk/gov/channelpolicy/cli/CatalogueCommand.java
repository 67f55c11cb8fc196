package uk.gov.channelpolicy.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.tools.Catalogue;

/**
 * {@code channel-policy catalogue}: the rule catalogue, every rule with its id, area, effect,
 * description, cited guidance, file and line, and which rules are interpretations; for reviewers.
 */
@Command(name = "catalogue",
        description = {
            "Print the rule catalogue, as Markdown or JSON.",
            "Print the rule catalogue: every rule with its id, area, effect, what it reports, description, the guidance it "
                    + "quotes and where it is written, then the rules that interpret guidance that is silent or ambiguous.",
            "Markdown by default (a table per area); --format json for a program."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the catalogue was printed",
            "2:a usage error",
            "3:the rule set could not be loaded"})
public final class CatalogueCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Option(names = "--format", paramLabel = "markdown|json", defaultValue = "markdown", description = "markdown (the default) or json.")
    private String format;

    /** Creates the command. */
    public CatalogueCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK}
     * @throws uk.gov.channelpolicy.RuleSetException if the rule set cannot be loaded
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.MARKDOWN, OutputFormat.JSON);
        Catalogue catalogue = Catalogue.of(rules.loadRuleSet());
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.JSON ? catalogue.toJson() : catalogue.toMarkdown());
        out.flush();
        return ExitStatus.OK;
    }
}
