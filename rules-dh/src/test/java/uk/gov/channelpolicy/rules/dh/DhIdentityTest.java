package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Ids alone never open a door: over the whole DH domain, no change to the actor's and owner's ids turns a
 * decision that is not PERMIT into PERMIT, except making them the same person (equal, non-blank ids). Blank
 * ids (empty, whitespace, invisible) are invalid requests, and ids are compared in Unicode NFKC without
 * whitespace or invisible characters at either end.
 */
class DhIdentityTest {
    private static final ChannelPolicy POLICY = DhDomain.POLICY;

    /** Id pairs (actor, owner) that are one person: equal after normalising. */
    private static final List<String[]> SAME_PERSON = List.of(new String[] {"jane", "jane"}, new String[] {"jane", " jane\u200B"},
            new String[] {"\uFF4A\uFF41\uFF4E\uFF45", "jane"}, new String[] {"jane\u00A0", "\u2060jane"});
    /** Id pairs that are not one person. */
    private static final List<String[]> NOT_THE_SAME = List.of(new String[] {null, null}, new String[] {"jane", null},
            new String[] {null, "jane"}, new String[] {"jane", "sam"}, new String[] {"jane", "ja ne"}, new String[] {"jane", "JANE"});
    /** Ids that are nothing once normalised. */
    private static final List<String> BLANK = List.of("", " ", "\t\n", "\u200B", "\u00A0\u3000", "\uFEFF", "\u3164", "\u2800");

    private static PolicyRequest withIds(PolicyRequest request, String actorId, String ownerId) {
        Owner owner = request.channel().owner();
        Owner renamed = new Owner(owner.role(), ownerId, owner.name(), owner.capacity());
        return request.toBuilder().actor(new Actor(request.actor().role(), actorId, request.actor().name()))
                .channel(new Channel(request.channel().type(), request.channel().handle(), renamed)).build();
    }

    @Test
    void idsAlone_neverTurnANonPermitIntoAPermit_exceptByBeingTheSamePerson() {
        // Ten variants of each of 843,696 requests: on every core, the policy being thread-safe.
        List<PolicyRequest> owned = new ArrayList<>();
        for (PolicyRequest request : RequestDomain.of(POLICY.vocabulary())) {
            if (request.channel().owner() != null) {
                owned.add(request);
            }
        }
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        owned.parallelStream().forEach(request -> {
            boolean samePermits = false;
            boolean sameRefuses = false;
            for (String[] ids : SAME_PERSON) {
                PolicyRequest variant = withIds(request, ids[0], ids[1]);
                assertThat(variant.actsOnOwnChannel()).as("%s", variant).isTrue();
                if (!request.channel().owner().role().equals(request.actor().role())) {
                    // One id names one person: the actor's id on an owner in another role is a contradiction, never a decision.
                    assertThat(POLICY.vocabulary().problems(variant)).as("%s", variant).extracting(uk.gov.channelpolicy.Problem::path)
                            .containsExactly("$.channel.owner.role");
                    continue;
                }
                boolean permitted = POLICY.evaluate(variant).outcome() == Outcome.PERMIT;
                samePermits |= permitted;
                sameRefuses |= !permitted;
            }
            assertThat(samePermits && sameRefuses).as("every spelling of one person decides alike: %s", request).isFalse();
            for (String[] ids : NOT_THE_SAME) {
                PolicyRequest variant = withIds(request, ids[0], ids[1]);
                assertThat(variant.actsOnOwnChannel()).as("%s", variant).isFalse();
                if (POLICY.evaluate(variant).outcome() == Outcome.PERMIT && sameRefuses) {
                    violations.add(variant.toString());
                }
            }
        });
        assertThat(owned).hasSize(843_696);
        assertThat(violations).as("not being the channel's owner should never be what permits").isEmpty();
    }

    @Test
    void whoseTweetIsAmplified_byIdAlone_neverChangesTheOutcome() {
        // DH reads the actor's own tweet as adding nothing the guidance speaks to (only advice differs): the source owner's
        // id, the actor's or someone else's, leaves the outcome as it is.
        int checked = 0;
        List<String> violations = new ArrayList<>();
        for (PolicyRequest request : RequestDomain.of(POLICY.vocabulary())) {
            Source source = request.source();
            if (source == null || source.owner() == null || !source.owner().role().equals(request.actor().role())) {
                continue; // only someone in the actor's role can be the actor: another role with the actor's id is invalid
            }
            Owner owner = source.owner();
            PolicyRequest own = request.toBuilder()
                    .source(new Source(null, new Owner(owner.role(), RequestDomain.ACTOR_ID, null, owner.capacity()))).build();
            PolicyRequest another = request.toBuilder()
                    .source(new Source(null, new Owner(owner.role(), RequestDomain.OTHER_ID, null, owner.capacity()))).build();
            assertThat(own.sourceIsActorsOwn()).isTrue();
            assertThat(another.sourceIsActorsOwn()).isFalse();
            if (POLICY.evaluate(own).outcome() != POLICY.evaluate(another).outcome()) {
                violations.add(own.toString());
            }
            checked++;
        }
        // 2 actions x the 6 source owners in the actor's role (3 capacities, the actor or someone else) x 31 content sets
        // x the 446 channels an actor can act on.
        assertThat(checked).isEqualTo(2 * 6 * 31 * 446);
        assertThat(violations).isEmpty();
    }

    @Test
    void blankIds_areInvalidRequests_inJavaAndInJson() {
        for (String blank : BLANK) {
            InvalidRequestException actor = catchThrowableOfType(InvalidRequestException.class, () -> Actor.of("official", blank));
            assertThat(actor.problems()).extracting(Problem::path).containsExactly("$.actor.id");
            InvalidRequestException owner = catchThrowableOfType(InvalidRequestException.class, () -> Owner.of("minister", blank));
            assertThat(owner.problems()).extracting(Problem::path).containsExactly("$.channel.owner.id");

            String json = "{\"actor\":{\"role\":\"communications-division\",\"id\":" + quoted(blank) + "},\"action\":\"manage\","
                    + "\"channel\":{\"type\":\"personal\",\"owner\":{\"role\":\"minister\",\"id\":" + quoted(blank) + "}},"
                    + "\"content\":[\"departmental\"]}";
            InvalidRequestException both = catchThrowableOfType(InvalidRequestException.class, () -> POLICY.json().readRequest(json));
            assertThat(both.problems()).as("%s", json).extracting(Problem::path).containsExactlyInAnyOrder("$.channel.owner.id", "$.actor.id");
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.append('"').toString();
    }
}
