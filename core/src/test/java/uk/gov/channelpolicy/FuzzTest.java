package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Property-based and mutation fuzzing of the JSON and Java entry points: whatever comes in, the
 * answer is a decision or an InvalidRequestException with useful problems, never another
 * exception, never PERMIT for an invalid request, and the same answer every time.
 */
class FuzzTest {
    private static final ChannelPolicy POLICY = Newsroom.policy();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The answer to one input, comparable across runs. */
    private static String answer(String json) {
        try {
            Decision decision = POLICY.evaluate(POLICY.json().readRequest(json));
            return "decision " + POLICY.json().write(decision);
        } catch (InvalidRequestException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.path()).startsWith("$");
                assertThat(p.message()).isNotBlank();
            });
            return "invalid " + e.problems();
        }
    }

    @Property(tries = 3000)
    void arbitraryTextIsDecidedOrRejectedNeverThrown(@ForAll("text") String text) {
        String first = answer(text);

        assertThat(answer(text)).isEqualTo(first);
    }

    @Property(tries = 7000)
    void mutatedRequestsAreDecidedOrRejectedWithProblemsAndNeverPermittedWhenInvalid(@ForAll("mutated") String json) {
        String first = answer(json);

        assertThat(answer(json)).as("the same answer every time").isEqualTo(first);
        if (first.startsWith("decision")) {
            // Only a request whose every id is in the vocabulary may be decided at all.
            JsonNode request = readOrNull(json);
            assertThat(request).isNotNull();
            assertThat(POLICY.vocabulary().contains(Kind.ACTIONS, request.path("action").asText())).isTrue();
        }
    }

    @Property(tries = 2000)
    void javaRequestsFromTheVocabularyAlwaysGetTheSameDecision(@ForAll("requests") PolicyRequest request) {
        Decision first = POLICY.evaluate(request);

        assertThat(POLICY.evaluate(request)).isEqualTo(first);
        assertThat(first.outcome()).isNotEqualTo(Outcome.INDETERMINATE);
        assertThat(first.channelType()).isNotNull();
    }

    private static JsonNode readOrNull(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789truefalsn \\ué").ofMaxLength(300),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)),
                Arbitraries.integers().between(1, 40).map(depth -> "[".repeat(depth) + "]".repeat(depth)));
    }

    @Provide
    Arbitrary<PolicyRequest> requests() {
        Vocabulary v = POLICY.vocabulary();
        Arbitrary<String> roles = Arbitraries.of(v.ids(Kind.ROLES));
        Arbitrary<String> types = Arbitraries.of(v.ids(Kind.CHANNEL_TYPES)).injectNull(0.3);
        Arbitrary<Owner> owners = Combinators.combine(roles, Arbitraries.of("me", "you"), Arbitraries.of(v.ids(Kind.CAPACITIES)).injectNull(0.5))
                .as((role, id, capacity) -> new Owner(role, id, null, capacity)).injectNull(0.3);
        Arbitrary<List<String>> content = Arbitraries.of(v.ids(Kind.CONTENT)).set().ofMinSize(1).map(List::copyOf);
        return Combinators.combine(roles, Arbitraries.of(v.ids(Kind.ACTIONS)), types, owners, content)
                .as((role, action, type, owner, categories) -> PolicyRequest.builder(Actor.of(role, "me"), action)
                        .channel(new Channel(type, "@h", actorsOwn(owner, role))).content(categories).build());
    }

    /** An owner with the actor's id is the actor, so has the actor's role: one id names one person (else it is invalid). */
    private static Owner actorsOwn(Owner owner, String actorRole) {
        return owner != null && owner.id().equals("me") ? new Owner(actorRole, "me", null, owner.capacity()) : owner;
    }

    @Provide
    Arbitrary<String> mutated() {
        return Combinators.combine(requests(), Arbitraries.integers().between(0, 11).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(30), Arbitraries.integers().between(0, 9))
                .as((request, mutations, junk, at) -> {
                    ObjectNode tree = (ObjectNode) readOrNull(POLICY.json().write(request));
                    String text = null;
                    for (int mutation : mutations) {
                        text = mutate(tree, mutation, junk, at);
                    }
                    return text != null ? text : tree.toString();
                });
    }

    /** One mutation; most change the tree, some return text that no tree can hold (duplicate keys, truncation). */
    private static String mutate(ObjectNode tree, int mutation, String junk, int at) {
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        String field = fields.isEmpty() ? "actor" : fields.get(at % fields.size());
        ObjectNode actor = tree.path("actor") instanceof ObjectNode node ? node : tree.putObject("actor");
        switch (mutation) {
            case 0 -> tree.remove(field);
            case 1 -> tree.put(junk.isEmpty() ? "extra" : junk, junk);
            case 2 -> tree.put(field, at);
            case 3 -> tree.put(field, at % 2 == 0);
            case 4 -> tree.putNull(field);
            case 5 -> actor.put("role", junk);
            case 6 -> tree.put("action", "x".repeat(MAX_STRING + at));
            case 7 -> {
                ArrayNode content = tree.putArray("content");
                content.add(junk).add(at).add(NODES.nullNode());
            }
            case 8 -> {
                ObjectNode deep = tree.putObject("channel");
                for (int i = 0; i < 20 + at; i++) {
                    deep = deep.putObject("owner");
                }
            }
            case 9 -> {
                return tree.toString().replaceFirst("\\{", "{\"action\":\"post\",");
            }
            case 10 -> {
                String whole = tree.toString();
                return whole.substring(0, Math.max(0, whole.length() - 1 - at));
            }
            default -> actor.put("id", "\u0000\uD83D\uDE00" + junk + "\u202E");
        }
        return null;
    }

    private static final int MAX_STRING = uk.gov.channelpolicy.json.PolicyJson.MAX_STRING_LENGTH;
}
