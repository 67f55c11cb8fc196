package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ISO-8601 times as the audit reads them: its own reading of the usual shape agrees with java.time's parser. */
class TimeRulesTest {
    private static final TimeRules ISO = TimeRules.iso(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void utcSeconds_readsTheUsualShapeAsTheIsoParserDoes() {
        assertThat(TimeRules.utcSeconds("2024-03-05T10:15:00Z")).isEqualTo(Instant.parse("2024-03-05T10:15:00Z"));
        assertThat(TimeRules.utcSeconds("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(ISO.read("2024-03-05T10:15:00Z")).isEqualTo(Instant.parse("2024-03-05T10:15:00Z"));
    }

    @Test
    void utcSeconds_leavesEveryOtherShapeToTheIsoParser() {
        for (String other : List.of("2024-03-05T10:15:00+01:00", "2024-03-05T10:15:00.5Z", "2024-03-05T10:15Z", "2024-03-05t10:15:00Z",
                "2024-03-05T10:15:00z", "2024-03-05 10:15:00Z", "+2024-03-05T10:15:00Z", "2024-3-05T10:15:00ZZ", "2024-03-05T1a:15:00Z",
                "２０２４-03-05T10:15:00Z", "")) {
            assertThat(TimeRules.utcSeconds(other)).as(other).isNull();
        }
        assertThat(ISO.read("2024-03-05T10:15:00+01:00")).isEqualTo(Instant.parse("2024-03-05T09:15:00Z"));
        assertThat(ISO.read("2024-03-05t10:15:00.5Z")).isEqualTo(Instant.parse("2024-03-05T10:15:00.500Z"));
    }

    @Test
    void utcSeconds_refusesWhatTheIsoParserRefuses() {
        for (String impossible : List.of("2023-02-29T10:15:00Z", "2024-04-31T10:15:00Z", "2024-13-01T10:15:00Z", "2024-00-10T10:15:00Z",
                "2024-03-00T10:15:00Z", "2024-03-05T24:00:00Z", "2024-03-05T10:60:00Z", "2024-03-05T10:15:60Z")) {
            assertThatThrownBy(() -> OffsetDateTime.parse(impossible)).as(impossible).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> TimeRules.utcSeconds(impossible)).as(impossible).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> ISO.read(impossible)).as(impossible).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"" + impossible + "\" is not a time in the format ISO-8601 with a zone, such as 2024-03-05T10:15:00Z");
        }
    }

    @Test
    void utcSeconds_agreesWithTheIsoParserOnEveryDigitString() {
        // Every field drawn past its range as well as within it: both readers accept the same texts, as the same instant.
        Random random = new Random(7);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10_000), random.nextInt(14), random.nextInt(33),
                    random.nextInt(26), random.nextInt(62), random.nextInt(62));
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> TimeRules.utcSeconds(text)).as(text).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(TimeRules.utcSeconds(text)).as(text).isEqualTo(expected);
            accepted.add(text);
        }
        assertThat(accepted).hasSize(13_663); // seed 7: both kinds drawn, thousands of times each
    }
}
