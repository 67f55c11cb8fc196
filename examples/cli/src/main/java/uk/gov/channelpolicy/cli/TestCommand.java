package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Manifest;
import uk.gov.channelpolicy.tools.scenario.Conformance;
import uk.gov.channelpolicy.tools.scenario.Coverage;
import uk.gov.channelpolicy.tools.scenario.Mismatch;
import uk.gov.channelpolicy.tools.scenario.ScenarioResult;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/**
 * {@code channel-policy test}: runs a rule set's scenario files and reports each failure field by
 * field, then how much of the rule set and of the guidance it cites the scenarios exercise. For a
 * fork, {@code --conformance} also runs upstream's scenarios against it.
 */
@Command(name = "test",
        description = {
            "Run the rule set's scenario files; report failures and coverage.",
            "Run the rule set's scenarios (its scenarios/ folder, or --scenarios DIR): each file is a request and the decision "
                    + "it must get. Print each failure with expected and actual side by side, a PASS/FAIL count, then coverage: "
                    + "per rule, in how many scenarios it fired; per quoted piece of guidance, whether a scenario tests it.",
            "For a fork, --conformance also runs upstream's scenarios against it: each must pass unless the fork's manifest "
                    + "declares the difference intentional (intentionalDifferences); coverage then counts them too."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every scenario passed (and coverage and conformance, when asked for, are met)",
            "1:the --scenarios folder could not be read",
            "2:a usage error, e.g. --conformance for a rule set that is not a fork",
            "3:the rule set could not be loaded",
            "8:a scenario failed, there were none, rule coverage is under --min-coverage, or the fork does not conform"})
public final class TestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Run the .json scenario files under this folder instead of the rule set's own.")
    private Path scenarioFolder;

    @Option(names = "--min-coverage", paramLabel = "N",
            description = "Fail unless at least N%% of the rules (0 to 100) fire in some scenario.")
    private Integer minCoverage;

    @Option(names = "--conformance", description = "For a fork: also run upstream's scenarios against it and report conformance.")
    private boolean conformance;

    @Option(names = "--watch", description = "After the first run, load and test again each time a file of the rule set is saved; stop with Ctrl-C.")
    private boolean watch;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (the default) or json.")
    private String format;

    /** Creates the command. */
    public TestCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK} when everything passed, else {@link ExitStatus#TESTS_FAILED}
     * @throws UnreadableInputException if the scenario folder cannot be read
     * @throws uk.gov.channelpolicy.RuleSetException if the rule set cannot be loaded
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 100)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--min-coverage': " + minCoverage
                    + " (expected a percentage from 0 to 100)");
        }
        return WatchLoop.run(spec, watch, rules.directory(), () -> testOnce(output));
    }

    private int testOnce(OutputFormat output) {
        try (ChannelPolicy policy = rules.loadForAuthoring(spec.commandLine().getErr())) {
            return testOnce(policy, output);
        }
    }

    private int testOnce(ChannelPolicy policy, OutputFormat output) {
        if (conformance && policy.ruleSet().baseManifest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--conformance is for a fork, and rule set " + policy.ruleSet().identity().id()
                    + " extends no other rule set (no \"extends\" in its manifest)");
        }
        List<ScenarioResult> results = run(policy);
        Conformance upstream = conformance ? Conformance.check(policy) : null;
        List<ScenarioResult> all = new ArrayList<>(results);
        if (upstream != null) {
            all.addAll(upstream.passed());
            all.addAll(upstream.intentional().keySet());
            all.addAll(upstream.undeclared());
        }
        Coverage coverage = Coverage.of(policy.ruleSet(), all);
        List<String> failures = failures(results, coverage, upstream);

        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.print(ReportJson.pretty(json(policy, results, coverage, upstream, failures)));
        } else {
            text(policy, results, coverage, upstream, failures, out);
        }
        out.flush();
        return failures.isEmpty() ? ExitStatus.OK : ExitStatus.TESTS_FAILED;
    }

    private List<ScenarioResult> run(ChannelPolicy policy) {
        if (scenarioFolder == null) {
            return Scenarios.run(policy);
        }
        if (!Files.isDirectory(scenarioFolder)) {
            throw new UnreadableInputException(scenarioFolder.toString(),
                    Files.exists(scenarioFolder) ? "it is not a folder of scenario files" : "no such folder", null);
        }
        try {
            return Scenarios.run(policy, scenarioFolder);
        } catch (IOException e) {
            throw Input.unreadable(scenarioFolder.toString(), e);
        }
    }

    private String source(ChannelPolicy policy) {
        return scenarioFolder != null ? scenarioFolder.toString()
                : rules.directory() != null ? rules.directory().resolve("scenarios").toString()
                : "classpath:rulesets/" + policy.ruleSet().identity().id() + "/scenarios";
    }

    private List<String> failures(List<ScenarioResult> results, Coverage coverage, Conformance upstream) {
        List<String> failures = new ArrayList<>();
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (failed > 0) {
            failures.add(failed + (failed == 1 ? " scenario failed" : " scenarios failed"));
        }
        if (results.isEmpty() && upstream == null) {
            failures.add("there are no scenarios to run");
        }
        if (minCoverage != null && coverage.rulePercent() < minCoverage) {
            failures.add("rule coverage " + percent(coverage.rulePercent()) + " is below --min-coverage " + minCoverage + "%");
        }
        if (upstream != null && !upstream.conforms()) {
            int undeclared = upstream.undeclared().size();
            int stale = upstream.stale().size();
            failures.add("the fork does not conform to its base: " + undeclared + (undeclared == 1 ? " undeclared failure, " : " undeclared failures, ")
                    + stale + (stale == 1 ? " stale declaration" : " stale declarations"));
        }
        return failures;
    }

    private void text(ChannelPolicy policy, List<ScenarioResult> results, Coverage coverage, Conformance upstream, List<String> failures,
            PrintWriter out) {
        RuleSetIdentity identity = policy.ruleSet().identity();
        out.println("Rule set " + identity.id() + " " + identity.version() + ": " + (results.isEmpty() && scenarioFolder == null
                ? "no scenarios of its own (no .json files under " + source(policy) + ")"
                : results.size() + (results.size() == 1 ? " scenario" : " scenarios") + " from " + source(policy)));
        for (ScenarioResult result : results) {
            if (!result.passed()) {
                out.println();
                out.print(result.report());
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println();
        out.println("PASS " + (results.size() - failed) + ", FAIL " + failed + " (" + results.size()
                + (results.size() == 1 ? " scenario)" : " scenarios)"));

        if (upstream != null) {
            out.println();
            conformance(policy, upstream, out);
        }

        out.println();
        long fired = coverage.rules().stream().filter(r -> r.scenarios() > 0).count();
        out.println("Rule coverage: " + fired + " of " + coverage.rules().size() + " rules fired in some scenario ("
                + percent(coverage.rulePercent()) + ")" + (upstream == null ? "" : ", upstream's scenarios included"));
        int width = coverage.rules().stream().mapToInt(r -> r.rule().length()).max().orElse(0);
        for (Coverage.RuleCoverage rule : coverage.rules()) {
            out.println("  " + String.format("%-" + width + "s", rule.rule()) + "  " + (rule.scenarios() == 0 ? "NEVER FIRED"
                    : "fired in " + rule.scenarios() + (rule.scenarios() == 1 ? " scenario" : " scenarios")));
        }
        out.println();
        long tested = coverage.citations().stream().filter(Coverage.CitationCoverage::covered).count();
        out.println("Guidance coverage: " + tested + " of " + coverage.citations().size() + " quoted pieces of guidance tested ("
                + percent(coverage.citationPercent()) + ")");
        for (Coverage.CitationCoverage citation : coverage.citations()) {
            out.println("  " + (citation.covered() ? "covered      " : "NOT COVERED  ") + "\"" + citation.citation().quote() + "\"");
            out.println("               (" + citation.citation().section() + "; " + String.join(", ", citation.rules()) + ")");
        }
        out.println();
        out.println(failures.isEmpty() ? "OK" : "FAILED: " + String.join("; ", failures));
    }

    private static void conformance(ChannelPolicy policy, Conformance upstream, PrintWriter out) {
        Manifest base = policy.ruleSet().baseManifest().orElseThrow();
        String fork = policy.ruleSet().identity().id();
        int total = upstream.passed().size() + upstream.intentional().size() + upstream.undeclared().size();
        out.println("Conformance to " + base.id() + " " + base.version() + ": its " + total + " scenarios run against " + fork);
        out.println("  passed:      " + upstream.passed().size());
        out.println("  intentional: " + upstream.intentional().size() + " (failures the manifest declares, with why)");
        for (Map.Entry<ScenarioResult, String> declared : upstream.intentional().entrySet()) {
            out.println("    " + declared.getKey().name() + ": " + declared.getValue());
        }
        out.println("  undeclared:  " + upstream.undeclared().size() + (upstream.undeclared().isEmpty() ? ""
                : " (failures the manifest does not declare: fix the fork, or declare them under intentionalDifferences)"));
        for (ScenarioResult result : upstream.undeclared()) {
            result.report().lines().forEach(line -> out.println("    " + line));
        }
        out.println("  stale:       " + upstream.stale().size() + (upstream.stale().isEmpty() ? ""
                : " (declared intentional, but the scenario passes or does not exist: remove the declaration)"));
        for (String name : upstream.stale()) {
            out.println("    " + name);
        }
        out.println(upstream.conforms() ? fork + " conforms to " + base.id() + " " + base.version() + "."
                : fork + " does NOT conform to " + base.id() + " " + base.version() + ".");
    }

    private ObjectNode json(ChannelPolicy policy, List<ScenarioResult> results, Coverage coverage, Conformance upstream,
            List<String> failures) {
        ObjectNode root = ReportJson.object();
        root.set("ruleSet", ReportJson.identity(policy.ruleSet().identity()));
        root.put("source", source(policy));
        root.put("passed", failures.isEmpty());
        root.set("failures", ReportJson.strings(failures));
        long failed = results.stream().filter(r -> !r.passed()).count();
        ObjectNode counts = root.putObject("scenarios");
        counts.put("total", results.size());
        counts.put("passed", results.size() - failed);
        counts.put("failed", failed);
        ArrayNode list = root.putArray("results");
        results.forEach(result -> list.add(result(result)));

        ObjectNode cover = root.putObject("coverage");
        if (minCoverage != null) {
            cover.put("minimum", minCoverage);
        } else {
            cover.putNull("minimum");
        }
        cover.put("rulePercent", coverage.rulePercent());
        cover.put("citationPercent", coverage.citationPercent());
        ArrayNode ruleList = cover.putArray("rules");
        for (Coverage.RuleCoverage rule : coverage.rules()) {
            ObjectNode item = ruleList.addObject();
            item.put("rule", rule.rule());
            item.put("scenarios", rule.scenarios());
        }
        ArrayNode citationList = cover.putArray("citations");
        for (Coverage.CitationCoverage citation : coverage.citations()) {
            ObjectNode item = ReportJson.citation(citation.citation());
            item.set("rules", ReportJson.strings(citation.rules()));
            item.put("covered", citation.covered());
            citationList.add(item);
        }

        if (upstream == null) {
            root.putNull("conformance");
        } else {
            Manifest base = policy.ruleSet().baseManifest().orElseThrow();
            ObjectNode conform = root.putObject("conformance");
            conform.put("base", base.id() + " " + base.version());
            conform.put("conforms", upstream.conforms());
            conform.set("passed", ReportJson.strings(upstream.passed().stream().map(ScenarioResult::name).toList()));
            ArrayNode intentional = conform.putArray("intentional");
            upstream.intentional().forEach((result, reason) -> intentional.add(result(result).put("reason", reason)));
            ArrayNode undeclared = conform.putArray("undeclared");
            upstream.undeclared().forEach(result -> undeclared.add(result(result)));
            conform.set("stale", ReportJson.strings(upstream.stale()));
        }
        return root;
    }

    private static ObjectNode result(ScenarioResult result) {
        ObjectNode item = ReportJson.object();
        item.put("name", result.name());
        item.put("description", result.description());
        item.put("passed", result.passed());
        ArrayNode mismatches = item.putArray("mismatches");
        for (Mismatch mismatch : result.mismatches()) {
            ObjectNode one = mismatches.addObject();
            one.put("field", mismatch.field());
            one.put("expected", mismatch.expected());
            one.put("actual", mismatch.actual());
            one.put("explanation", mismatch.explanation());
        }
        return item;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
