package uk.gov.channelpolicy.audit;

import java.util.regex.Pattern;

/**
 * {@code --mask-text}: hides the handles ({@code @name}) and e-mail addresses that a post's text mentions,
 * for a report that goes beyond the people entitled to see them. Without it, the department's own public
 * posts are shown as exported. Links are kept: they are the department's own posts' addresses.
 */
public final class TextMasking {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_]{1,50}");

    private TextMasking() {
    }

    /**
     * The text with every e-mail address replaced by {@code ***@***} and every handle by {@code @***}.
     *
     * @param text a post's text, or {@code null}
     * @return the masked text, or {@code null}
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String withoutMail = EMAIL.matcher(text).replaceAll("***@***");
        return HANDLE.matcher(withoutMail).replaceAll("@***");
    }
}
