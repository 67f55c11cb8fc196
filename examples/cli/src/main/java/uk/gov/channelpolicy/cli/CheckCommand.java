package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.tools.InvariantCheck;

/**
 * {@code channel-policy check}: checks the invariants a rule set's manifest declares (and, for a
 * fork, its base's) against every request of its vocabulary's finite domain, and prints a
 * counterexample for each that is broken.
 */
@Command(name = "check",
        description = {
            "Check the manifest's invariants against every request the vocabulary can express.",
            "Check the rule set's invariants exhaustively: every request its vocabulary can express is decided, and each "
                    + "invariant declared in its manifest (a fork's base's too) must hold for every request it selects.",
            "A broken invariant is printed with why and the first request that breaks it."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every invariant holds",
            "2:a usage error",
            "3:the rule set could not be loaded",
            "7:an invariant is broken; each is printed with a counterexample"})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (the default) or json.")
    private String format;

    /** Creates the command. */
    public CheckCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK} when every invariant holds, else {@link ExitStatus#INVARIANT_BROKEN}
     * @throws uk.gov.channelpolicy.RuleSetException if the rule set cannot be loaded
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        try (ChannelPolicy policy = rules.loadToSweep()) {
            InvariantCheck check = InvariantCheck.run(policy);
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                out.print(ReportJson.pretty(json(policy, check)));
            } else {
                text(policy, check, out);
            }
            out.flush();
            return check.holds() ? ExitStatus.OK : ExitStatus.INVARIANT_BROKEN;
        }
    }

    private static void text(ChannelPolicy policy, InvariantCheck check, PrintWriter out) {
        RuleSetIdentity identity = check.ruleSet();
        int count = check.results().size();
        out.println("Rule set " + identity.id() + " " + identity.version() + ": " + count + (count == 1 ? " invariant" : " invariants")
                + " checked over all " + check.domainSize() + " requests of its domain");
        if (count == 0) {
            out.println("No invariants are declared: add them under \"invariants\" in manifest.json.");
            return;
        }
        PolicyJson json = policy.json();
        long broken = 0;
        for (InvariantCheck.Result result : check.results()) {
            out.println();
            if (result.holds()) {
                out.println(result.invariant().id() + ": holds (selected " + result.selected() + ")");
                out.println("  " + result.invariant().description());
            } else {
                broken++;
                out.println(result.invariant().id() + ": BROKEN: " + result.why() + " (" + result.violations() + " of "
                        + result.selected() + " selected requests)");
                out.println("  " + result.invariant().description());
                out.println("  counterexample: " + json.write(result.example()));
                out.println("  decided: " + result.decision().outcome() + (result.decision().reasons().isEmpty() ? " by no rule"
                        : " by " + String.join(", ", result.decision().ruleIds())) + "; codes " + result.decision().codes());
            }
        }
        out.println();
        out.println(broken == 0 ? (count == 1 ? "The invariant holds." : "All " + count + " invariants hold.")
                : broken + " of " + count + (count == 1 ? " invariant" : " invariants") + " BROKEN.");
    }

    private static ObjectNode json(ChannelPolicy policy, InvariantCheck check) {
        ObjectNode root = ReportJson.object();
        root.set("ruleSet", ReportJson.identity(check.ruleSet()));
        root.put("domainSize", check.domainSize());
        root.put("holds", check.holds());
        ArrayNode invariants = root.putArray("invariants");
        for (InvariantCheck.Result result : check.results()) {
            ObjectNode item = invariants.addObject();
            item.put("id", result.invariant().id());
            item.put("description", result.invariant().description());
            item.put("holds", result.holds());
            item.put("selected", result.selected());
            item.put("violations", result.violations());
            if (!result.holds()) {
                item.put("why", result.why());
                item.set("counterexample", ReportJson.request(policy, result.example()));
                item.set("decision", ReportJson.decision(policy, result.decision()));
            }
        }
        return root;
    }
}
