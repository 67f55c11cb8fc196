package uk.gov.channelpolicy.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --evaluation-timeout}: how long one evaluation may take before it is given up as INDETERMINATE,
 * naming the rule that was running. On by default for the commands that decide, so a rule set that runs away
 * (a precompiled rule-set jar is code) can never hang the command.
 */
public final class EvaluationTimeoutOption {
    /** The default, far above any real evaluation (microseconds) and short enough not to hang a script. */
    public static final String DEFAULT = "5s";

    @Option(names = "--evaluation-timeout", paramLabel = "DURATION", defaultValue = DEFAULT, converter = DurationConverter.class,
            description = "Give up one evaluation after this long, as an INDETERMINATE decision naming the rule that was running:"
                    + " e.g. 500ms, 5s, PT2S; 0 for no limit. Default: " + DEFAULT + ".")
    private Duration timeout;

    /** Creates the option. */
    public EvaluationTimeoutOption() {
    }

    /**
     * The timeout, or null for none.
     *
     * @return the duration, or null when 0 was given
     */
    public Duration timeout() {
        return timeout == null || timeout.isZero() ? null : timeout;
    }

    /** Reads {@code 500ms}, {@code 5s}, {@code 2m} or an ISO-8601 duration such as {@code PT2S}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                Duration duration;
                if (text.equals("0")) {
                    duration = Duration.ZERO;
                } else if (text.endsWith("ms")) {
                    duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                } else if (text.endsWith("s") && !text.startsWith("p")) {
                    duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                } else if (text.endsWith("m") && !text.startsWith("p")) {
                    duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                } else {
                    duration = Duration.parse(value.strip());
                }
                if (duration.isNegative()) {
                    throw new TypeConversionException("'" + value + "' is negative: give a duration such as 500ms or 5s, or 0 for no limit");
                }
                return duration;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: give e.g. 500ms, 5s, 2m or PT2S, or 0 for no limit");
            }
        }
    }
}
