package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.load.Vocabulary.Group;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary.Term;
import uk.gov.channelpolicy.log.DecisionLog;
import uk.gov.channelpolicy.tools.RequestDomain;
import uk.gov.channelpolicy.tools.scenario.DecisionSnapshot;

/**
 * The source of a promotion or share: only the actions of the vocabulary's {@code amplifying} group take one, checked by
 * the one validator; it is read and written as JSON, masked in the decision log, seen by rules only as roles, capacity
 * and own-or-another's, and enumerated by the request domain in the documented slot order.
 */
class SourceTest {
    /** Two roles, post (takes no source) and share (takes one), one capacity. */
    private static final Vocabulary VOCABULARY = Vocabulary.of(Map.of(
            Kind.ROLES, terms("editor", "writer"),
            Kind.CHANNEL_TYPES, terms("newsroom", "named"),
            Kind.ACTIONS, terms("post", "share"),
            Kind.CONTENT, terms("news", "opinion"),
            Kind.CODES, terms("house-style"),
            Kind.PRINCIPLES, terms("be-brief"),
            Kind.CAPACITIES, terms("official")),
            List.of(new Group("amplifying", "amplifying", Kind.ACTIONS, List.of("share"))));

    private final PolicyJson json = PolicyJson.forVocabulary(VOCABULARY);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path directory;

    private static List<Term> terms(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Term(id, id)).toList();
    }

    private static PolicyRequest.Builder share() {
        return PolicyRequest.builder(Actor.of("writer", "jane"), "share").channel(Channel.unattributed()).content("news");
    }

    @Test
    void theAmplifyingGroup_saysWhichActionsTakeASource() {
        assertThat(VOCABULARY.sourceActions()).containsExactly("share");
        assertThat(VOCABULARY.takesSource("share")).isTrue();
        assertThat(VOCABULARY.takesSource("post")).isFalse();
        assertThatThrownBy(() -> Vocabulary.of(Map.of(Kind.ROLES, terms("editor"), Kind.CHANNEL_TYPES, terms(), Kind.ACTIONS, terms("post"),
                Kind.CONTENT, terms("news"), Kind.CODES, terms(), Kind.PRINCIPLES, terms(), Kind.CAPACITIES, terms()),
                List.of(new Group("amplifying", "x", Kind.ROLES, List.of("editor")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group \"amplifying\" names the actions that take a source, so it gathers actions, not roles");
    }

    @Test
    void aSourceOnAnActionThatAmplifiesNothing_isInvalid_withTheActionsThatTakeOne() {
        PolicyRequest post = share().action("post").source(Source.ownedBy(Owner.of("editor", "ed"))).build();

        assertThat(VOCABULARY.problems(post)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.source");
            assertThat(problem.message()).isEqualTo("names where an amplified tweet came from, so only an action that amplifies another tweet"
                    + " takes one (share), not \"post\": remove the source, or choose one of those actions");
            assertThat(problem.allowedValues()).containsExactly("share");
        });
        assertThat(VOCABULARY.problems(share().source(Source.ownedBy(Owner.of("editor", "ed"))).build())).isEmpty();
        assertThat(VOCABULARY.problems(share().build())).as("a source is optional").isEmpty();
    }

    @Test
    void aSourceOwnersIds_areCheckedAgainstTheVocabulary_atTheSourcesPaths() {
        PolicyRequest request = share().source(Source.ownedBy(new Owner("editr", "ed", null, "offical"))).build();

        assertThat(VOCABULARY.problems(request)).extracting(Problem::path, Problem::suggestion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("$.source.owner.role", "editor"),
                org.assertj.core.groups.Tuple.tuple("$.source.owner.capacity", "official"));
    }

    @Test
    void json_readsAndWritesTheSource_andARequestWithoutOneIsWrittenAsBefore() throws IOException {
        PolicyRequest read = json.readRequest("""
                {"actor": {"role": "writer", "id": "jane"}, "action": "share", "channel": {},
                 "source": {"handle": "@ed", "owner": {"role": "editor", "id": "ed", "name": "Ed", "capacity": "official"}},
                 "content": ["news"]}
                """);
        assertThat(read.source()).isEqualTo(new Source("@ed", new Owner("editor", "ed", "Ed", "official")));
        assertThat(mapper.readTree(PolicyJson.writeRequest(read)).get("source")).isEqualTo(mapper.readTree(
                "{\"handle\": \"@ed\", \"owner\": {\"role\": \"editor\", \"id\": \"ed\", \"name\": \"Ed\", \"capacity\": \"official\"}}"));

        PolicyRequest corporate = json.readRequest("""
                {"actor": {"role": "writer"}, "action": "share", "channel": {}, "source": {}, "content": ["news"]}
                """);
        assertThat(corporate.source()).as("a source with no owner: a corporate account's tweet").isEqualTo(Source.unattributed());
        assertThat(mapper.readTree(PolicyJson.writeRequest(corporate)).get("source")).isEqualTo(mapper.createObjectNode());

        PolicyRequest none = json.readRequest("""
                {"actor": {"role": "writer"}, "action": "share", "channel": {}, "content": ["news"]}
                """);
        assertThat(none.source()).isNull();
        assertThat(PolicyJson.writeRequest(none)).isEqualTo("{\"actor\":{\"role\":\"writer\"},\"action\":\"share\",\"channel\":{},\"content\":[\"news\"]}");
    }

    @Test
    void json_reportsEveryProblemOfASource_atItsOwnPaths() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest("""
                {"actor": {"role": "writer"}, "action": "share", "channel": {},
                 "source": {"handel": "@ed", "owner": {"role": "editr", "id": "  "}}, "content": ["news"]}
                """));
        assertThat(invalid.problems()).extracting(Problem::path).containsExactly("$.source.handel", "$.source.owner.role", "$.source.owner.id");

        InvalidRequestException blank = catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest("""
                {"actor": {"role": "writer"}, "action": "share", "channel": {}, "source": {"owner": {"role": "editor", "id": " \\u200b "}},
                 "content": ["news"]}
                """));
        assertThat(blank.problems()).extracting(Problem::path).containsExactly("$.source.owner.id");
    }

    @Test
    void theFact_seesOnlyRolesCapacityAndOwnOrAnothers_andTellsRequestsApartByThem() {
        Request own = new Request(share().source(Source.ownedBy(new Owner("writer", "jane", "Jane", "official")).withHandle("@jane")).build(),
                VOCABULARY);
        assertThat(own.isHasSource()).isTrue();
        assertThat(own.isSourceOwned()).isTrue();
        assertThat(own.getSourceOwnerRole()).isEqualTo("writer");
        assertThat(own.getSourceOwnerCapacity()).isEqualTo("official");
        assertThat(own.isSourceIsActorsOwn()).isTrue();
        assertThat(own.toString()).doesNotContain("jane", "Jane").contains("sourceIsActorsOwn=true");

        Request another = new Request(share().source(Source.ownedBy(new Owner("writer", "someone", null, "official"))).build(), VOCABULARY);
        Request anotherElse = new Request(share().source(Source.ownedBy(new Owner("writer", "else", "Else", "official"))).build(), VOCABULARY);
        Request corporate = new Request(share().source(Source.unattributed()).build(), VOCABULARY);
        Request none = new Request(share().build(), VOCABULARY);
        assertThat(another).isEqualTo(anotherElse).hasSameHashCodeAs(anotherElse).isNotEqualTo(own);
        assertThat(corporate.isHasSource()).isTrue();
        assertThat(corporate.isSourceOwned()).isFalse();
        assertThat(corporate).isNotEqualTo(none);
        assertThat(none.isHasSource()).isFalse();
        assertThat(none.getSourceOwnerGroups()).isEmpty();
    }

    @Test
    void theDomain_enumeratesActionSlots_inTheDocumentedOrder() {
        RequestDomain domain = RequestDomain.of(VOCABULARY);
        // post: 1 slot; share: none, no owner, then for capacity [none, official]: the actor, an editor, a writer.
        assertThat(domain.actionSlots()).isEqualTo(1 + (1 + 1 + 2 * (1 + 2)));
        // 2 roles x 3 types (none, newsroom, named) x 7 channel owners x 9 slots x 3 content sets; no constraints.
        assertThat(domain.combinations()).isEqualTo(2 * 3 * 7 * 9 * 3).isEqualTo(domain.size()).isEqualTo(domain.stream().count());

        List<String> slots = new ArrayList<>();
        domain.stream().limit(9 * 3).filter(request -> request.content().equals(List.of("news")))
                .forEach(request -> slots.add(request.action() + " " + sourceKey(request)));
        assertThat(slots).containsExactly("post -", "share -", "share none", "share self:-", "share other:editor:-",
                "share other:writer:-", "share self:official", "share other:editor:official", "share other:writer:official");
        PolicyRequest first = domain.iterator().next();
        assertThat(first.actor().role()).isEqualTo("editor");
        assertThat(first.channel()).isEqualTo(Channel.unattributed());
        // The second "share none" is the source with no owner; the first is no source at all.
        assertThat(domain.stream().skip(3).findFirst().orElseThrow().source()).isNull();
        assertThat(domain.stream().skip(6).findFirst().orElseThrow().source()).isEqualTo(Source.unattributed());
        // The actor's own source has the actor's role and id.
        assertThat(domain.stream().skip(9).findFirst().orElseThrow().source())
                .isEqualTo(new Source(null, new Owner("editor", RequestDomain.ACTOR_ID, null, null)));
        assertThat(domain.stream()).allSatisfy(request -> assertThat(VOCABULARY.problems(request)).isEmpty());
    }

    private static String sourceKey(PolicyRequest request) {
        String key = DecisionSnapshot.key(request);
        int at = key.indexOf("|source:");
        return request.source() == null ? "-" : request.source().owner() == null ? "none" : key.substring(at + "|source:".length());
    }

    @Test
    void snapshotKeys_namesTheSourceOnlyWhenThereIsOne_andReadBack() {
        PolicyRequest none = share().build();
        PolicyRequest other = PolicyRequest.builder(Actor.of("writer", RequestDomain.ACTOR_ID), "share").channel(Channel.unattributed())
                .content("news").source(Source.ownedBy(new Owner("editor", RequestDomain.OTHER_ID, null, "official"))).build();
        assertThat(DecisionSnapshot.key(none)).isEqualTo("writer|share|-|none|news");
        assertThat(DecisionSnapshot.key(other)).isEqualTo("writer|share|-|none|news|source:other:editor:official");
        assertThat(DecisionSnapshot.request(DecisionSnapshot.key(other))).isEqualTo(other);
        for (PolicyRequest request : RequestDomain.of(VOCABULARY)) {
            assertThat(DecisionSnapshot.key(DecisionSnapshot.request(DecisionSnapshot.key(request)))).isEqualTo(DecisionSnapshot.key(request));
        }
    }

    /** The newsroom rule set with a share action that takes a source. */
    private Path newsroomThatShares() throws IOException {
        Path copy = Newsroom.copyTo(Files.createTempDirectory(directory, "newsroom"));
        Path manifest = copy.resolve("manifest.json");
        ObjectNode root = (ObjectNode) mapper.readTree(manifest.toFile());
        ObjectNode vocabulary = (ObjectNode) root.get("vocabulary");
        ((ArrayNode) vocabulary.get("actions")).addObject().put("id", "share").put("label", "share");
        ArrayNode groups = vocabulary.has("groups") ? (ArrayNode) vocabulary.get("groups") : vocabulary.putArray("groups");
        ObjectNode amplifying = groups.addObject().put("id", "amplifying").put("label", "Sharing").put("of", "actions");
        amplifying.putArray("members").add("share");
        Files.writeString(manifest, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return copy;
    }

    @Test
    void whyNot_neverChangesWhoseTweetItIs_andAnActionThatTakesNoSourceLeavesItOut() throws IOException {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(newsroomThatShares()).ignoreFileDigests().build();
        Source source = Source.ownedBy(Owner.of("writer", "someone"));
        PolicyRequest shared = PolicyRequest.builder(Actor.of("editor", "ed"), "share").channel(Channel.unattributed()).content("news")
                .source(source).build();

        Explanation explanation = policy.explain(shared);
        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        // Editors post on the newsroom account: posting one's own tweet instead of sharing this one, with no source.
        assertThat(explanation.alternatives()).anySatisfy(alternative -> {
            assertThat(alternative.changes()).extracting(Change::field, Change::to).containsExactly(org.assertj.core.groups.Tuple.tuple("action", "post"));
            assertThat(alternative.request().source()).isNull();
            assertThat(alternative.decision().outcome()).isEqualTo(Outcome.PERMIT);
        });
        assertThat(explanation.alternatives()).allSatisfy(alternative -> assertThat(alternative.request().source())
                .as("whose tweet it is is never a change offered").isIn(source, null));
    }

    @Test
    void evaluate_refusesAMisplacedSource_andTheDecisionLogMasksTheSourcesPersonalData() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.builder(file).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(newsroomThatShares()).ignoreFileDigests().decisionSink(log).build();
            PolicyRequest shared = PolicyRequest.builder(new Actor("writer", "jane.smith", "Jane Smith"), "share").channel(Channel.unattributed())
                    .content("news").source(new Source("@ed_writes", new Owner("editor", "ed.jones", "Ed Jones", "official"))).build();
            policy.evaluate(shared);
            policy.evaluate(shared.toBuilder().source(null).build());

            InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                    () -> policy.evaluate(shared.toBuilder().action("post").build()));
            assertThat(invalid.problems()).extracting(Problem::path).containsExactly("$.source");
        }
        String text = Files.readString(file);
        assertThat(text).doesNotContain("jane.smith", "Jane Smith", "ed.jones", "Ed Jones", "@ed_writes");
        List<JsonNode> records = text.lines().map(line -> {
            try {
                return mapper.readTree(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).at("/request/source")).isEqualTo(mapper.readTree(
                "{\"handle\": \"***\", \"owner\": {\"role\": \"editor\", \"id\": \"***\", \"name\": \"***\", \"capacity\": \"official\"}}"));
        assertThat(records.get(0).at("/request/ownSource").asBoolean(true)).isFalse();
        assertThat(records.get(1).has("source")).isFalse();
        assertThat(records.get(1).at("/request").has("source")).isFalse();
        assertThat(records.get(1).at("/request").has("ownSource")).isFalse();
    }
}
