package uk.gov.channelpolicy;

import java.util.List;

/**
 * A rule set cannot be loaded: the manifest is missing or inconsistent, a rule file does not
 * compile, a rule lacks its id or citation, or a quote is not verbatim in the cited source.
 * Each problem's {@link Problem#path()} names the file (and {@link Problem#line()} the line where
 * the compiler reports one).
 */
public final class RuleSetException extends ChannelPolicyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param summary what was being loaded
     * @param problems every problem found, at least one
     */
    public RuleSetException(String summary, List<Problem> problems) {
        super(summary, problems);
    }
}
