package uk.gov.channelpolicy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary.Term;
import uk.gov.channelpolicy.load.Vocabulary;

/** Reading requests strictly: every kind of bad input gives problems naming the field, never a guess. */
class PolicyJsonTest {
    private static final Vocabulary VOCABULARY = Vocabulary.of(Map.of(
            Kind.ROLES, terms("minister", "official", "communications-division"),
            Kind.CHANNEL_TYPES, terms("corporate", "official", "personal"),
            Kind.ACTIONS, terms("draft", "post"),
            Kind.CONTENT, terms("departmental", "political", "party-political"),
            Kind.CODES, terms("civil-service-code"),
            Kind.PRINCIPLES, terms("be-personal"),
            Kind.CAPACITIES, terms("official")));

    private final PolicyJson json = PolicyJson.forVocabulary(VOCABULARY);

    private static List<Term> terms(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Term(id, id)).toList();
    }

    private List<Problem> problemsOf(String request) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(request));
        assertThat(e).as("expected %s to be invalid", request).isNotNull();
        return e.problems();
    }

    private Problem problemAt(String request, String path) {
        return problemsOf(request).stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + problemsOf(request)));
    }

    @Test
    void readRequest_readsTheContractExample() {
        PolicyRequest request = json.readRequest("""
                {"actor": {"role": "communications-division", "id": "comms-17"}, "action": "draft",
                 "channel": {"type": "personal", "handle": "@minister_jane", "owner": {"role": "minister", "id": "jane"}},
                 "content": ["party-political"]}""");

        assertThat(request).isEqualTo(PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "draft")
                .channel(new Channel("personal", "@minister_jane", Owner.of("minister", "jane")))
                .content("party-political").build());
    }

    @Test
    void readRequest_suggestsTheNearestIdForAMisspeltRole() {
        Problem problem = problemAt("""
                {"actor": {"role": "minster"}, "action": "post", "channel": {}, "content": ["departmental"]}""", "$.actor.role");

        assertThat(problem.message()).isEqualTo("\"minster\" is not a role");
        assertThat(problem.allowedValues()).containsExactly("minister", "official", "communications-division");
        assertThat(problem.suggestion()).isEqualTo("minister");
    }

    @Test
    void readRequest_namesTheKindOfIdWithTheRightArticle() {
        Problem problem = problemAt("""
                {"actor": {"role": "minister"}, "action": "tweet", "channel": {}, "content": ["departmental"]}""", "$.action");

        assertThat(problem.message()).isEqualTo("\"tweet\" is not an action");
    }

    @Test
    void readRequest_listsEveryProblemAtOnce() {
        List<Problem> problems = problemsOf("""
                {"actor": {"role": "ministr", "rank": 3}, "acton": "post", "channel": {"type": "coporate"},
                 "content": ["politcal", 7, "politcal"]}""");

        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.acton", "$.actor.role", "$.actor.rank", "$.action", "$.channel.type", "$.content[0]", "$.content[1]", "$.content[2]");
        assertThat(problems).filteredOn(p -> p.path().equals("$.acton")).extracting(Problem::suggestion).containsExactly("action");
        assertThat(problems).filteredOn(p -> p.path().equals("$.channel.type")).extracting(Problem::suggestion).containsExactly("corporate");
    }

    @Test
    void readRequest_reportsLineAndColumnOfMalformedJson() {
        Problem problem = problemAt("{\n  \"actor\": {\"role\": \"minister\"},\n  \"action\" \"post\"\n}", "$");

        assertThat(problem.message()).startsWith("malformed JSON");
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isGreaterThan(0);
    }

    @Test
    void readRequest_requiresActorRoleActionChannelAndContent() {
        assertThat(problemsOf("{}")).extracting(Problem::path).containsExactly("$.actor", "$.action", "$.channel", "$.content");
        assertThat(problemAt("{\"actor\": {}, \"action\": \"post\", \"channel\": {}, \"content\": [\"political\"]}", "$.actor.role")
                .allowedValues()).contains("minister");
        assertThat(problemAt("{\"actor\": {\"role\": \"official\"}, \"action\": \"post\", \"channel\": {}, \"content\": []}", "$.content")
                .message()).isEqualTo("needs at least one content category");
    }

    @Test
    void readRequest_rejectsWrongTypes() {
        List<Problem> problems = problemsOf("""
                {"actor": "minister", "action": ["post"], "channel": {"owner": {"role": "minister", "id": 42}}, "content": "political"}""");

        assertThat(problems).extracting(Problem::path)
                .containsExactlyInAnyOrder("$.actor", "$.action", "$.channel.owner.id", "$.content");
        assertThat(problems).filteredOn(p -> p.path().equals("$.actor")).extracting(Problem::message)
                .containsExactly("must be an object, not a string");
    }

    @Test
    void readRequest_rejectsDuplicateKeysRatherThanPickingOne() {
        Problem problem = problemAt("""
                {"actor": {"role": "official"}, "action": "post", "action": "draft", "channel": {}, "content": ["political"]}""", "$");

        assertThat(problem.message()).contains("Duplicate field 'action'");
    }

    @Test
    void readRequest_rejectsTrailingContentAndEmptyInput() {
        assertThat(problemAt("{\"actor\": {\"role\": \"official\"}, \"action\": \"post\", \"channel\": {}, \"content\": [\"political\"]} {}", "$")
                .message()).startsWith("malformed JSON");
        assertThat(problemAt("", "$").message()).contains("empty");
        assertThat(problemAt("[]", "$").message()).isEqualTo("must be an object, not a list");
    }

    @Test
    void readRequest_rejectsDeepNestingAndHugeStrings() {
        String deep = "{\"actor\": {\"role\": \"official\", \"id\": " + "[".repeat(50) + "]".repeat(50) + "}}";
        assertThat(problemAt(deep, "$").message()).isEqualTo("malformed JSON: Document nesting depth (17) exceeds the maximum allowed (16)");
        String huge = "{\"actor\": {\"role\": \"official\", \"id\": \"" + "x".repeat(PolicyJson.MAX_STRING_LENGTH + 1) + "\"}}";
        assertThat(problemAt(huge, "$").message()).isEqualTo("malformed JSON: String value length (" + (PolicyJson.MAX_STRING_LENGTH + 1)
                + ") exceeds the maximum allowed (" + PolicyJson.MAX_STRING_LENGTH + ")");
    }

    @Test
    void parserMessage_dropsTheParsersOwnMethodNames() {
        assertThat(PolicyJson.parserMessage("Document nesting depth (17) exceeds the maximum allowed (16, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`)")).isEqualTo("Document nesting depth (17) exceeds the maximum allowed (16)");
        assertThat(PolicyJson.parserMessage("Unexpected end-of-input")).isEqualTo("Unexpected end-of-input");
        assertThat(PolicyJson.parserMessage(null)).isEmpty();
    }

    @Test
    void readRequest_rejectsAnUnknownCapacity() {
        Problem problem = problemAt("""
                {"actor": {"role": "official", "id": "amy"}, "action": "post",
                 "channel": {"owner": {"role": "official", "id": "amy", "capacity": "oficial"}}, "content": ["departmental"]}""",
                "$.channel.owner.capacity");

        assertThat(problem.suggestion()).isEqualTo("official");
    }

    @Test
    void write_producesTheContractsFieldOrder() throws Exception {
        uk.gov.channelpolicy.Decision decision = new uk.gov.channelpolicy.Decision(uk.gov.channelpolicy.Outcome.DENY, "personal",
                List.of("civil-service-code"),
                List.of(new uk.gov.channelpolicy.Reason("x.y.z", uk.gov.channelpolicy.Effect.DENY, "m",
                        new uk.gov.channelpolicy.Citation("src", "Section", "Quote"))),
                List.of(), List.of(), List.of(), new uk.gov.channelpolicy.RuleSetIdentity("x", "1.0.0", "sha256:00"));

        JsonNode written = new ObjectMapper().readTree(json.write(decision));

        assertThat(written.fieldNames()).toIterable().containsExactly(
                "outcome", "channelType", "codes", "reasons", "obligations", "advice", "responsibilities", "ruleSet");
        assertThat(written.at("/reasons/0").fieldNames()).toIterable().containsExactly("rule", "effect", "message", "citation");
        assertThat(written.at("/reasons/0/citation/quote").asText()).isEqualTo("Quote");
    }

    @Test
    void write_thenReadRequestRoundTrips() {
        PolicyRequest request = PolicyRequest.builder(new Actor("official", "amy", "Amy"), "post")
                .channel(new Channel(null, "@AmyatDH", new Owner("official", "amy", "Amy", "official")))
                .content("departmental", "political").build();

        assertThat(json.readRequest(json.write(request))).isEqualTo(request);
    }

    @Test
    void writeError_listsProblemsWithAllowedValuesAndSuggestion() throws Exception {
        JsonNode error = new ObjectMapper().readTree(json.writeError(problemsOf(
                "{\"actor\": {\"role\": \"minster\"}, \"action\": \"post\", \"channel\": {}, \"content\": [\"political\"]}")));

        assertThat(error.at("/error/problems/0/path").asText()).isEqualTo("$.actor.role");
        assertThat(error.at("/error/problems/0/suggestion").asText()).isEqualTo("minister");
        assertThat(error.at("/error/problems/0/allowedValues").size()).isEqualTo(3);
    }

    @Test
    void limits_areConfigurable() {
        PolicyJson tight = PolicyJson.forVocabulary(VOCABULARY, new PolicyJson.Limits(200, 4, 10));
        String request = "{\"actor\": {\"role\": \"official\", \"id\": \"a-very-long-id\"}, \"action\": \"post\", \"channel\": {},"
                + " \"content\": [\"political\"]}";

        assertThat(json.readRequest(request).actor().id()).isEqualTo("a-very-long-id");
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> tight.readRequest(request));
        assertThat(e.problems().get(0).message()).contains("String value length").contains("exceeds the maximum allowed (10");
    }
}
