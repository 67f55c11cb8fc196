package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PolicyRequestTest {

    @Test
    void build_listsEveryMissingPartTogether() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> PolicyRequest.builder(null, null).content("a", "a", null).build());

        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("$.actor", "$.action", "$.channel", "$.content[1]", "$.content[2]");
        assertThat(e.getMessage()).startsWith("invalid request (5 problems)");
    }

    @Test
    void actorWithoutRole_isInvalid() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> Actor.of(null));

        assertThat(e.problems()).extracting(Problem::path).containsExactly("$.actor.role");
    }

    @Test
    void toString_masksPersonalData() {
        PolicyRequest request = PolicyRequest.builder(new Actor("official", "amy.smith", "Amy Smith"), "post")
                .channel(new Channel(null, "@AmyatDH", new Owner("official", "amy.smith", "Amy Smith", "official")))
                .content("departmental").build();

        assertThat(request.toString()).doesNotContain("amy.smith", "Amy Smith", "@AmyatDH").contains("official", "***");
    }

    @Test
    void actsOnOwnChannel_needsBothIdsEqual() {
        PolicyRequest own = PolicyRequest.builder(Actor.of("official", "amy"), "post")
                .channel(Channel.ownedBy(Owner.of("official", "amy"))).content("departmental").build();

        assertThat(own.actsOnOwnChannel()).isTrue();
        assertThat(own.toBuilder().actor(Actor.of("official")).build().actsOnOwnChannel()).isFalse();
        assertThat(own.toBuilder().channel(Channel.ownedBy(Owner.of("official", null))).build().actsOnOwnChannel()).isFalse();
        assertThat(own.toBuilder().channel(Channel.unattributed()).build().actsOnOwnChannel()).isFalse();
    }

    @Test
    void evaluate_rejectsIdsOutsideTheVocabularyFromJava() {
        PolicyRequest request = PolicyRequest.builder(Actor.of("edtor"), "post")
                .channel(new Channel("newsrom", null, new Owner("writer", "w", null, "personal"))).content("news", "gossip").build();

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> Newsroom.policy().evaluate(request));

        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("$.actor.role", "$.channel.type", "$.channel.owner.capacity", "$.content[1]");
        assertThat(e.problems().get(0).suggestion()).isEqualTo("editor");
        assertThat(e.problems().get(1).suggestion()).isEqualTo("newsroom");
    }

    @Test
    void nearMiss_suggestsOnlyWhatIsNear() {
        assertThat(Problem.nearest("Minster", java.util.List.of("minister", "official"))).contains("minister");
        assertThat(Problem.nearest("comms", java.util.List.of("minister", "communications-division"))).contains("communications-division");
        assertThat(Problem.nearest("astronaut", java.util.List.of("minister", "official"))).isEmpty();
    }
}
