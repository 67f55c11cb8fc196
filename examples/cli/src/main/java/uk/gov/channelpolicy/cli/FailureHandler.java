package uk.gov.channelpolicy.cli;

import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Turns what stops a command into a message on stderr and an {@link ExitStatus}, the same for every
 * subcommand. A user's mistake (a rule set that does not load, an unreadable file, an invalid
 * request) gets its problems and no stack trace; anything else is a bug and keeps its stack trace.
 */
public final class FailureHandler implements IExecutionExceptionHandler {
    /** What a policy writer can do about a sealed rule set they have edited, in this program's terms. */
    static final String SEAL_HINT = "the rule set is sealed and its files have changed: while editing, add --ignore-file-digests;"
            + " once the change is reviewed, reseal it with 'channel-policy seal DIR'";

    /** Creates the handler. */
    public FailureHandler() {
    }

    /**
     * Reports the failure.
     *
     * @param failure what the command threw
     * @param commandLine the command that threw it
     * @param parseResult the parsed command line
     * @return the exit status
     */
    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        ProblemPrinter printer = new ProblemPrinter(commandLine.getErr());
        if (failure instanceof RuleSetException e) {
            printer.problems(summary(e), e.problems());
            if (isBrokenSeal(e.problems())) {
                printer.message(SEAL_HINT);
            }
            return ExitStatus.RULE_SET_PROBLEM;
        }
        if (failure instanceof InvalidRequestException e) {
            printer.problems("invalid request", e.problems());
            return ExitStatus.INVALID;
        }
        if (failure instanceof UnreadableInputException e) {
            printer.message(e.getMessage());
            return ExitStatus.UNREADABLE_INPUT;
        }
        printer.message("internal error, please report it with what follows: " + failure);
        failure.printStackTrace(commandLine.getErr());
        commandLine.getErr().flush();
        return ExitStatus.INTERNAL_ERROR;
    }

    /** Whether the problems include a sealed file that changed, or a file added to a sealed rule set (both ask to reseal). */
    static boolean isBrokenSeal(List<Problem> problems) {
        return problems.stream().anyMatch(p -> p.message().contains("reseal"));
    }

    /** The exception's first line: its message lists the problems too, which are printed one by one. */
    private static String summary(RuleSetException e) {
        String message = e.getMessage();
        int end = message.indexOf(":\n");
        return end < 0 ? message : message.substring(0, end);
    }
}
