package uk.gov.channelpolicy.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command reads its input: a file named on the command line, or standard input for {@code -}.
 * Text is UTF-8 and decoded strictly, so a binary or mis-encoded file is reported rather than read as
 * replacement characters.
 */
public final class Input {
    /** The file name that means standard input. */
    public static final String STDIN = "-";

    private final InputStream stdin;

    /**
     * Creates an input source.
     *
     * @param stdin what {@code -} reads; {@code System.in} in the real program
     */
    public Input(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /**
     * Opens a file, or standard input for {@code -}, as UTF-8 text. Closing the reader leaves standard
     * input open.
     *
     * @param name a file name, or {@code -}
     * @return a buffered reader
     * @throws UnreadableInputException if the file does not exist, is a directory or cannot be opened
     */
    public BufferedReader open(String name) {
        if (STDIN.equals(name)) {
            // newDecoder() reports malformed input; InputStreamReader(in, charset) would replace it silently.
            return new BufferedReader(new InputStreamReader(new KeepOpen(stdin), StandardCharsets.UTF_8.newDecoder()));
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new UnreadableInputException(name, "it is a directory, not a file", null);
        }
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /**
     * Opens a file, or standard input for {@code -}, as bytes: for JSON Lines, which decodes each line on its own so
     * that one line that is not UTF-8 is that line's error and not the end of the batch. Closing the stream leaves
     * standard input open.
     *
     * @param name a file name, or {@code -}
     * @return the stream
     * @throws UnreadableInputException if the file does not exist, is a directory or cannot be opened
     */
    public java.io.InputStream openBytes(String name) {
        if (STDIN.equals(name)) {
            return new KeepOpen(stdin);
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new UnreadableInputException(name, "it is a directory, not a file", null);
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /**
     * Reads a whole document, but no more than a limit: a reader of one request need not hold a
     * huge file in memory to find out that it is too big.
     *
     * @param name a file name, or {@code -}
     * @param reader the reader from {@link #open}
     * @param maxChars the most characters to read
     * @return the text, at most {@code maxChars} long
     * @throws UnreadableInputException if reading fails or the text is not UTF-8
     */
    public static String read(String name, Reader reader, long maxChars) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            int n;
            while (text.length() < maxChars
                    && (n = reader.read(buffer, 0, (int) Math.min(buffer.length, maxChars - text.length()))) != -1) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        return text.toString();
    }

    /**
     * Text without the byte-order mark some editors put at the start of a UTF-8 file: it is not part of the JSON.
     *
     * @param text the text, or {@code null}
     * @return the text without a leading byte-order mark
     */
    public static String withoutByteOrderMark(String text) {
        return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Turns an I/O failure into a message a user can act on.
     *
     * @param name the file name, or {@code -}
     * @param e the failure
     * @return the exception to throw
     */
    public static UnreadableInputException unreadable(String name, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof CharacterCodingException) {
            reason = "it is not UTF-8 text";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new UnreadableInputException(name, reason, e);
    }

    /** Standard input belongs to the process, not to the command that read it. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // deliberately left open
        }
    }
}
