package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Problem;

/**
 * Which column of a CSV or Parquet export holds each part of a post: {@code --columns
 * id=Post ID,time=Published,account=Profile,text=Message,link=Link}. The parts are
 *
 * <pre>
 * id        the post's id                                required
 * time      when it was posted                           required
 * account   the handle of the account that posted        required
 * text      the post's text                              optional
 * link      the post's address                           optional
 * category  its content categories, separated by ; or |  optional: without it the lexicon classifies
 * action    post, reply, promote, ...                    optional: without it every row is a post
 * </pre>
 *
 * <p>A part not named is read from a column of its own name, if the export has one.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 */
public final class ColumnMap implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The parts of a post, in the documented order. */
    public static final List<String> PARTS = List.of("id", "time", "account", "text", "link", "category", "action");
    /** The parts every export must have. */
    public static final List<String> REQUIRED = List.of("id", "time", "account");

    private final Map<String, String> columns;

    private ColumnMap(Map<String, String> columns) {
        this.columns = columns;
    }

    /**
     * Reads {@code --columns}.
     *
     * @param spec {@code part=column} pairs separated by commas, or {@code null} for none
     * @return the mapping of the parts named
     * @throws SettingsException for an unknown part, a part named twice, or a pair without {@code =}
     */
    public static ColumnMap parse(String spec) {
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    problems.add("\"" + pair + "\" is not part=column");
                    continue;
                }
                String part = pair.substring(0, equals).strip();
                String column = pair.substring(equals + 1).strip();
                if (!PARTS.contains(part)) {
                    problems.add("\"" + part + "\" is not a part of a post; allowed: " + String.join(", ", PARTS)
                            + Problem.nearest(part, PARTS).map(near -> "; did you mean \"" + near + "\"?").orElse(""));
                } else if (column.isEmpty()) {
                    problems.add(part + ": no column named");
                } else if (columns.put(part, column) != null) {
                    problems.add(part + ": named twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("--columns", problems);
        }
        return new ColumnMap(columns);
    }

    /**
     * The column of each part, for an export with these columns.
     *
     * @param available the export's columns
     * @return part to column, for every part the export has
     * @throws SettingsException if a named column is missing, or a required part has no column
     */
    public Map<String, String> resolve(List<String> available) {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String part : PARTS) {
            String column = columns.get(part);
            if (column != null) {
                if (available.contains(column)) {
                    resolved.put(part, column);
                } else {
                    problems.add(part + ": the export has no column \"" + column + "\"; it has: " + String.join(", ", available)
                            + Problem.nearest(column, available).map(near -> "; did you mean \"" + near + "\"?").orElse(""));
                }
            } else if (available.contains(part)) {
                resolved.put(part, part);
            } else if (REQUIRED.contains(part)) {
                problems.add(part + ": required; name its column with --columns " + part + "=COLUMN (the export has: "
                        + String.join(", ", available) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("the export's columns", problems);
        }
        return resolved;
    }
}
