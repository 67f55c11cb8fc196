package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;

/**
 * The protocol rules of the AuthZEN 1.0 certification scenario (certification/authorization-api-1_0-scenario.md, sections
 * c-2 and c-5), each on the service's own vocabulary: what is accepted, what is a 400 with a plain body, 401 as the token
 * setting says, X-Request-ID echoed, unknown fields ignored, the same answer twice, and a deny as a 200.
 */
class AuthzenProtocolTest {
    private static final String TOKEN = "authzen-test-token";
    private static DecisionServer guarded;

    private final DecisionServer server = Servers.shared();
    private final ChannelPolicy policy = server.policy();
    private final Http http = new Http(server);

    /** Permitted: the Communications Division replying on the corporate channel, with no handle. */
    static final String PERMITTED = """
            {"subject":{"type":"user","id":"comms-17","properties":{"role":"communications-division"}},\
            "action":{"name":"reply","properties":{"content":["departmental"]}},\
            "resource":{"type":"channel","id":"@dhgovuk"}}""";

    /** Denied: the Communications Division drafting party-political content for a minister's personal channel. */
    static final String DENIED = """
            {"subject":{"type":"user","id":"comms-17","properties":{"role":"communications-division"}},\
            "action":{"name":"draft","properties":{"content":["party-political"]}},\
            "resource":{"type":"channel","id":"@minister_jane","properties":{"owner":{"role":"minister","id":"jane","capacity":"personal"}}}}""";

    @BeforeAll
    static void start() {
        guarded = DecisionServer.start(Servers.config().token(TOKEN).build());
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    @Test
    void aPermit_isDecisionTrueWithTheLibrarysDecisionAsContext() {
        HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATION, PERMITTED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode answer = Http.json(response);
        assertThat(answer.path("decision").isBoolean()).isTrue();
        assertThat(answer.path("decision").booleanValue()).isTrue();
        PolicyRequest same = PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "reply")
                .channel(Channel.unattributed().withHandle("@dhgovuk")).content("departmental").build();
        assertThat(answer.path("context")).isEqualTo(contractWithoutObligations(policy, same));
    }

    @Test
    void aDeny_isA200WithDecisionFalse_neverAnErrorStatus() {
        HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATION, DENIED);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        assertThat(answer.path("decision").booleanValue()).isFalse();
        assertThat(answer.path("context").path("outcome").asText()).isEqualTo("DENY");
        assertThat(answer.path("context").path("reasons").findValuesAsText("rule"))
                .containsExactly("dh.ministers.no-official-help-with-party-political", "dh.partisan.no-civil-service-resources-for-party-politics");
    }

    @Test
    void anEmptyResourceId_isAChannelWithNoHandle() {
        String noHandle = PERMITTED.replace("\"id\":\"@dhgovuk\"", "\"id\":\"\"");
        PolicyRequest same = PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "reply")
                .channel(Channel.unattributed()).content("departmental").build();

        JsonNode answer = Http.json(http.postJson(AuthzenRoutes.EVALUATION, noHandle));

        assertThat(answer.path("context")).isEqualTo(contractWithoutObligations(policy, same));
    }

    @Test
    void everyMappedMember_reachesTheLibrary() {
        String full = """
                {"subject":{"type":"user","id":"jane","properties":{"role":"minister"}},\
                "action":{"name":"post","properties":{"content":["political","departmental"]}},\
                "resource":{"type":"channel","id":"@minister_jane","properties":{"type":"official",\
                "owner":{"role":"minister","id":"jane","capacity":"official"}}}}""";
        PolicyRequest same = PolicyRequest.builder(Actor.of("minister", "jane"), "post")
                .channel(new Channel("official", "@minister_jane", Owner.of("minister", "jane").withCapacity("official")))
                .content("political", "departmental").build();

        JsonNode answer = Http.json(http.postJson(AuthzenRoutes.EVALUATION, full));

        JsonNode library = Http.json(policy.json().write(policy.evaluate(same)));
        assertThat(answer.path("decision").booleanValue()).isEqualTo(library.path("outcome").asText().equals("PERMIT"));
        assertThat(answer.path("context").path("reasons")).isEqualTo(library.path("reasons"));
        assertThat(answer.path("context").path("channelType").asText()).isEqualTo("official");
    }

    @Test
    void unknownMembers_ofTheEnvelopeAndOfProperties_areIgnored() {
        String withExtras = """
                {"subject":{"type":"user","id":"comms-17","properties":{"role":"communications-division","department":"Sales"},"x":1},\
                "action":{"name":"reply","properties":{"content":["departmental"],"method":"GET"}},\
                "resource":{"type":"channel","id":"@dhgovuk","properties":{"status":"active","audience":{"owner":"x"}}},\
                "context":{"time":"2025-06-27T18:03-07:00","ip":"192.168.1.1"},"foo":"bar","futureField":{"nested":true}}""";

        HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATION, withExtras);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED).body());
    }

    @Test
    void theSameRequest_getsTheSameAnswer() {
        String first = http.postJson(AuthzenRoutes.EVALUATION, DENIED).body();

        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson(AuthzenRoutes.EVALUATION, DENIED).body()).isEqualTo(first);
        }
    }

    @Test
    void aWrongContentType_isA400WithAPlainBody() {
        plain400(http.post(AuthzenRoutes.EVALUATION, "text/plain", PERMITTED), "send application/json");
        plain400(http.post(AuthzenRoutes.EVALUATION, null, PERMITTED), "no Content-Type");
        plain400(http.post(AuthzenRoutes.EVALUATIONS, "application/x-www-form-urlencoded", PERMITTED), "send application/json");
        plain400(http.post(AuthzenRoutes.SEARCH_ACTION, "application/json; charset=latin1", PERMITTED), "send UTF-8");
    }

    @Test
    void badOrEmptyJson_isA400WithAPlainBody() {
        plain400(http.postJson(AuthzenRoutes.EVALUATION, "{\"subject\":"), "not well-formed JSON");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, ""), "The body is empty");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, "[]"), "must be a JSON object");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED + " {}"), "not well-formed JSON");
        plain400(http.postJson(AuthzenRoutes.EVALUATIONS, "{\"evaluations\":[}"), "not well-formed JSON");
        plain400(http.postJson(AuthzenRoutes.SEARCH_ACTION, "   "), "The body is empty");
    }

    @Test
    void aFieldOfTheWrongType_isA400NamingIt() {
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replaceFirst("\\{\"type\":\"user\"[^}]*}}", "\"alice\"")),
                "$.subject: must be an object, not a string");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"name\":\"reply\"", "\"name\":123")),
                "$.action.name: must be a string, not a number");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("[\"departmental\"]", "\"departmental\"")),
                "$.action.properties.content: must be an array of strings, not a string");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"id\":\"@dhgovuk\"", "\"id\":null")),
                "$.resource.id: must be a string, not null");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.substring(0, PERMITTED.length() - 1) + ",\"context\":[]}"),
                "$.context: must be an object, not an array");
    }

    @Test
    void aMissingMemberOrSubMember_isA400NamingIt() {
        String subject = "\"subject\":{\"type\":\"user\",\"id\":\"comms-17\",\"properties\":{\"role\":\"communications-division\"}}";
        String action = "\"action\":{\"name\":\"reply\",\"properties\":{\"content\":[\"departmental\"]}}";
        String resource = "\"resource\":{\"type\":\"channel\",\"id\":\"@dhgovuk\"}";
        plain400(http.postJson(AuthzenRoutes.EVALUATION, "{" + action + "," + resource + "}"), "$.subject: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, "{" + subject + "," + resource + "}"), "$.action: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, "{" + subject + "," + action + "}"), "$.resource: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"type\":\"user\",", "")), "$.subject.type: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"id\":\"comms-17\",", "")), "$.subject.id: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"name\":\"reply\",", "")), "$.action.name: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"type\":\"channel\",", "")), "$.resource.type: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace(",\"id\":\"@dhgovuk\"", "")), "$.resource.id: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"properties\":{\"role\":\"communications-division\"}", "\"properties\":{}")),
                "$.subject.properties.role: is required");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace(",\"properties\":{\"content\":[\"departmental\"]}", "")),
                "$.action.properties.content: needs at least one content category");
    }

    /** The Communications Division promotes the minister's tweet via @dhgovuk: properties.source says whose tweet it is. */
    private static final String PROMOTION = """
            {"subject":{"type":"user","id":"comms-17","properties":{"role":"communications-division"}},\
            "action":{"name":"promote","properties":{"content":["political"]}},\
            "resource":{"type":"channel","id":"@dhgovuk","properties":{\
            "source":{"handle":"@minister_jane","owner":{"role":"minister","id":"jane","capacity":"personal"}}}}}""";

    @Test
    void theSourceOfAPromotion_isReadFromResourcePropertiesSource() {
        PolicyRequest same = PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "promote")
                .channel(Channel.unattributed().withHandle("@dhgovuk")).content("political")
                .source(new Source("@minister_jane", Owner.of("minister", "jane").withCapacity("personal"))).build();

        JsonNode answer = Http.json(http.postJson(AuthzenRoutes.EVALUATION, PROMOTION));

        JsonNode library = Http.json(policy.json().write(policy.evaluate(same)));
        assertThat(answer.path("decision").booleanValue()).isTrue();
        assertThat(answer.path("context").path("reasons")).isEqualTo(library.path("reasons"));
        assertThat(answer.path("context").path("codes")).containsExactly(
                com.fasterxml.jackson.databind.node.TextNode.valueOf("official-attributed-content-policy"),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("ministerial-code"));
        JsonNode partisan = Http.json(http.postJson(AuthzenRoutes.EVALUATION, PROMOTION.replace("[\"political\"]", "[\"party-political\"]")));
        assertThat(partisan.path("decision").booleanValue()).isFalse();
        assertThat(partisan.path("context").path("outcome").asText()).isEqualTo("DENY");
    }

    @Test
    void aSourceOnAnActionThatAmplifiesNothing_isA400AtTheAuthzenPath_andASourcesBlankIdTooAtItsOwn() {
        HttpResponse<String> post = http.postJson(AuthzenRoutes.EVALUATION, PROMOTION.replace("\"name\":\"promote\"", "\"name\":\"post\""));
        plain400(post, "The request has 1 problem:");
        assertThat(post.body()).startsWith("The request has 1 problem:\n$.resource.properties.source: names where an amplified tweet came"
                + " from, so only an action that amplifies another tweet takes one (promote, share), not \"post\"");

        HttpResponse<String> blank = http.postJson(AuthzenRoutes.EVALUATION, PROMOTION.replace("\"id\":\"jane\"", "\"id\":\" \""));
        plain400(blank, "The request has 1 problem:");
        assertThat(blank.body()).contains("$.resource.properties.source.owner.id: is blank");
    }

    @Test
    void anActionSearch_withASource_offersOnlyActionsThatTakeOne() {
        String search = PROMOTION.replace("\"action\":{\"name\":\"promote\",\"properties\":{\"content\":[\"political\"]}},", "")
                .replace("}}}}}", "}}}},\"context\":{\"content\":[\"political\"]}}");
        JsonNode answer = Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, search));
        assertThat(answer.path("results").findValuesAsText("name")).containsExactly("promote", "share");
    }

    @Test
    void anUnknownVocabularyValue_isA400FromTheLibrarysValidator_atTheAuthzenPath() {
        HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"role\":\"communications-division\"",
                "\"role\":\"ministr\"").replace("\"departmental\"", "\"partypolitical\""));

        plain400(response, "The request has 2 problems:");
        assertThat(response.body()).isEqualTo("""
                The request has 2 problems:
                $.subject.properties.role: "ministr" is not a role. Allowed: minister, official, communications-division, private-office, other-department-minister, other-department-official, outside-government. \
                Did you mean "minister"?
                $.action.properties.content[0]: "partypolitical" is not a content category. Allowed: departmental, personal, political, \
                party-political, clinical-trial-recruitment. Did you mean "party-political"?
                """);
    }

    @Test
    void aBlankSubjectId_isA400_butAnEmptyResourceIdIsNoHandle() {
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"id\":\"comms-17\"", "\"id\":\" \"")), "$.subject.id: is blank");
        assertThat(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"id\":\"@dhgovuk\"", "\"id\":\"\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void anEntityTypeThePdpDoesNotKnow_isA400ForAnEvaluation() {
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"type\":\"user\"", "\"type\":\"spaceship\"")),
                "$.subject.type: \"spaceship\" is not a subject type this PDP knows. Allowed: user");
        plain400(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED.replace("\"type\":\"channel\"", "\"type\":\"record\"")),
                "$.resource.type: \"record\" is not a resource type this PDP knows. Allowed: channel");
    }

    @Test
    void withAToken_theApiNeedsIt_401WithAPlainBody_andTheMetadataStaysOpen() {
        Http guardedHttp = new Http(guarded);
        for (String path : List.of(AuthzenRoutes.EVALUATION, AuthzenRoutes.EVALUATIONS, AuthzenRoutes.SEARCH_ACTION,
                AuthzenRoutes.SEARCH_SUBJECT, AuthzenRoutes.SEARCH_RESOURCE)) {
            HttpResponse<String> missing = guardedHttp.postJson(path, PERMITTED);
            HttpResponse<String> wrong = guardedHttp.post(path, "application/json", PERMITTED, "Authorization", "Bearer " + TOKEN + "x");
            for (HttpResponse<String> response : List.of(missing, wrong)) {
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertPlain(response);
                assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            }
            assertThat(missing.body()).isEqualTo("This route needs an Authorization: Bearer token.\n");
            assertThat(wrong.body()).isEqualTo("The bearer token is not the one this server accepts.\n");
        }
        assertThat(guardedHttp.post(AuthzenRoutes.EVALUATION, "application/json", PERMITTED, "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(guardedHttp.get(AuthzenRoutes.CONFIGURATION).statusCode()).isEqualTo(200);
    }

    @Test
    void xRequestId_isEchoedOnEveryAnswer_successOrError() {
        String id = "bfe9eb29-ab87-4ca3-be83-a1d5d8305716";
        List<HttpResponse<String>> responses = List.of(
                http.post(AuthzenRoutes.EVALUATION, "application/json", PERMITTED, "X-Request-ID", id),
                http.post(AuthzenRoutes.EVALUATIONS, "application/json", "{\"evaluations\":[{}]}", "X-Request-ID", id),
                http.post(AuthzenRoutes.SEARCH_ACTION, "application/json", PERMITTED, "X-Request-ID", id),
                http.post(AuthzenRoutes.EVALUATION, "application/json", "{", "X-Request-ID", id),
                http.post(AuthzenRoutes.SEARCH_SUBJECT, "application/json", PERMITTED, "X-Request-ID", id),
                http.post("/access/v1/no-such-route", "application/json", PERMITTED, "X-Request-ID", id),
                http.get(AuthzenRoutes.CONFIGURATION, "X-Request-ID", id),
                new Http(guarded).post(AuthzenRoutes.EVALUATION, "application/json", PERMITTED, "X-Request-ID", id));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 400, 404, 404, 200, 401);
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().allValues("X-Request-ID")).as(response.uri() + " " + response.statusCode()).containsExactly(id);
        }
        assertThat(http.postJson(AuthzenRoutes.EVALUATION, PERMITTED).headers().firstValue("X-Request-ID")).isEmpty();
    }

    @Test
    void anAuthzenPathNothingIsServedAt_isA404WithAPlainBody() {
        HttpResponse<String> response = http.postJson("/access/v1/no-such-route", PERMITTED);

        assertThat(response.statusCode()).isEqualTo(404);
        assertPlain(response);
        assertThat(response.body()).isEqualTo("Nothing is served at /access/v1/no-such-route.\n");
    }

    @Test
    void aMethodTheRouteDoesNotTake_isA405WithAPlainBody() {
        HttpResponse<String> response = http.get(AuthzenRoutes.EVALUATION);

        assertThat(response.statusCode()).isEqualTo(405);
        assertPlain(response);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void ourOwnRoutes_stayStrictProblemJson() {
        ErrorResponsesTest.problem(http.postJson("/v1/decisions", "{\"actor\":{\"role\":\"minister\"},\"x\":1}"), 400, "invalid-request");
        ErrorResponsesTest.problem(http.post("/v1/decisions", "text/plain", Servers.PERMITTED), 415, "unsupported-media-type");
    }

    /** The library's decision as the contract writes it, less its (empty) obligations, which AuthZEN leaves out when empty. */
    static JsonNode contractWithoutObligations(ChannelPolicy policy, PolicyRequest request) {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) Http.json(
                policy.json().write(policy.evaluate(request)));
        assertThat(node.path("obligations")).isEmpty();
        return node.without(List.of("obligations"));
    }

    /** A 400 whose plain-text body contains the text. */
    static void plain400(HttpResponse<String> response, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertPlain(response);
        assertThat(response.body()).contains(text);
    }

    /** A plain-text error with the headers every response carries. */
    static void assertPlain(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue(DecisionServer.RULE_SET_HEADER)).isPresent();
        assertThat(response.body()).doesNotStartWith("{").endsWith("\n");
    }
}
