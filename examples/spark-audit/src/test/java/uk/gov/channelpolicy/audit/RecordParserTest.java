package uk.gov.channelpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.Vocabulary.Kind;

/** How a line of an archive becomes a record to decide, or an invalid record with every problem. */
class RecordParserTest {
    private static final ChannelPolicy POLICY = ExecutorPolicies.policyFor(RuleSource.classpath("dh"));
    private static final String REQUEST = "{\"actor\":{\"role\":\"official\",\"id\":\"amy\"},\"action\":\"post\","
            + "\"channel\":{\"handle\":\"@AmyatDH\",\"owner\":{\"role\":\"official\",\"id\":\"amy\",\"capacity\":\"official\"}},"
            + "\"content\":[\"departmental\"]}";

    private final RecordParser parser = new RecordParser(POLICY.json());

    private static SourceLine line(String text) {
        return new SourceLine("archive.jsonl", 100, text);
    }

    private static String record(String request) {
        return "{\"id\":\"r1\",\"time\":\"2024-03-05T10:15:00Z\",\"department\":\"dh\",\"request\":" + request + "}";
    }

    private InvalidRecord invalid(String text) {
        ParsedRecord parsed = parser.parse(line(text));
        assertThat(parsed).isInstanceOf(InvalidRecord.class);
        return (InvalidRecord) parsed;
    }

    @Test
    void parse_readsASoundRecordIntoTheRequestTheBuilderMakes() {
        ParsedRecord parsed = parser.parse(line(record(REQUEST)));

        assertThat(parsed).isInstanceOf(ActivityRecord.class);
        ActivityRecord record = (ActivityRecord) parsed;
        assertThat(record.id()).isEqualTo("r1");
        assertThat(record.department()).isEqualTo("dh");
        assertThat(record.time()).isEqualTo(Instant.parse("2024-03-05T10:15:00Z"));
        assertThat(record.source().offset()).isEqualTo(100);
        assertThat(record.request()).isEqualTo(PolicyRequest.builder(Actor.of("official", "amy"), "post")
                .channel(Channel.ownedBy(Owner.of("official", "amy").withCapacity("official")).withHandle("@AmyatDH"))
                .content("departmental")
                .build());
    }

    @Test
    void parse_acceptsATimeWithAnOffset() {
        ActivityRecord record = (ActivityRecord) parser.parse(line(record(REQUEST).replace("2024-03-05T10:15:00Z", "2024-03-05T11:15:00+01:00")));

        assertThat(record.time()).isEqualTo(Instant.parse("2024-03-05T10:15:00Z"));
    }

    @Test
    void parse_reportsAMisspeltRoleAtItsPathInTheRecordWithTheAllowedRolesAndASuggestion() {
        InvalidRecord record = invalid(record(REQUEST.replace("\"role\":\"official\",\"id\":\"amy\"}", "\"role\":\"offical\",\"id\":\"amy\"}")));

        assertThat(record.id()).isEqualTo("r1");
        assertThat(record.department()).isEqualTo("dh");
        assertThat(record.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.request.actor.role");
            assertThat(problem.allowedValues()).isEqualTo(POLICY.vocabulary().ids(Kind.ROLES));
            assertThat(problem.suggestion()).isEqualTo("official");
        });
    }

    @Test
    void parse_reportsEveryProblemAtOnce() {
        String text = "{\"id\":\"r1\",\"departmnet\":\"dh\",\"request\":" + REQUEST.replace("\"post\"", "\"psot\"") + "}";

        InvalidRecord record = invalid(text);

        assertThat(record.problems()).extracting(Problem::path)
                .containsExactly("$.departmnet", "$.department", "$.time", "$.request.action");
        assertThat(record.problems().get(0).suggestion()).isEqualTo("department");
        assertThat(record.problems().get(3).suggestion()).isEqualTo("post");
    }

    @Test
    void parse_reportsMalformedJsonWithLineAndColumnAndKeepsTheReadableId() {
        InvalidRecord record = invalid(record(REQUEST).substring(0, 60));

        assertThat(record.id()).isEqualTo("r1");
        assertThat(record.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$");
            assertThat(problem.message()).startsWith("malformed JSON");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.column()).isPositive();
        });
    }

    @Test
    void parse_reportsATimeWithoutAZone() {
        InvalidRecord record = invalid(record(REQUEST).replace("2024-03-05T10:15:00Z", "2024-03-05 10:15:00"));

        assertThat(record.problems()).extracting(Problem::path).containsExactly("$.time");
    }

    @Test
    void parse_reportsABlankLineRatherThanSkippingIt() {
        assertThat(invalid("   ").problems()).extracting(Problem::message).containsExactly("is empty: expected an activity record");
    }

    @Test
    void parse_reportsALineThatIsNotAnObject() {
        assertThat(invalid("[1, 2]").problems()).extracting(Problem::path).containsExactly("$");
    }

    @Test
    void parse_reportsAMissingRequest() {
        assertThat(invalid("{\"id\":\"r1\",\"time\":\"2024-03-05T10:15:00Z\",\"department\":\"dh\"}").problems())
                .extracting(Problem::path).containsExactly("$.request");
    }

    @Test
    void parse_reportsADuplicateKey() {
        assertThat(invalid(record(REQUEST).replace("\"id\":\"r1\"", "\"id\":\"r1\",\"id\":\"r2\"")).problems())
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("Duplicate field 'id'"));
    }

    @Test
    void parse_ignoresAByteOrderMarkAtTheStartOfAFileOnly() {
        assertThat(parser.parse(new SourceLine("f", 0, "\uFEFF" + record(REQUEST)))).isInstanceOf(ActivityRecord.class);
        assertThat(parser.parse(new SourceLine("f", 10, "\uFEFF" + record(REQUEST)))).isInstanceOf(InvalidRecord.class);
    }

    @Test
    void parse_quarantinesAnImpossibleTime_fromTheFutureOrBeforeSocialMedia() {
        RecordParser parser2026 = new RecordParser(POLICY.json(), TimeRules.iso(Instant.parse("2026-01-01T00:00:00Z")));

        InvalidRecord future = (InvalidRecord) parser2026.parse(line(record(REQUEST).replace("2024-03-05T10:15:00Z", "2999-03-05T10:15:00Z")));
        InvalidRecord ancient = (InvalidRecord) parser2026.parse(line(record(REQUEST).replace("2024-03-05T10:15:00Z", "1970-01-01T00:00:00Z")));

        assertThat(future.problems()).extracting(Problem::path, Problem::message).containsExactly(org.assertj.core.groups.Tuple.tuple("$.time",
                "\"2999-03-05T10:15:00Z\" is impossible: after the audit started (2026-01-01T00:00:00Z)"));
        assertThat(future.id()).isEqualTo("r1");
        assertThat(ancient.problems()).extracting(Problem::message).containsExactly(
                "\"1970-01-01T00:00:00Z\" is impossible: before 2000-01-01T00:00:00Z, earlier than any channel the guidance covers");
    }

    @Test
    void parse_passesTheTextAndLinkThroughAsGiven() {
        String text = "{\"id\":\"r1\",\"time\":\"2024-03-05T10:15:00Z\",\"department\":\"dh\","
                + "\"text\":\"New guidance for @NHSEngland: write to a@b.gov.uk\",\"link\":\"https://x.com/DHgovuk/status/1\",\"request\":" + REQUEST + "}";

        ActivityRecord record = (ActivityRecord) parser.parse(line(text));

        assertThat(record.text()).isEqualTo("New guidance for @NHSEngland: write to a@b.gov.uk");
        assertThat(record.link()).isEqualTo("https://x.com/DHgovuk/status/1");
        assertThat(record.categories()).isEqualTo(CategorySource.STATED);
    }

    @Test
    void parse_keepsTheIdOfALineCutShortWhenTheIdIsReadable() {
        String whole = record(REQUEST);

        InvalidRecord cut = invalid(whole.substring(0, whole.length() - 20));
        InvalidRecord cutInTheId = invalid(whole.substring(0, 9));

        assertThat(cut.id()).isEqualTo("r1");
        assertThat(cut.problems()).extracting(Problem::path).containsExactly("$");
        assertThat(cutInTheId.id()).isNull();
    }

    @Test
    void parse_quarantinesALineWithBytesThatAreNotUtf8_keepingItsId() {
        byte[] good = record(REQUEST).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = good.clone();
        int at = record(REQUEST).indexOf("AmyatDH") + 1;
        bad[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
        SourceLine badLine = ArchiveInput.sourceLine("f", 0, bad, bad.length);
        SourceLine goodLine = ArchiveInput.sourceLine("f", 0, good, good.length);
        byte[] replacementCharacter = record(REQUEST).replace("AmyatDH", "Amy\uFFFD").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        InvalidRecord invalid = (InvalidRecord) parser.parse(badLine);

        assertThat(badLine.badByte()).isEqualTo(at);
        assertThat(goodLine.badByte()).isEqualTo(-1);
        assertThat(ArchiveInput.sourceLine("f", 0, replacementCharacter, replacementCharacter.length).badByte()).isEqualTo(-1);
        assertThat(invalid.id()).isEqualTo("r1");
        assertThat(invalid.problems()).extracting(Problem::message).containsExactly("is not valid UTF-8: byte " + at
                + " of the line is not part of a UTF-8 character; the line is quarantined, not decided with the bytes replaced");
    }

    @Test
    void parse_readsTheRequestFromTheLinesOwnText_stillStrictAboutDuplicatesAndTrailingContent() {
        String duplicateInRequest = record(REQUEST.replace("\"action\":\"post\"", "\"action\":\"post\",\"action\":\"post\""));

        assertThat(invalid(duplicateInRequest).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("Duplicate field 'action'"));
        assertThat(invalid(record(REQUEST) + " {}").problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("malformed JSON"));
        assertThat(invalid("[" + record(REQUEST) + "]").problems()).extracting(Problem::message)
                .containsExactly("must be an object: an activity record with id, time, department, request, text, link");
        assertThat(invalid(record("\"post\"")).problems()).extracting(Problem::path).containsExactly("$.request");
    }
}
