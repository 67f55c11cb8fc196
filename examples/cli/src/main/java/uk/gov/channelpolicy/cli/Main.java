package uk.gov.channelpolicy.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code channel-policy} command: its options, and the one place its subcommands are registered.
 *
 * <pre>{@code
 * java -jar channel-policy.jar evaluate request.json
 * java -jar channel-policy.jar evaluate --jsonl requests.jsonl > decisions.jsonl
 * java -jar channel-policy.jar demo
 * java -jar channel-policy.jar explain request.json
 * java -jar channel-policy.jar validate rules/dh && java -jar channel-policy.jar test --rules rules/dh --min-coverage 90
 * java -jar channel-policy.jar diff --base dh --rules rules/my-fork
 * }</pre>
 */
@Command(name = ProblemPrinter.PROGRAM,
        mixinStandardHelpOptions = true,
        versionProvider = VersionText.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"May this person do this with this content on this social-media channel, and why? "
                + "Decides requests against a rule set of a department's social-media guidance, explains the answers, "
                + "and helps policy writers validate, test, seal, compare and check rule sets."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done; for evaluate, every request was decided (whatever the outcome)",
            "1:an input could not be read",
            "2:a request was invalid, or a usage error",
            "3:the rule set could not be loaded",
            "4:an internal error (a bug)",
            "5:validate: the rule set has errors or warnings",
            "6:diff: differences found",
            "7:check: an invariant is broken",
            "8:test: a scenario failed, coverage is under --min-coverage, or a fork does not conform"},
        footer = {"", "Run '" + ProblemPrinter.PROGRAM + " help COMMAND' for a command's options."})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private Main() {
    }

    /**
     * The command line with every subcommand, ready to {@link CommandLine#execute execute}. Output
     * and errors go where {@link CommandLine#setOut}/{@link CommandLine#setErr} say (stdout and
     * stderr unless changed).
     *
     * @param stdin what a file named {@code -} reads
     * @return the command line
     */
    public static CommandLine commandLine(InputStream stdin) {
        return commandLine(stdin, null);
    }

    private static CommandLine commandLine(InputStream stdin, java.io.PrintStream stdout) {
        Input input = new Input(stdin);
        CommandLine commandLine = new CommandLine(new Main());
        // New subcommands are added here; each is its own class and mixes in RuleSetOption if it loads a rule set.
        commandLine.addSubcommand(new EvaluateCommand(input, stdout));
        commandLine.addSubcommand(new ExplainCommand(input));
        commandLine.addSubcommand(new DemoCommand());
        commandLine.addSubcommand(new ValidateCommand());
        commandLine.addSubcommand(new TestCommand());
        commandLine.addSubcommand(new CatalogueCommand());
        commandLine.addSubcommand(new SealCommand());
        commandLine.addSubcommand(new DiffCommand());
        commandLine.addSubcommand(new CheckCommand());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    /**
     * Runs the program and exits with its {@link ExitStatus}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // A batch started with the JVM's default heap runs again with a bounded one (see BoundedHeap).
        java.util.Optional<Integer> bounded = BoundedHeap.run(args);
        if (bounded.isPresent()) {
            System.exit(bounded.get());
        }
        CommandLine commandLine = commandLine(System.in, System.out);
        // UTF-8 whatever the locale: decisions quote the guidance, which is not all ASCII.
        // Given the PrintStream itself, PrintWriter.checkError() sees a closed pipe, so --jsonl can stop.
        commandLine.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        System.exit(commandLine.execute(args));
    }

    /**
     * Runs when no subcommand is given: that is a usage error.
     *
     * @return never returns normally
     * @throws ParameterException always, so picocli prints the usage and exits with status 2
     */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList()) + " or help");
    }
}
