package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of constraint and consequence text under the policy profile: names, bindings, string
 * literals, whole numbers, and a few operators. Any other character (a dot, a plus, a bracket, a
 * backslash outside a string) is an error, so nothing the grammar does not know can be spelled.
 */
final class ProfileTokens {
    /** A token's kind. */
    enum Kind { NAME, BINDING, STRING, NUMBER, SYMBOL }

    /**
     * One token.
     *
     * @param kind its kind
     * @param text its text as written
     */
    record Token(Kind kind, String text) {
        boolean is(String symbolOrName) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolOrName);
        }
    }

    /** Thrown by the grammars for text outside the profile; its message says what. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<String> SYMBOLS = List.of("==", "!=", "&&", "||", "(", ")", ",", ":", ";");

    private final List<Token> tokens;
    private int next;

    private ProfileTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Where a line comment that starts at {@code from} ends: at the first line terminator, which for Java, MVEL and the
     * DRL lexer alike is a carriage return as well as a line feed. A checker that ended it only at a line feed would
     * read code after a bare carriage return as comment.
     *
     * @param text the text
     * @param from where the comment's {@code //} is
     * @return the index of the terminator, or the text's length
     */
    static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    /** Splits text into tokens; comments ({@code //}, {@code /* *}{@code /}) are skipped. */
    static ProfileTokens of(String text) throws Refused {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                i = lineEnd(text, i);
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new Refused("an unclosed comment");
                }
                i = end + 2;
            } else if (c == '"') {
                int end = StringLiteral.end(text, i);
                if (end < 0) {
                    throw new Refused("a string with a line break or an escape other than \\\" and \\\\");
                }
                tokens.add(new Token(Kind.STRING, text.substring(i, end)));
                i = end;
            } else if (c == '$' || isAsciiLetter(c)) {
                int end = i + 1;
                while (end < text.length() && (isAsciiLetter(text.charAt(end)) || isAsciiDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (c == '$' && end == i + 1) {
                    throw new Refused("a lone $");
                }
                tokens.add(new Token(c == '$' ? Kind.BINDING : Kind.NAME, text.substring(i, end)));
                i = end;
            } else if (isAsciiDigit(c) || c == '-' && i + 1 < text.length() && isAsciiDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && isAsciiDigit(text.charAt(end))) {
                    end++;
                }
                if (end - i > 9) {
                    throw new Refused("a number too long");
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end)));
                i = end;
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (text.startsWith(s, i)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new Refused("'" + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                            + "', which only code would need (the profile has no method calls, operators beyond comparison, or field access)");
                }
                tokens.add(new Token(Kind.SYMBOL, symbol));
                i += symbol.length();
            }
        }
        return new ProfileTokens(tokens);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    boolean atEnd() {
        return next >= tokens.size();
    }

    Token peek() {
        return atEnd() ? null : tokens.get(next);
    }

    Token peek(int ahead) {
        return next + ahead < tokens.size() ? tokens.get(next + ahead) : null;
    }

    boolean accept(String symbolOrName) {
        if (!atEnd() && tokens.get(next).is(symbolOrName)) {
            next++;
            return true;
        }
        return false;
    }

    Token take() throws Refused {
        if (atEnd()) {
            throw new Refused("an incomplete expression");
        }
        return tokens.get(next++);
    }

    void expect(String symbolOrName) throws Refused {
        Token token = take();
        if (!token.is(symbolOrName)) {
            throw new Refused("'" + token.text() + "' where '" + symbolOrName + "' belongs");
        }
    }
}
