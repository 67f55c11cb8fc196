package uk.gov.channelpolicy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Root of every exception this library throws on purpose.
 *
 * <p>Like cedar-java's {@code AuthException}, it is thrown only when a decision cannot be made at
 * all (the request is invalid, or the rule set cannot be loaded). A rule that fails while
 * evaluating a valid request is not thrown: it becomes an {@link Outcome#INDETERMINATE} decision.
 * Every problem found is carried together, so a caller fixes them in one round.
 */
public abstract class ChannelPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * Creates an exception carrying the problems found.
     *
     * @param summary one line saying what could not be done
     * @param problems every problem found, at least one
     */
    protected ChannelPolicyException(String summary, List<Problem> problems) {
        super(summary + ":\n" + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an exception must carry at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in the order found.
     *
     * @return the problems, never empty
     */
    public List<Problem> problems() {
        return problems;
    }
}
