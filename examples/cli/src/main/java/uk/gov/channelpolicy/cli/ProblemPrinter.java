package uk.gov.channelpolicy.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Problem;

/**
 * Writes what went wrong on stderr for a person to read: a heading, then one problem per line with
 * its path, position, message, allowed values and suggestion. Never a stack trace: these are mistakes
 * in the input, not in the program.
 */
public final class ProblemPrinter {
    /** The program's name, at the start of every message, as Unix tools do. */
    public static final String PROGRAM = "channel-policy";

    private final PrintWriter err;

    /**
     * Creates a printer.
     *
     * @param err where to write, the command line's error stream
     */
    public ProblemPrinter(PrintWriter err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Prints a heading and each problem on its own indented line.
     *
     * @param heading what could not be done, e.g. {@code invalid request in request.json}
     * @param problems the problems
     */
    public void problems(String heading, List<Problem> problems) {
        err.println(PROGRAM + ": " + heading + " (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)") + ":");
        for (Problem problem : problems) {
            err.println("  " + problem.describe());
        }
        err.flush();
    }

    /**
     * Prints one message line.
     *
     * @param message the message, without the program's name
     */
    public void message(String message) {
        err.println(PROGRAM + ": " + message);
        err.flush();
    }
}
