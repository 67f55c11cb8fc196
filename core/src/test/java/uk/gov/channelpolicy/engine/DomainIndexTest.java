package uk.gov.channelpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.RequestDomain;

/** The dense index of the rule-visible request: every index a request, every request of the domain its index. */
class DomainIndexTest {
    private final Vocabulary vocabulary = Newsroom.policy().vocabulary();
    private final DomainIndex index = DomainIndex.of(vocabulary);

    @Test
    void theNewsroomDomainHasEveryCombinationOfItsDimensions() {
        // 2 roles x (no type + 2 types) x (no owner + (no capacity + 1 capacity) x (own + 2 roles)) x 1 action x 3 content sets
        assertThat(index.size()).isEqualTo(2L * 3 * 7 * 1 * 3);
    }

    @Test
    void everyIndexIsTheIndexOfItsRequest() {
        for (long at = 0; at < index.size(); at++) {
            assertThat(index.indexOf(index.request(at))).as("index %d: %s", at, index.request(at)).isEqualTo(at);
        }
    }

    @Test
    void theValidIndexesAreTheEnumeratedDomainInItsOrder() {
        List<PolicyRequest> valid = new ArrayList<>();
        LongStream.range(0, index.size()).mapToObj(index::request)
                .filter(request -> vocabulary.contradictions(request).isEmpty()).forEach(valid::add);
        assertThat(valid).containsExactlyElementsOf(RequestDomain.of(vocabulary).stream().toList());
    }

    @Test
    void idsNamesAndHandlesDoNotChangeTheIndexButWhoseChannelItIsDoes() {
        PolicyRequest mine = PolicyRequest.builder(new Actor("writer", "ana", "Ana"), "post")
                .channel(new Channel(null, "@ana", new Owner("writer", "ana", "Ana", null))).content("news").build();
        PolicyRequest alsoMine = PolicyRequest.builder(new Actor("writer", "bo", null), "post")
                .channel(new Channel(null, "@bo_news", new Owner("writer", "bo", null, null))).content("news").build();
        PolicyRequest anothers = PolicyRequest.builder(new Actor("writer", "ana", null), "post")
                .channel(new Channel(null, "@bo_news", new Owner("writer", "bo", null, null))).content("news").build();

        assertThat(index.indexOf(mine)).isEqualTo(index.indexOf(alsoMine)).isNotEqualTo(index.indexOf(anothers));
        assertThat(index.request(index.indexOf(anothers)).actsOnOwnChannel()).isFalse();
        assertThat(index.request(index.indexOf(mine)).actsOnOwnChannel()).isTrue();
    }

    @Test
    void aRequestTheIndexCannotRepresentHasNoIndex() {
        PolicyRequest unknownRole = PolicyRequest.builder(Actor.of("wrtier", "ana"), "post").channel(Channel.unattributed())
                .content("news").build();
        PolicyRequest unknownContent = PolicyRequest.builder(Actor.of("writer", "ana"), "post").channel(Channel.unattributed())
                .content("news", "gossip").build();
        PolicyRequest ownChannelInAnotherRole = PolicyRequest.builder(Actor.of("writer", "ana"), "post")
                .channel(new Channel(null, null, new Owner("editor", "ana", null, null))).content("news").build();

        assertThat(index.indexOf(unknownRole)).isEqualTo(-1);
        assertThat(index.indexOf(unknownContent)).isEqualTo(-1);
        assertThat(index.indexOf(ownChannelInAnotherRole)).isEqualTo(-1);
    }
}
