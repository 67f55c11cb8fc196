package uk.gov.channelpolicy.load;

/**
 * Java's unicode escapes ({@code \u0022}) translated as javac translates them, before it reads
 * anything else: a rule file is checked, and compiled, as the compiler would see it, so an escape
 * cannot hide a quote, a dot or a class name from the policy-profile check.
 */
final class UnicodeEscapes {
    private UnicodeEscapes() {
    }

    /**
     * Translates every unicode escape, as JLS §3.3 defines one: a backslash that is not itself escaped,
     * one or more {@code u}, and four hex digits.
     *
     * @param text the text
     * @return the text with each escape replaced by its character
     */
    static String translate(String text) {
        if (text == null || text.indexOf("\\u") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int backslashes = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length() && isHex(text, j)) {
                    out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from) {
        for (int k = from; k < from + 4; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
