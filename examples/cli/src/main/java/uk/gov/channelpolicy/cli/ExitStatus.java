package uk.gov.channelpolicy.cli;

/**
 * The exit statuses every subcommand uses, so scripts can tell the kinds of failure apart. Listed in
 * {@code channel-policy --help}. 0 to 4 mean the same for every command; 5 to 8 each belong to one
 * checking command and mean that it ran and found something, so a script can tell "the rule set has
 * problems" from "the check could not run".
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
    /** {@code validate} found errors or warnings: the rule set is not clean. */
    public static final int VALIDATION_PROBLEMS = 5;
    /** {@code diff} found requests the two rule sets decide differently. */
    public static final int DIFFERENCES_FOUND = 6;
    /** {@code check} found an invariant that does not hold, and printed a counterexample. */
    public static final int INVARIANT_BROKEN = 7;
    /** {@code test}: a scenario failed, rule coverage was under {@code --min-coverage}, or a fork does not conform. */
    public static final int TESTS_FAILED = 8;

    private ExitStatus() {
    }
}
