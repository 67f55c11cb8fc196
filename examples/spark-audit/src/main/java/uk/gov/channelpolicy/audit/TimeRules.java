package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * How a record's time is read, and which times are possible. A time is read in one format (ISO-8601
 * with a zone by default; the Twitter/X archive's own; or a pattern with a zone for the rows that give
 * none), and must fall between {@link #EARLIEST} and the moment the audit started: a post from the
 * future, such as a year-2999 time a spreadsheet made, or from before social media, did not happen as
 * recorded, and the record is quarantined with that reason.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 * @param pattern a {@link DateTimeFormatter} pattern, or {@code null} for ISO-8601 with a zone
 * @param zone the zone of times the pattern gives without one, or {@code null} when every time must carry a zone
 * @param latest the latest possible time: when the audit started
 */
public record TimeRules(String pattern, String zone, Instant latest) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The earliest possible time: no social-media channel the guidance covers existed before it. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The Twitter/X archive's {@code created_at}, e.g. {@code Wed Oct 10 20:19:24 +0000 2018}. */
    public static final String TWITTER = "EEE MMM dd HH:mm:ss Z yyyy";

    /**
     * Checks the parts.
     *
     * @param pattern a pattern, or {@code null}
     * @param zone a zone id, or {@code null}
     * @param latest the latest possible time
     * @throws IllegalArgumentException if the pattern or the zone is not valid
     */
    public TimeRules {
        Objects.requireNonNull(latest, "latest");
        if (pattern != null) {
            DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        }
        if (zone != null) {
            ZoneId.of(zone);
        }
    }

    /**
     * ISO-8601 times with a zone, up to a latest time.
     *
     * @param latest when the audit started
     * @return the rules
     */
    public static TimeRules iso(Instant latest) {
        return new TimeRules(null, null, latest);
    }

    /**
     * The same rules reading another format.
     *
     * @param newPattern a pattern, or {@code null} for ISO-8601
     * @param newZone a zone, or {@code null}
     * @return the rules
     */
    public TimeRules withFormat(String newPattern, String newZone) {
        return new TimeRules(newPattern, newZone, latest);
    }

    /**
     * Reads a time, or says what is wrong with it.
     *
     * @param text the time as given
     * @return the instant
     * @throws IllegalArgumentException with a message for a person: unreadable, or impossible
     */
    public Instant read(String text) {
        Instant time;
        try {
            time = parse(text.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time in the format " + describe());
        }
        if (time.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("\"" + text + "\" is impossible: before " + EARLIEST + ", earlier than any channel the guidance covers");
        }
        if (time.isAfter(latest)) {
            throw new IllegalArgumentException("\"" + text + "\" is impossible: after the audit started (" + latest + ")");
        }
        return time;
    }

    private Instant parse(String text) {
        if (pattern == null) {
            Instant utc = utcSeconds(text);
            return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        TemporalAccessor parsed = format.parse(text);
        if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant();
        }
        if (zone == null) {
            throw new DateTimeParseException("no zone", text, 0);
        }
        return ZonedDateTime.of(LocalDateTime.from(parsed), ZoneId.of(zone)).toInstant();
    }

    /**
     * The one shape archives almost always use, {@code 2024-03-05T10:15:00Z}, read without {@link java.time.format.DateTimeFormatter}
     * (which took about a tenth of the deciding stage's CPU, and as much of its garbage). Any other text gives null and
     * is read by {@link OffsetDateTime#parse}. Reads exactly what that parser reads for this shape, digit for digit, and
     * refuses what it refuses: a day, hour, minute or second out of range throws {@link java.time.DateTimeException}.
     */
    static Instant utcSeconds(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(java.time.ZoneOffset.UTC);
    }

    /** The ASCII digits from {@code start} to {@code end} as a number, or -1 if any is not one. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The format in words.
     *
     * @return e.g. {@code ISO-8601 with a zone, such as 2024-03-05T10:15:00Z}
     */
    public String describe() {
        if (pattern == null) {
            return "ISO-8601 with a zone, such as 2024-03-05T10:15:00Z";
        }
        return pattern + (zone == null ? "" : " (in " + zone + " when it gives no zone)");
    }
}
