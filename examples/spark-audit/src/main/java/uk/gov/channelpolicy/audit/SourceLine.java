package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line of an archive file (or one element of an export), and where it is: what a record is read from.
 *
 * <p>Serializable only so that Spark may move it between JVMs running the same jars; never stored.
 *
 * @serial exclude
 * @param file the file's path or URI, as the file system names it
 * @param offset where the record starts: the byte offset of a JSON Lines line ({@code tail -c +$((offset + 1)) FILE | head -1}),
 *     the character offset of a {@code tweets.js} element, or the data row number (from 1) of a CSV or Parquet export
 * @param text the line, without its line ending; bytes that are not UTF-8 are shown as U+FFFD
 * @param badByte the index in the line of its first byte that is not UTF-8, or -1 when the line is valid UTF-8
 */
public record SourceLine(String file, long offset, String text, int badByte) implements Serializable {
    private static final long serialVersionUID = 2L;

    /**
     * Checks the parts.
     *
     * @param file the file's path or URI
     * @param offset where the record starts, at least 0
     * @param text the line, without its line ending
     * @param badByte the index of the first byte that is not UTF-8, or -1
     */
    public SourceLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (badByte < -1) {
            throw new IllegalArgumentException("badByte is below -1: " + badByte);
        }
    }

    /**
     * A line that is valid UTF-8.
     *
     * @param file the file's path or URI
     * @param offset where the record starts, at least 0
     * @param text the line, without its line ending
     */
    public SourceLine(String file, long offset, String text) {
        this(file, offset, text, -1);
    }

    /** Leaves the text out: it is personal data. */
    @Override
    public String toString() {
        return "SourceLine[" + file + " at " + offset + ", " + text.length() + " characters]";
    }
}
