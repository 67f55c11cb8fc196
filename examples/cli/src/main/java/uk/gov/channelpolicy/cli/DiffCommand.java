package uk.gov.channelpolicy.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.tools.RuleSetDiff;

/**
 * {@code channel-policy diff}: every request of the finite domain that a rule set decides differently
 * from a base rule set on the classpath, grouped into readable summaries. For a forking department,
 * before it ships; and for a policy writer, to see everything an edit changes.
 */
@Command(name = "diff",
        description = {
            "List every request a rule set decides differently from a base rule set.",
            "Compare a rule set with a base rule set on the classpath over every request of the compared rule set's "
                    + "vocabulary (each role, channel type, owner, action and set of content), and print the requests whose "
                    + "outcome or codes differ, grouped: role · action · channel type: BASE -> OTHER for N requests, by which rules.",
            "The compared rule set is --rules DIR, or the built-in one. --format json lists every differing request."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the two rule sets decide every request alike",
            "2:a usage error",
            "3:a rule set could not be loaded (the base must be on the classpath)",
            "6:differences found, each group printed"})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Option(names = "--base", paramLabel = "ID", required = true,
            description = "The id of the rule set to compare against, on the classpath, e.g. " + RuleSetOption.BUILT_IN + ".")
    private String base;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (the default) or json.")
    private String format;

    /** Creates the command. */
    public DiffCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK} when the rule sets decide alike, else {@link ExitStatus#DIFFERENCES_FOUND}
     * @throws uk.gov.channelpolicy.RuleSetException if either rule set cannot be loaded
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        RuleSetDiff diff;
        double seconds;
        try (ChannelPolicy other = rules.loadToSweep();
                // The built-in rule set against itself needs loading once: a policy is immutable and thread-safe.
                ChannelPolicy basePolicy = rules.directory() == null && base.equals(RuleSetOption.BUILT_IN) ? other
                        : ChannelPolicy.builder().ruleSet(base).decisionCache(RuleSetOption.SWEEP_DECISION_CACHE)
                                .decisionTableBeforeServing().build()) {
            long start = System.nanoTime();
            diff = RuleSetDiff.between(basePolicy, other);
            seconds = (System.nanoTime() - start) / 1e9;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.print(ReportJson.pretty(ReportJson.parse(diff.toJson())));
        } else {
            text(diff, seconds, out);
        }
        out.flush();
        return diff.same() ? ExitStatus.OK : ExitStatus.DIFFERENCES_FOUND;
    }

    private void text(RuleSetDiff diff, double seconds, PrintWriter out) {
        out.println("Base:     " + name(diff.base()));
        out.println("Compared: " + name(diff.other()) + (rules.directory() == null ? " (built in)" : " (" + rules.directory() + ")"));
        out.println("Domain:   " + diff.domainSize() + " requests, every one decided by both"
                + String.format(java.util.Locale.ROOT, " (in %.1f s)", seconds));
        if (diff.same()) {
            out.println("Differ:   none: both decide every request alike (outcome and codes).");
            return;
        }
        int groups = diff.groups().size();
        out.println("Differ:   " + diff.differences().size() + (diff.differences().size() == 1 ? " request" : " requests") + ", in "
                + groups + (groups == 1 ? " group" : " groups") + " (role · action · channel type: base -> compared)");
        out.println();
        for (RuleSetDiff.Group group : diff.groups()) {
            out.println("  " + group.summary());
        }
    }

    private static String name(RuleSetIdentity identity) {
        return identity.id() + " " + identity.version() + " " + identity.digest();
    }
}
