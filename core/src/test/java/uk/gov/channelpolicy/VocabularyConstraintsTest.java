package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * A manifest's constraints make a contradictory request invalid in the one validator, with the path, the
 * constraint's words and the allowed values; the request domain holds only valid requests; a bad constraint is
 * refused when the rule set loads.
 */
class VocabularyConstraintsTest {
    private static final String NAMED_NEEDS_OWNER = """
            "constraints": [ { "id": "named-account-has-an-owner", "description": "contradicts itself: a named account has an owner",
              "when": { "channel.type": ["named"] }, "require": { "channel.owner": ["present"] } } ],
            """;

    @TempDir
    Path directory;

    private Path newsroomWith(String constraints) throws IOException {
        Path copy = Newsroom.copyTo(Files.createTempDirectory(directory, "newsroom"));
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"vocabulary\": \\{", "\"vocabulary\": {\n" + constraints));
        return copy;
    }

    @Test
    void evaluate_refusesARequestThatBreaksAConstraint_andTheDomainLeavesItOut() throws IOException {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(newsroomWith(NAMED_NEEDS_OWNER)).ignoreFileDigests().build();
        PolicyRequest unowned = PolicyRequest.builder(Actor.of("writer", "w"), "post").channel(new Channel("named", null, null))
                .content("news").build();

        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () -> policy.evaluate(unowned));
        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.channel.owner");
            assertThat(problem.message()).isEqualTo("contradicts itself: a named account has an owner");
            assertThat(problem.allowedValues()).containsExactly("present");
        });
        assertThat(policy.evaluate(unowned.toBuilder().channel(new Channel("named", null, Owner.of("writer", "w"))).build()).outcome())
                .isNotNull();
        RequestDomain domain = RequestDomain.of(policy.vocabulary());
        // 2 roles x 3 types (none, newsroom, named) x 7 owners x 1 action x 3 content sets, less named with no owner.
        assertThat(domain.size()).isEqualTo(2 * 3 * 7 * 3 - 2 * 3).isEqualTo(domain.stream().count());
        assertThat(domain.stream()).noneMatch(r -> "named".equals(r.channel().type()) && r.channel().owner() == null);
    }

    @Test
    void anOwnerWithTheActorsIdInAnotherRole_isInvalid_inJavaAndInJson_whateverTheManifestSays() {
        ChannelPolicy policy = Newsroom.policy();
        PolicyRequest twoRoles = PolicyRequest.builder(Actor.of("writer", "w"), "post")
                .channel(new Channel("named", null, Owner.of("editor", "w"))).content("news").build();

        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () -> policy.evaluate(twoRoles));
        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.channel.owner.role");
            assertThat(problem.message()).isEqualTo("contradicts itself: the channel's owner has the actor's id \"w\", so is the actor,"
                    + " whose role is \"writer\"; give the actor's role here, or another person's id");
            assertThat(problem.allowedValues()).containsExactly("writer");
            assertThat(problem.suggestion()).isEqualTo("writer");
        });
        InvalidRequestException json = catchThrowableOfType(InvalidRequestException.class, () -> policy.evaluateJson(
                "{\"actor\":{\"role\":\"writer\",\"id\":\"w\"},\"action\":\"post\",\"channel\":{\"type\":\"named\","
                        + "\"owner\":{\"role\":\"editor\",\"id\":\"w\"}},\"content\":[\"news\"]}"));
        assertThat(json.problems()).isEqualTo(invalid.problems());
        // The same person in one role, or another person in any role, is a valid request.
        assertThat(policy.evaluate(twoRoles.toBuilder().channel(new Channel("named", null, Owner.of("writer", "w"))).build())).isNotNull();
        assertThat(policy.evaluate(twoRoles.toBuilder().channel(new Channel("named", null, Owner.of("editor", "e"))).build())).isNotNull();
    }

    @Test
    void load_refusesAConstraintOnAnUnknownFieldOrValue() throws IOException {
        Path field = newsroomWith("\"constraints\": [ { \"id\": \"x\", \"description\": \"d\", \"when\": { \"channel.kind\": [\"named\"] },"
                + " \"require\": { \"channel.owner\": [\"present\"] } } ],\n");
        RuleSetException unknownField = catchThrowableOfType(RuleSetException.class,
                () -> ChannelPolicy.builder().ruleSetDirectory(field).ignoreFileDigests().build());
        assertThat(unknownField.problems()).extracting(Problem::path).anySatisfy(path -> assertThat(path)
                .endsWith("$.vocabulary.constraints[0].when.channel.kind"));

        Path value = newsroomWith("\"constraints\": [ { \"id\": \"x\", \"description\": \"d\", \"when\": { \"channel.type\": [\"nameless\"] },"
                + " \"require\": { \"channel.owner\": [\"present\"] } } ],\n");
        RuleSetException unknownValue = catchThrowableOfType(RuleSetException.class,
                () -> ChannelPolicy.builder().ruleSetDirectory(value).ignoreFileDigests().build());
        assertThat(unknownValue.problems()).extracting(Problem::message).anySatisfy(message -> assertThat(message)
                .contains("constraint \"x\" gives channel.type the value \"nameless\", which that field never has"));
    }

    @Test
    void aConstraint_mustRequireSomethingOfAKnownField() {
        assertThatThrownBy(() -> new Vocabulary.Constraint("x", "d", Map.of(), Map.of()))
                .hasMessage("constraint \"x\" requires nothing");
        assertThatThrownBy(() -> new Vocabulary.Constraint("x", "d", Map.of("colour", List.of("red")), Map.of("action", List.of("post"))))
                .hasMessageStartingWith("constraint \"x\" tests \"colour\", which is not one of");
    }
}
