package uk.gov.channelpolicy;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a request or a rule set.
 *
 * @param path where: a JSON path such as {@code $.actor.role} for requests, a file name for rule sets
 * @param message what is wrong, in plain words
 * @param allowedValues the values that would be accepted here; empty when not a choice of ids
 * @param suggestion the nearest allowed value for a near miss ("did you mean"), or {@code null}
 * @param line 1-based line of the problem in the input, or 0 when the input has no position for it
 * @param column 1-based column of the problem in the input, or 0 when unknown
 */
public record Problem(String path, String message, List<String> allowedValues, String suggestion, int line, int column) {

    /**
     * Validates and copies the components.
     *
     * @param path where: a JSON path such as {@code $.actor.role} for requests, a file name for rule sets
     * @param message what is wrong, in plain words
     * @param allowedValues the values that would be accepted here; empty when not a choice of ids
     * @param suggestion the nearest allowed value for a near miss ("did you mean"), or {@code null}
     * @param line 1-based line of the problem in the input, or 0 when the input has no position for it
     * @param column 1-based column of the problem in the input, or 0 when unknown
     */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        allowedValues = List.copyOf(allowedValues);
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
        }
    }

    /**
     * The allowed value nearest to one given, for a problem's suggestion ("did you mean"): a small edit distance
     * ignoring case, or the only allowed value that starts with or contains it.
     *
     * @param value the value given
     * @param allowed the values allowed where it was given
     * @return the suggestion, or empty when nothing is near
     */
    public static Optional<String> nearest(String value, Collection<String> allowed) {
        return NearMiss.nearest(value, allowed);
    }

    /**
     * A problem with no allowed values, suggestion or position.
     *
     * @param path where the problem is
     * @param message what is wrong
     * @return the problem
     */
    public static Problem at(String path, String message) {
        return new Problem(path, message, List.of(), null, 0, 0);
    }

    /**
     * One readable line: path, message, allowed values and suggestion.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder(path);
        if (line > 0) {
            text.append(" (line ").append(line);
            if (column > 0) {
                text.append(", column ").append(column);
            }
            text.append(')');
        }
        text.append(": ").append(message);
        if (!allowedValues.isEmpty()) {
            text.append(". Allowed: ").append(String.join(", ", allowedValues));
        }
        if (suggestion != null) {
            text.append(". Did you mean \"").append(suggestion).append("\"?");
        }
        return text.toString();
    }
}
