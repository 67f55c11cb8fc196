package uk.gov.channelpolicy;

import java.text.Normalizer;
import java.util.List;

/**
 * What an id of a person means when two are compared, as "acting on one's own channel" compares them: the
 * text in Unicode NFKC, without whitespace or invisible characters at either end. An id that is nothing
 * after that is not an id, and a request carrying one is invalid: otherwise two blank ids would be "the
 * same person" and open what only a channel's owner may do.
 */
final class PersonId {
    private PersonId() {
    }

    /**
     * The normal form of an id.
     *
     * @param id an id as given, or null
     * @return NFKC, trimmed of whitespace and invisible characters; null for null
     */
    static String normalize(String id) {
        if (id == null) {
            return null;
        }
        if (printableAscii(id)) {
            return id; // already NFKC, nothing invisible at either end, and not blank: most ids, at no cost
        }
        String normal = Normalizer.isNormalized(id, Normalizer.Form.NFKC) ? id : Normalizer.normalize(id, Normalizer.Form.NFKC);
        int start = 0;
        int end = normal.length();
        while (start < end) {
            int c = normal.codePointAt(start);
            if (!invisible(c)) {
                break;
            }
            start += Character.charCount(c);
        }
        while (end > start) {
            int c = normal.codePointBefore(end);
            if (!invisible(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        String trimmed = start == 0 && end == normal.length() ? normal : normal.substring(start, end);
        // Nothing but marks and invisible characters (a lone accent, U+FFFC) shows no one: it is blank.
        return trimmed.codePoints().allMatch(c -> invisible(c) || mark(c)) ? "" : trimmed;
    }

    private static boolean printableAscii(String id) {
        int length = id.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static boolean mark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || c == 0xFFFC || c == 0xFFFD || c == 0x17B4 || c == 0x17B5;
    }

    /** Whitespace, separators, controls, format characters (zero-width spaces and joiners) and the blank fillers. */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.CONTROL || type == Character.FORMAT
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x034F
                || c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF;
    }

    /**
     * The problem with a normalised id at a path, if it is blank.
     *
     * @param normalized an id already {@link #normalize normalised}, or null
     * @param path its JSON path, e.g. {@code $.actor.id}
     * @return the problem, or null when the id is absent or has a visible character
     */
    static Problem blank(String normalized, String path) {
        return normalized != null && normalized.isEmpty() ? Problem.at(path, "is blank (empty, or only whitespace or invisible"
                + " characters): give the person's id, or leave the field out when the request is about nobody in particular") : null;
    }

    /**
     * Throws when a normalised id is blank: for the request records, built from Java or from JSON.
     *
     * @param normalized the id, normalised
     * @param path its JSON path
     * @return the id
     * @throws InvalidRequestException if it is blank
     */
    static String require(String normalized, String path) {
        Problem problem = blank(normalized, path);
        if (problem != null) {
            throw new InvalidRequestException(List.of(problem));
        }
        return normalized;
    }
}
