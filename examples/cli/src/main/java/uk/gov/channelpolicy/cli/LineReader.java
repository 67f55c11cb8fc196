package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads text a line at a time, as {@link java.io.BufferedReader#readLine()} does ({@code \n},
 * {@code \r\n} or {@code \r} end a line; no empty line after a final line break), but never holds
 * more than a limit of one line: the rest of an over-long line is skipped, not buffered.
 */
final class LineReader {
    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private long lineNumber;

    /**
     * One line of input.
     *
     * @param number the 1-based line number
     * @param text the line without its terminator, or {@code null} when the line was longer than the limit
     */
    record Line(long number, String text) {
        boolean tooLong() {
            return text == null;
        }
    }

    /**
     * Creates a reader.
     *
     * @param in the text
     * @param maxChars the longest line kept; longer lines are reported as too long
     */
    LineReader(Reader in, int maxChars) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxChars = maxChars;
    }

    /**
     * Reads the next line.
     *
     * @return the line, or {@code null} at the end of the input
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            // Copy up to the line's end a buffer-full at a time, not a character at a time.
            int end = position;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (!tooLong) {
                if (line.length() + (end - position) > maxChars) {
                    tooLong = true;
                    line = null;
                } else {
                    line.append(buffer, position, end - position);
                }
            }
            if (end < limit) {
                skipLineFeed = buffer[end] == '\r';
                position = end + 1;
                break;
            }
            position = end;
        }
        lineNumber++;
        return new Line(lineNumber, tooLong ? null : line.toString());
    }

    /**
     * Whether a line can be read without waiting: when it cannot, a caller writing results should
     * flush them first, so a program feeding requests one by one gets each answer straight away.
     *
     * @return true if input is buffered or ready
     * @throws IOException if the input fails
     */
    boolean ready() throws IOException {
        return position < limit || in.ready();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
