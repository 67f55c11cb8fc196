package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line of an archive file, and where it is: what a record is read from.
 *
 * <p>Serializable only so that Spark may move it between JVMs running the same jars; never stored.
 *
 * @serial exclude
 * @param file the file's path or URI, as the file system names it
 * @param offset the byte offset of the line's first byte in the file, so that any record, even an
 *     unreadable one, can be found again ({@code tail -c +$((offset + 1)) FILE | head -1})
 * @param text the line, without its line ending
 */
public record SourceLine(String file, long offset, String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks the parts.
     *
     * @param file the file's path or URI
     * @param offset the byte offset of the line in the file, at least 0
     * @param text the line, without its line ending
     */
    public SourceLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
    }

    /** Leaves the text out: it is personal data. */
    @Override
    public String toString() {
        return "SourceLine[" + file + " at byte " + offset + ", " + text.length() + " characters]";
    }
}
