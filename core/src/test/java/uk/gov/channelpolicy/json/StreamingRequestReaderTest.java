package uk.gov.channelpolicy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.StrictJson;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * The streaming reader against the tree reader it stands in front of: the same request for every valid input, and for
 * every invalid one no request at all, so the tree reader words the problems exactly as before.
 */
class StreamingRequestReaderTest {
    private static final ChannelPolicy POLICY = Newsroom.policy();
    private static final PolicyJson JSON = POLICY.json();
    private static final StreamingRequestReader STREAMING = new StreamingRequestReader(StrictJson.mapper().getFactory(), POLICY.vocabulary());

    /** What a reader made of a text: the request, or the problems. */
    private static Object answer(java.util.function.Supplier<PolicyRequest> read) {
        try {
            return read.get();
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }

    private static void assertSameAnswer(String text) {
        assertThat(answer(() -> JSON.readRequest(text))).as(text).isEqualTo(answer(() -> JSON.readRequestByTree(text)));
    }

    /** Every request of the domain, with ids, names and a handle of its own, the fields in the writer's order. */
    @Test
    void everyRequestOfTheDomain_isReadByTheStreamingReaderAsTheTreeReadsIt() {
        long line = 0;
        int read = 0;
        for (PolicyRequest shape : RequestDomain.of(POLICY.vocabulary())) {
            line++;
            PolicyRequest request = withPeople(shape, line);
            String text = JSON.write(request);
            PolicyRequest streamed = STREAMING.read(text);
            assertThat(streamed).as(text).isEqualTo(request).isEqualTo(JSON.readRequestByTree(text));
            assertThat(JSON.readRequest(text)).isEqualTo(request);
            read++;
        }
        assertThat(read).isEqualTo(RequestDomain.of(POLICY.vocabulary()).size()).isGreaterThan(50);
    }

    private static PolicyRequest withPeople(PolicyRequest request, long line) {
        Owner owner = request.channel().owner();
        Owner named = owner == null ? null : new Owner(owner.role(), RequestDomain.ACTOR_ID.equals(owner.id()) ? "p" + line : "o" + line,
                "Owner " + line, owner.capacity());
        return request.toBuilder().actor(new Actor(request.actor().role(), "p" + line, "Person \u00e9 " + line))
                .channel(new Channel(request.channel().type(), "@h" + line, named)).build();
    }

    /** Valid texts the writer never produces: other field orders, explicit nulls, whitespace, escapes. */
    static Stream<String> unusualValid() {
        return Stream.of(
                "{\"content\":[\"news\"],\"channel\":{},\"action\":\"post\",\"actor\":{\"role\":\"editor\"}}",
                "{\"actor\":{\"name\":null,\"id\":null,\"role\":\"editor\"},\"action\":\"post\",\"channel\":{\"type\":null,\"handle\":null,"
                        + "\"owner\":null},\"content\":[\"news\"]}",
                "{\"actor\":{\"role\":\"editor\",\"id\":\"a\"},\"action\":\"post\",\"channel\":{\"owner\":{\"capacity\":null,\"name\":null,"
                        + "\"id\":\"a\",\"role\":\"editor\"}},\"content\":[\"news\"]}",
                " \n\t{ \"actor\" : { \"role\" : \"editor\" , \"id\" : \"\\u0041my\" } , \"action\" : \"post\" , \"channel\" : { } ,"
                        + " \"content\" : [ \"news\" ] } \n",
                "{\"actor\":{\"role\":\"editor\",\"id\":\"\uFF21my \"},\"action\":\"post\",\"channel\":{\"owner\":{\"role\":\"editor\","
                        + "\"id\":\"Amy\"}},\"content\":[\"news\"]}");
    }

    @ParameterizedTest
    @MethodSource("unusualValid")
    void unusualButValidText_isReadByBothAlike(String text) {
        assertThat(STREAMING.read(text)).as(text).isNotNull().isEqualTo(JSON.readRequestByTree(text));
        assertSameAnswer(text);
    }

    /** Every kind of invalid input PolicyJsonTest, FuzzTest and the command line's tests try, at every level. */
    static Stream<String> invalid() {
        String valid = "{\"actor\":{\"role\":\"editor\",\"id\":\"a\"},\"action\":\"post\",\"channel\":{\"type\":\"named\",\"handle\":\"@a\","
                + "\"owner\":{\"role\":\"editor\",\"id\":\"a\",\"capacity\":\"official\"}},\"content\":[\"news\"]}";
        List<String> texts = new ArrayList<>(List.of(
                "", " ", "null", "[]", "42", "\"text\"", "{}", "{", "}", "{\"actor\"}", valid + " {}", valid + "x", valid.replace("}}", "}"),
                "{\"actor\": \"editor\", \"action\": [\"post\"], \"channel\": {\"owner\": {\"role\": \"editor\", \"id\": 42}},"
                        + " \"content\": \"news\"}",
                "{\"actor\": {\"role\": \"editor\"}, \"action\": \"post\", \"action\": \"post\", \"channel\": {}, \"content\": [\"news\"]}",
                "{\"actor\": {\"role\": \"editor\", \"id\": " + "[".repeat(50) + "]".repeat(50) + "}}",
                "{\"actor\": {\"role\": \"editor\", \"id\": \"" + "x".repeat(PolicyJson.MAX_STRING_LENGTH + 1) + "\"}, \"action\": \"post\","
                        + " \"channel\": {}, \"content\": [\"news\"]}",
                "{\"actor\": {\"role\": \"editor\"}, \"action\": \"post\", \"channel\": {}, \"content\": [\"news\"], \"padding\": \""
                        + "x".repeat(4000) + "\"" + ", \"more\": \"" + "y".repeat(4000) + "\"".repeat(1) + "}"));
        // Each value in turn: null, a number, a boolean, a list, an object, an unknown id, blank, another known value.
        for (String value : new String[] {"\"post\"", "\"editor\"", "\"named\"", "\"official\"", "\"news\"", "\"a\"", "\"@a\""}) {
            for (String replacement : new String[] {"null", "1", "true", "[]", "{}", "\"nope\"", "\"\"", "\" \\u200B \"", "[\"news\"]"}) {
                int at = valid.indexOf(value);
                while (at >= 0) {
                    texts.add(valid.substring(0, at) + replacement + valid.substring(at + value.length()));
                    at = valid.indexOf(value, at + 1);
                }
            }
        }
        for (String name : new String[] {"\"actor\"", "\"role\"", "\"id\"", "\"action\"", "\"channel\"", "\"type\"", "\"handle\"", "\"owner\"",
            "\"capacity\"", "\"content\""}) {
            int at = valid.indexOf(name);
            while (at >= 0) {
                texts.add(valid.substring(0, at) + "\"unknown\"" + valid.substring(at + name.length()));
                texts.add(valid.substring(0, at) + name.toUpperCase(java.util.Locale.ROOT) + valid.substring(at + name.length()));
                at = valid.indexOf(name, at + 1);
            }
        }
        // The source of a promotion or share, optional: given, null, empty, and wrong in each of its parts.
        String end = valid.substring(0, valid.length() - 1);
        for (String source : new String[] {"null", "{}", "{\"handle\":\"@s\"}", "{\"handle\":null,\"owner\":null}",
            "{\"owner\":{\"role\":\"writer\",\"id\":\"b\",\"capacity\":\"official\"}}", "{\"owner\":{\"role\":\"writer\",\"id\":\"a\"}}",
            "1", "[]", "\"@s\"", "{\"handle\":1}", "{\"owner\":1}", "{\"owner\":{}}", "{\"owner\":{\"id\":\"b\"}}",
            "{\"owner\":{\"role\":\"nope\"}}", "{\"owner\":{\"role\":\"writer\",\"capacity\":\"nope\"}}",
            "{\"owner\":{\"role\":\"writer\",\"id\":\" \"}}", "{\"unknown\":1}", "{\"handle\":\"@s\",\"handle\":\"@t\"}",
            "{\"owner\":{\"role\":\"writer\",\"extra\":1}}"}) {
            texts.add(end + ",\"source\":" + source + "}");
        }
        texts.add(valid.replace("[\"news\"]", "[\"news\",\"news\"]"));
        texts.add(valid.replace("[\"news\"]", "[\"news\",null]"));
        texts.add(valid.replace("\"id\":\"a\",\"capacity\"", "\"id\":\"a\",\"id\":\"b\",\"capacity\""));
        texts.add(valid.replace("\"handle\":\"@a\"", "\"handle\":\"@a\",\"handle\":\"@b\""));
        texts.add(valid.replace("\"owner\":{\"role\":\"editor\",", "\"owner\":{"));
        texts.add(valid.replace("{\"role\":\"editor\",\"id\":\"a\"},", "{\"id\":\"a\"},"));
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidText_isLeftToTheTreeReaderSoItsProblemsAreTheSame(String text) {
        Object tree = answer(() -> JSON.readRequestByTree(text));
        PolicyRequest streamed = STREAMING.read(text);
        if (tree instanceof PolicyRequest) {
            // A few replacements stay valid (another known id, an explicit null where absence is allowed): then both read it alike.
            assertThat(streamed).as(text).isEqualTo(tree);
        } else {
            // Either the streaming reader gave up, or it read a request that contradicts the vocabulary's constraints,
            // which both paths check after reading (a source on an action that takes none).
            assertThat(streamed == null || !POLICY.vocabulary().contradictions(streamed).isEmpty()).as(text).isTrue();
            assertThat(tree).asList().isNotEmpty();
        }
        assertSameAnswer(text);
    }

    @Test
    void aBlankPersonIdAfterNormalising_isLeftToTheTreeReader() {
        String text = "{\"actor\":{\"role\":\"editor\",\"id\":\"\\u200B\"},\"action\":\"post\",\"channel\":{},\"content\":[\"news\"]}";

        assertThat(STREAMING.read(text)).isNull();
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> JSON.readRequest(text));
        assertThat(e.problems()).extracting(Problem::path).containsExactly("$.actor.id");
    }

    /** Valid requests with random bytes deleted, doubled or replaced: whatever the tree reader makes of them, both do. */
    @Property(tries = 3000)
    void mutatedText_getsTheSameAnswerFromBothPaths(@ForAll("mutated") String text) {
        assertSameAnswer(text);
    }

    @Provide
    Arbitrary<String> mutated() {
        List<PolicyRequest> domain = RequestDomain.of(POLICY.vocabulary()).stream().limit(2_000).toList();
        return Combinators.combine(Arbitraries.of(domain), Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.of('{', '}', '[', ']', '"', ':', ',', 'n', '1', ' ', '\\', 'x'))
                .as((request, edits, at, character) -> {
                    StringBuilder text = new StringBuilder(JSON.write(withPeople(request, at)));
                    int position = at % text.length();
                    for (int edit : edits) {
                        switch (edit) {
                            case 0 -> text.deleteCharAt(position);
                            case 1 -> text.insert(position, text.charAt(position));
                            default -> text.setCharAt(position, character);
                        }
                        position = (position * 7 + 3) % text.length();
                    }
                    return text.toString();
                });
    }
}
