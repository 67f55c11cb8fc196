package uk.gov.channelpolicy.tools;

import java.util.Objects;
import uk.gov.channelpolicy.Problem;

/**
 * One finding of {@link Validation}: an error (the rule set is wrong) or a warning (it works, but
 * something is probably a mistake).
 *
 * @param severity how serious
 * @param problem where and what
 */
public record Diagnostic(Severity severity, Problem problem) {

    /** How serious a diagnostic is. Either makes validation unclean. */
    public enum Severity {
        /** The rule set cannot be loaded, or a rule uses an id the vocabulary lacks. */
        ERROR,
        /** Probably a mistake, such as a vocabulary id no rule uses. */
        WARNING
    }

    /**
     * Checks that both parts are given.
     *
     * @param severity how serious
     * @param problem where and what
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * The diagnostic in compiler style: {@code file:line:column: error: message}.
     *
     * @return one line
     */
    public String describe() {
        StringBuilder text = new StringBuilder(problem.path());
        if (problem.line() > 0) {
            text.append(':').append(problem.line());
            if (problem.column() > 0) {
                text.append(':').append(problem.column());
            }
        }
        text.append(": ").append(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(problem.message());
        if (!problem.allowedValues().isEmpty()) {
            text.append(" (allowed: ").append(String.join(", ", problem.allowedValues())).append(')');
        }
        if (problem.suggestion() != null) {
            text.append(". Did you mean \"").append(problem.suggestion()).append("\"?");
        }
        return text.toString();
    }
}
