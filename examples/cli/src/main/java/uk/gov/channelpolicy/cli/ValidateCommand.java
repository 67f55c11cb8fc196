package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.tools.Diagnostic.Severity;
import uk.gov.channelpolicy.tools.Diagnostic;
import uk.gov.channelpolicy.tools.Validation;

/**
 * {@code channel-policy validate}: compiles a rule set and lints it, and prints every error and
 * warning compiler-style, {@code file:line:column: error: message}, so an editor can jump to it.
 */
@Command(name = "validate",
        description = {
            "Compile and lint a rule set; print its errors and warnings compiler-style.",
            "Compile a rule set and lint it; print every error and warning as file:line:column: error|warning: message, then a summary.",
            "Checks: the rule text is inside the policy profile (checked before anything compiles); it compiles; every rule has @id, @description, @citation and a verbatim @quote; ids are unique; "
                    + "every id a rule spells out is in the "
                    + "manifest's vocabulary, and every vocabulary id is used by some rule.",
            "A sealed rule set whose files were edited is checked all the same, with the broken seal as a warning (every serving"
                    + " command refuses it until it is resealed); --ignore-file-digests leaves the seal out.",
            "With --watch, it runs again each time a file of the rule set is saved."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the rule set is clean: no error and no warning",
            "2:a usage error",
            "5:validation found errors or warnings, each printed"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (compiler-style lines and a summary; the default) or json.")
    private String format;

    @Option(names = "--watch", description = "After the first run, validate again each time a file of DIR is saved; stop with Ctrl-C.")
    private boolean watch;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The rule-set directory to validate, as --rules DIR. Without either, the built-in rule set.")
    private Path directoryParameter;

    /** Creates the command. */
    public ValidateCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK} when clean, else {@link ExitStatus#VALIDATION_PROBLEMS}
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        Path directory = directory();
        return WatchLoop.run(spec, watch, directory, () -> validateOnce(output, directory));
    }

    private int validateOnce(OutputFormat output, Path directory) {
        Validation validation = validate(directory);
        List<Diagnostic> diagnostics = validation.diagnostics().stream().map(d -> located(d, directory)).toList();
        String name = validation.ruleSet() != null ? validation.ruleSet().id() + " " + validation.ruleSet().version()
                : directory != null ? directory.toString() : "built-in rule set " + RuleSetOption.BUILT_IN;

        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.print(ReportJson.pretty(json(validation, diagnostics)));
        } else {
            diagnostics.forEach(d -> out.println(d.describe()));
            out.println(name + ": " + summary(validation));
            if (FailureHandler.isBrokenSeal(validation.diagnostics().stream().map(Diagnostic::problem).toList())) {
                out.println("(" + FailureHandler.SEAL_HINT + ")");
            }
        }
        out.flush();
        return validation.clean() ? ExitStatus.OK : ExitStatus.VALIDATION_PROBLEMS;
    }

    /** The directory from DIR or --rules; giving both is a mistake unless they agree. */
    private Path directory() {
        if (directoryParameter != null && rules.directory() != null && !directoryParameter.equals(rules.directory())) {
            throw new ParameterException(spec.commandLine(), "Give the rule-set directory once: as DIR or as --rules DIR, not both");
        }
        return directoryParameter != null ? directoryParameter : rules.directory();
    }

    private Validation validate(Path directory) {
        if (directory == null) {
            return Validation.of(rules.loadRuleSet());
        }
        if (!rules.ignoresFileDigests()) {
            return Validation.ofDirectory(directory);
        }
        // Validation.ofDirectory always checks the seal; load it as --ignore-file-digests says, and report a failure the same way.
        try {
            return Validation.of(rules.loadRuleSet(directory));
        } catch (RuleSetException e) {
            return new Validation(null, e.problems().stream().map(p -> new Diagnostic(Severity.ERROR, p)).toList());
        }
    }

    /** A diagnostic naming a file of the directory names it by its path from here, so a terminal or editor can open it. */
    private static Diagnostic located(Diagnostic diagnostic, Path directory) {
        Problem problem = diagnostic.problem();
        if (directory == null || problem.path().isBlank() || !isFileIn(directory, problem.path())) {
            return diagnostic;
        }
        return new Diagnostic(diagnostic.severity(), new Problem(directory.resolve(problem.path()).toString(), problem.message(),
                problem.allowedValues(), problem.suggestion(), problem.line(), problem.column()));
    }

    private static boolean isFileIn(Path directory, String path) {
        try {
            return Files.isRegularFile(directory.resolve(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String summary(Validation validation) {
        if (validation.clean()) {
            return "clean";
        }
        long errors = validation.count(Severity.ERROR);
        long warnings = validation.count(Severity.WARNING);
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings")
                + (validation.ruleSet() == null ? " (the rule set does not load)" : "");
    }

    private static ObjectNode json(Validation validation, List<Diagnostic> diagnostics) {
        ObjectNode root = ReportJson.object();
        root.set("ruleSet", ReportJson.identity(validation.ruleSet()));
        root.put("clean", validation.clean());
        root.put("errors", validation.count(Severity.ERROR));
        root.put("warnings", validation.count(Severity.WARNING));
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic diagnostic : diagnostics) {
            Problem problem = diagnostic.problem();
            ObjectNode item = list.addObject();
            item.put("severity", diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT));
            item.put("path", problem.path());
            if (problem.line() > 0) {
                item.put("line", problem.line());
            } else {
                item.putNull("line");
            }
            if (problem.column() > 0) {
                item.put("column", problem.column());
            } else {
                item.putNull("column");
            }
            item.put("message", problem.message());
            item.set("allowedValues", ReportJson.strings(problem.allowedValues()));
            item.put("suggestion", problem.suggestion());
        }
        return root;
    }
}
