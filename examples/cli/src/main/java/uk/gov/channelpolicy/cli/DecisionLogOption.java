package uk.gov.channelpolicy.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * {@code --decision-log FILE} and {@code --decision-log-fsync POLICY}, for the commands that decide: an audit record
 * of every decision the command gives (each line of {@code --jsonl}, the decision {@code explain} explains, each
 * {@code demo} answer), with ids, names and handles masked. Off unless given.
 *
 * <p>A command opens the log with {@link #open()} in a try-with-resources, so the log is forced to disk and closed
 * when the command ends, and hands it to {@link RuleSetOption#loadToDecide} to build its policy.
 */
public final class DecisionLogOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "Append one JSON line per decision to FILE: the time, the request with ids, names and handles masked"
                    + " as ***, the outcome, the deciding rules and the rule set. Rotated at 10 MiB, 5 files kept."
                    + " An existing file is only appended to; a symbolic link is refused."
                    + " A decision that cannot be recorded is INDETERMINATE.")
    private Path file;

    @Option(names = "--decision-log-fsync", paramLabel = "POLICY", converter = FsyncConverter.class,
            description = "With --decision-log, when records are forced to disk: per-record (each before its decision is"
                    + " printed), interval (every second; the default) or on-close (when the command ends).")
    private DecisionLog.Fsync fsync;

    /** Creates the option. */
    public DecisionLogOption() {
    }

    /**
     * Opens the log asked for, if any.
     *
     * @return the log, to close when the command ends; or null without {@code --decision-log}
     * @throws ParameterException if the file cannot be opened (a symbolic link, not a regular file, not writable), or
     *     {@code --decision-log-fsync} was given without {@code --decision-log}
     */
    public DecisionLog open() {
        if (file == null) {
            if (fsync != null) {
                throw new ParameterException(command.commandLine(), "--decision-log-fsync needs --decision-log FILE");
            }
            return null;
        }
        DecisionLog.Builder builder = DecisionLog.builder(file);
        if (fsync != null) {
            builder.fsync(fsync);
        }
        try {
            return builder.build();
        } catch (UncheckedIOException e) {
            throw new ParameterException(command.commandLine(), "--decision-log: " + e.getMessage());
        }
    }

    /** Reads the library's own names for the policies, so the command line and the server agree. */
    static final class FsyncConverter implements ITypeConverter<DecisionLog.Fsync> {
        @Override
        public DecisionLog.Fsync convert(String value) {
            try {
                return DecisionLog.Fsync.forId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
