package uk.gov.channelpolicy.cli;

/**
 * The exit statuses every subcommand uses, so scripts can tell the kinds of failure apart. Listed in
 * {@code channel-policy --help}.
 */
public final class ExitStatus {
    /** Done: every request was decided (whatever the outcome). */
    public static final int OK = 0;
    /** An input could not be read: no such file, a directory, not UTF-8 text. */
    public static final int UNREADABLE_INPUT = 1;
    /** A request was invalid, or the command line was (picocli's usage status). */
    public static final int INVALID = 2;
    /** The rule set could not be loaded. */
    public static final int RULE_SET_PROBLEM = 3;
    /** A bug in this program: the stack trace is printed to report it. */
    public static final int INTERNAL_ERROR = 4;

    private ExitStatus() {
    }
}
