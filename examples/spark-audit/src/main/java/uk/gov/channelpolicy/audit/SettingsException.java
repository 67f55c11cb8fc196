package uk.gov.channelpolicy.audit;

import java.util.List;

/**
 * A settings file (accounts, lexicon) or a column mapping the audit cannot use, with every problem found,
 * each naming the file, line and column: a usage error, found on the driver before any work is done.
 */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Every problem, one line each. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param what what could not be used, e.g. {@code the accounts file accounts.csv}
     * @param problems every problem, at least one
     */
    public SettingsException(String what, List<String> problems) {
        super(what + " cannot be used:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found.
     *
     * @return the problems, one line each
     */
    public List<String> problems() {
        return problems;
    }
}
