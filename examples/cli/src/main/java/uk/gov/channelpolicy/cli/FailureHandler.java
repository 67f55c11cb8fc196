package uk.gov.channelpolicy.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Turns what stops a command into a message on stderr and an {@link ExitStatus}, the same for every
 * subcommand. A user's mistake (a rule set that does not load, an unreadable file, an invalid
 * request) gets its problems and no stack trace; anything else is a bug and keeps its stack trace.
 */
public final class FailureHandler implements IExecutionExceptionHandler {

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

    /** The exception's first line: its message lists the problems too, which are printed one by one. */
    private static String summary(RuleSetException e) {
        String message = e.getMessage();
        int end = message.indexOf(":\n");
        return end < 0 ? message : message.substring(0, end);
    }
}
