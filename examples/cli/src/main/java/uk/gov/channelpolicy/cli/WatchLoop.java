package uk.gov.channelpolicy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.load.RuleSetWatcher;

/**
 * {@code --watch} for the authoring commands: run once, then again each time a file of the rule-set
 * directory (scenario folders included) is saved, until the process is stopped. A save that breaks the
 * rule set shows its problems and the watch goes on.
 */
final class WatchLoop {
    /** How long the files must be quiet after a save: an editor's multi-file save is one run. */
    static final Duration DEBOUNCE = Duration.ofMillis(50);

    private WatchLoop() {
    }

    /**
     * Runs the command once, and with {@code watch}, again after every save until interrupted.
     *
     * @param spec the command, for its output and usage errors
     * @param watch whether {@code --watch} was given
     * @param directory the rule-set directory, or null for the built-in rule set
     * @param once one run of the command, giving its exit status
     * @return the status of the first run (a watch ends only when stopped)
     */
    static int run(CommandSpec spec, boolean watch, Path directory, IntSupplier once) {
        if (watch && directory == null) {
            throw new ParameterException(spec.commandLine(), "--watch needs a rule-set directory (DIR or --rules DIR):"
                    + " the built-in rule set does not change");
        }
        if (!watch) {
            return once.getAsInt();
        }
        PrintWriter out = spec.commandLine().getOut();
        ProblemPrinter printer = new ProblemPrinter(spec.commandLine().getErr());
        int status;
        try {
            status = once.getAsInt();
        } catch (RuleSetException e) {
            // A rule set broken before the watch begins is shown like one broken by a save, and watched for the fix.
            printer.problems(e.getMessage(), e.problems());
            status = ExitStatus.RULE_SET_PROBLEM;
        }
        try (RuleSetWatcher watcher = RuleSetWatcher.watch(directory, DEBOUNCE, () -> {
            out.println();
            out.println("--- " + directory + " changed");
            out.flush();
            try {
                once.getAsInt();
            } catch (RuleSetException e) {
                printer.problems(e.getMessage(), e.problems());
            } catch (RuntimeException e) {
                printer.message("the run after the save failed: " + e.getMessage());
            }
            out.println("(watching " + directory + " for saves; stop with Ctrl-C)");
            out.flush();
        })) {
            // Said only once the directory is watched, so a save after this line is never missed.
            out.println("(watching " + directory + " for saves; stop with Ctrl-C)");
            out.flush();
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }
}
