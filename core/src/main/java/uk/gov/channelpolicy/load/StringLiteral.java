package uk.gov.channelpolicy.load;

/**
 * A string literal as the policy profile allows one: double quotes around text with no line break, in
 * which a backslash only escapes a double quote or a backslash. Nothing inside can end the literal early,
 * so an annotation's value or a constraint's operand is data, never an expression.
 */
final class StringLiteral {
    private StringLiteral() {
    }

    /**
     * Whether the text is exactly one string literal.
     *
     * @param raw the text as written, quotes included
     * @return true for one literal and nothing else
     */
    static boolean isOne(String raw) {
        return raw != null && raw.length() >= 2 && raw.charAt(0) == '"' && end(raw, 0) == raw.length();
    }

    /**
     * Where the literal starting at {@code start} ends: the index after its closing quote, or -1 when it
     * has no closing quote or holds an escape or line break the profile does not allow.
     *
     * @param text the text
     * @param start the index of the opening quote
     * @return the index after the closing quote, or -1
     */
    static int end(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '"' && text.charAt(i + 1) != '\\')) {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * The text a literal stands for.
     *
     * @param raw one literal, as {@link #isOne} accepts
     * @return its text, escapes resolved
     */
    static String value(String raw) {
        return raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
