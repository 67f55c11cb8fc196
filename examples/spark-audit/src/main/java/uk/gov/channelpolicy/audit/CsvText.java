package uk.gov.channelpolicy.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV the audit reads (its small settings files: accounts, lexicon) and writes (its report tables):
 * RFC 4180, comma-separated, fields quoted when they hold a comma, a quote or a line break.
 */
final class CsvText {
    private CsvText() {
    }

    /**
     * Splits one line into its fields.
     *
     * @param line a line without its line ending
     * @return the fields, unquoted
     * @throws IllegalArgumentException if a quoted field is not closed
     */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * One line of CSV, ending with {@code \r\n} as RFC 4180 has it.
     *
     * @param values the fields; {@code null} is written as an empty field
     * @return the line
     */
    static String line(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            String text = value == null ? "" : String.valueOf(value);
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                line.append(text);
            }
        }
        return line.append("\r\n").toString();
    }
}
