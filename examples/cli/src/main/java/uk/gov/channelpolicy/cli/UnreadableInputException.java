package uk.gov.channelpolicy.cli;

/**
 * An input file (or standard input) could not be read as UTF-8 text. Not a library exception: the
 * library never reads files on a command's behalf.
 */
public final class UnreadableInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source the file name as the user gave it, or {@code -} for standard input
     * @param reason why it could not be read, in plain words
     * @param cause the I/O failure, or {@code null}
     */
    public UnreadableInputException(String source, String reason, Throwable cause) {
        super("cannot read " + (Input.STDIN.equals(source) ? "standard input" : source) + ": " + reason, cause);
    }
}
