package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads UTF-8 text a line at a time from bytes, as {@link java.io.BufferedReader#readLine()} would ({@code \n},
 * {@code \r\n} or {@code \r} end a line; no empty line after a final line break), but line by line: a line that
 * is not valid UTF-8, or longer than a limit, is reported as that line's problem and the next line is read as
 * usual, so one bad line never ends a batch. It never holds more than a limit of one line: the rest of an
 * over-long line is skipped, not buffered.
 */
final class LineReader {
    private final InputStream in;
    private final int maxChars;
    /** Bytes of one line kept at most: UTF-8 takes up to 4 bytes a character. */
    private final int maxBytes;
    private final byte[] buffer = new byte[65536];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private long lineNumber;

    /**
     * One line of input.
     *
     * @param number the 1-based line number
     * @param text the line without its terminator, or {@code null} when it has a problem
     * @param problem why the line cannot be read (too long, not UTF-8), or {@code null}
     */
    record Line(long number, String text, String problem) {
        boolean tooLong() {
            return problem != null && problem.startsWith(TOO_LONG);
        }
    }

    private static final String TOO_LONG = "the line is longer than";

    /**
     * Creates a reader.
     *
     * @param in the bytes, UTF-8
     * @param maxChars the longest line kept; longer lines are reported as too long
     */
    LineReader(InputStream in, int maxChars) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxChars = maxChars;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, 4L * maxChars);
    }

    /**
     * Reads the next line.
     *
     * @return the line, or {@code null} at the end of the input
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        int length = 0;
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
            int end = position;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            int count = end - position;
            if (!tooLong) {
                if (length + count > maxBytes) {
                    tooLong = true;
                } else {
                    if (length + count > line.length) {
                        line = java.util.Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, length + count)));
                    }
                    System.arraycopy(buffer, position, line, length, count);
                    length += count;
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
        if (tooLong) {
            return new Line(lineNumber, null, TOO_LONG + " the " + maxChars + " characters a request may have");
        }
        return decode(length);
    }

    private Line decode(int length) {
        if (ascii(length)) {
            // Most lines are ASCII: each byte is its character, so the JDK's copy replaces the checking decoder.
            return length > maxChars ? new Line(lineNumber, null, TOO_LONG + " the " + maxChars + " characters a request may have")
                    : new Line(lineNumber, new String(line, 0, length, StandardCharsets.ISO_8859_1), null);
        }
        CharBuffer chars = CharBuffer.allocate(length);
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return new Line(lineNumber, null, "the line is not valid UTF-8: byte " + (bytes.position() + 1) + " of the line is not"
                    + " part of a character; save the file as UTF-8");
        }
        chars.flip();
        if (chars.length() > maxChars) {
            return new Line(lineNumber, null, TOO_LONG + " the " + maxChars + " characters a request may have");
        }
        return new Line(lineNumber, chars.toString(), null);
    }

    private boolean ascii(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a line can be read without waiting: when it cannot, a caller writing results should
     * flush them first, so a program feeding requests one by one gets each answer straight away.
     *
     * @return true if input is buffered or ready
     * @throws IOException if the input fails
     */
    boolean ready() throws IOException {
        return position < limit || in.available() > 0;
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
