package uk.gov.channelpolicy.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What {@code --format} a command writes: text for a person, JSON for a program, Markdown for a document. */
public enum OutputFormat {
    /** Plain text for a person at a terminal. */
    TEXT,
    /** JSON for a program. */
    JSON,
    /** Markdown, for a document. */
    MARKDOWN;

    /**
     * The name given on the command line.
     *
     * @return e.g. {@code json}
     */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a {@code --format} value, one of the formats a command writes.
     *
     * @param spec the command, to report a usage error against
     * @param value the value given, e.g. {@code json}
     * @param allowed the formats the command writes
     * @return the format
     * @throws ParameterException (a usage error, status 2) if the value is not one of the allowed formats
     */
    public static OutputFormat parse(CommandSpec spec, String value, OutputFormat... allowed) {
        List<OutputFormat> formats = Arrays.asList(allowed);
        for (OutputFormat format : formats) {
            if (format.option().equals(value)) {
                return format;
            }
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '" + value + "' (expected "
                + String.join(" or ", formats.stream().map(OutputFormat::option).toList()) + ")");
    }
}
