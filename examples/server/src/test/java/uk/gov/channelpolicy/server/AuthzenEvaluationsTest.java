package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * The batch, the action search, the metadata, interop mode and the decision log of the AuthZEN routes, as the standard
 * and the rulings describe them.
 */
class AuthzenEvaluationsTest {
    private static final String COMMS = "{\"type\":\"user\",\"id\":\"comms-17\",\"properties\":{\"role\":\"communications-division\"}}";
    private static final String MINISTER = "{\"type\":\"user\",\"id\":\"jane\",\"properties\":{\"role\":\"minister\"}}";
    private static final String CORPORATE = "{\"type\":\"channel\",\"id\":\"@dhgovuk\"}";
    private static final String JANES = "{\"type\":\"channel\",\"id\":\"@minister_jane\",\"properties\":{\"owner\":{\"role\":\"minister\","
            + "\"id\":\"jane\",\"capacity\":\"personal\"}}}";
    private static final String REPLY = "{\"name\":\"reply\",\"properties\":{\"content\":[\"departmental\"]}}";
    private static final String DRAFT_PARTY = "{\"name\":\"draft\",\"properties\":{\"content\":[\"party-political\"]}}";

    @TempDir
    Path dir;

    private final DecisionServer server = Servers.shared();
    private final Http http = new Http(server);

    @Test
    void defaults_areReplacedWholeByAnItemsOwn_andResultsComeInRequestOrder() {
        // Item 2 gives its own resource with no properties: the default's owner must not leak into it.
        String batch = "{\"subject\":" + COMMS + ",\"action\":" + DRAFT_PARTY + ",\"resource\":" + JANES + ",\"evaluations\":["
                + "{},{\"resource\":" + CORPORATE + "},{\"action\":" + REPLY + ",\"resource\":" + CORPORATE + "},{\"subject\":" + MINISTER + "}]}";

        JsonNode results = Http.json(http.postJson(AuthzenRoutes.EVALUATIONS, batch)).path("evaluations");

        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo(single(COMMS, DRAFT_PARTY, JANES));
        assertThat(results.get(1)).isEqualTo(single(COMMS, DRAFT_PARTY, CORPORATE));
        assertThat(results.get(2)).isEqualTo(single(COMMS, REPLY, CORPORATE));
        assertThat(results.get(3)).isEqualTo(single(MINISTER, DRAFT_PARTY, JANES));
        assertThat(results.findValuesAsText("outcome")).containsExactly("DENY", "DENY", "PERMIT", "PERMIT");
        assertThat(results.get(1).path("context").path("channelType").asText()).isEqualTo("corporate");
    }

    @Test
    void aFailingItem_isDecisionFalseWithContextError_andTheCallStill200() {
        String batch = "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"options\":{\"evaluations_semantic\":\"execute_all\"},"
                + "\"evaluations\":[{\"resource\":" + CORPORATE + "},{},{\"action\":{\"name\":\"tweet\",\"properties\":{\"content\":[\"departmental\"]}},"
                + "\"resource\":" + CORPORATE + "},42,{\"resource\":" + CORPORATE + ",\"subject\":{\"type\":\"spaceship\",\"id\":\"x\"}}]}";

        HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATIONS, batch);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = Http.json(response).path("evaluations");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).path("decision").booleanValue()).isTrue();
        for (int i = 1; i < 5; i++) {
            assertThat(results.get(i).path("decision").booleanValue()).as("item %d", i).isFalse();
            assertThat(results.get(i).path("context").path("error").path("status").asInt()).isEqualTo(400);
        }
        assertThat(results.get(1).path("context").path("error").path("problems").get(0).path("path").asText()).isEqualTo("$.resource");
        JsonNode unknownAction = results.get(2).path("context").path("error").path("problems").get(0);
        assertThat(unknownAction.path("path").asText()).isEqualTo("$.action.name");
        assertThat(unknownAction.path("message").asText()).isEqualTo("\"tweet\" is not an action");
        assertThat(results.get(3).path("context").path("error").path("message").asText()).isEqualTo("The evaluation is not an object.");
        assertThat(results.get(4).path("context").path("error").path("problems").get(0).path("path").asText()).isEqualTo("$.subject.type");
    }

    @Test
    void denyOnFirstDeny_stopsAfterTheFirstDenialOrFailure() {
        String items = "[{\"resource\":" + CORPORATE + "},{\"resource\":" + JANES + "},{\"resource\":" + CORPORATE + "}]";
        String batch = "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"},"
                + "\"evaluations\":" + items + "}";

        JsonNode results = Http.json(http.postJson(AuthzenRoutes.EVALUATIONS, batch)).path("evaluations");

        assertThat(results.findValues("decision")).extracting(JsonNode::booleanValue).containsExactly(true, false);
        String failing = batch.replace("{\"resource\":" + JANES + "}", "{\"resource\":{}}");
        assertThat(Http.json(http.postJson(AuthzenRoutes.EVALUATIONS, failing)).path("evaluations").findValues("decision"))
                .extracting(JsonNode::booleanValue).containsExactly(true, false);
    }

    @Test
    void permitOnFirstPermit_stopsAfterTheFirstPermit() {
        String batch = "{\"subject\":" + COMMS + ",\"options\":{\"evaluations_semantic\":\"permit_on_first_permit\"},\"evaluations\":["
                + "{\"action\":" + DRAFT_PARTY + ",\"resource\":" + JANES + "},{},{\"action\":" + REPLY + ",\"resource\":" + CORPORATE + "},"
                + "{\"action\":" + REPLY + ",\"resource\":" + CORPORATE + "}]}";

        JsonNode results = Http.json(http.postJson(AuthzenRoutes.EVALUATIONS, batch)).path("evaluations");

        assertThat(results.findValues("decision")).extracting(JsonNode::booleanValue).containsExactly(false, false, true);
    }

    @Test
    void executeAll_isTheDefault_andAnUnknownSemanticIsA400() {
        String items = "[{\"resource\":" + CORPORATE + "},{\"resource\":" + JANES + "},{\"resource\":" + CORPORATE + "}]";
        String batch = "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"evaluations\":" + items + "}";

        assertThat(Http.json(http.postJson(AuthzenRoutes.EVALUATIONS, batch)).path("evaluations")).hasSize(3);
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.EVALUATIONS, batch.replace("{\"subject\"",
                "{\"options\":{\"evaluations_semantic\":\"first\",\"another_option\":1},\"subject\"")),
                "$.options.evaluations_semantic: \"first\" is not an evaluations semantic. Allowed: execute_all, deny_on_first_deny, "
                        + "permit_on_first_permit");
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.EVALUATIONS, "{\"evaluations\":{}}"), "$.evaluations: must be an array");
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.EVALUATIONS, "{\"subject\":\"comms\",\"evaluations\":[]}"),
                "$.subject: must be an object, not a string");
    }

    @Test
    void withoutEvaluations_theCallIsOneEvaluation() {
        String one = "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"resource\":" + CORPORATE + "}";

        assertThat(http.postJson(AuthzenRoutes.EVALUATIONS, one).body()).isEqualTo(http.postJson(AuthzenRoutes.EVALUATION, one).body());
        assertThat(http.postJson(AuthzenRoutes.EVALUATIONS, one.replace("}}}", "}},\"evaluations\":[]}")).body())
                .isEqualTo(http.postJson(AuthzenRoutes.EVALUATION, one).body());
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.EVALUATIONS, "{\"evaluations\":[]}"), "$.subject: is required");
    }

    @Test
    void moreItemsThanABatchMayHave_isA413() throws Exception {
        try (DecisionServer small = DecisionServer.start(Servers.config().maxBatchItems(2).build())) {
            HttpResponse<String> response = new Http(small).postJson(AuthzenRoutes.EVALUATIONS, "{\"evaluations\":[{},{},{}]}");

            assertThat(response.statusCode()).isEqualTo(413);
            AuthzenProtocolTest.assertPlain(response);
            assertThat(response.body()).isEqualTo("The batch holds more than the 2 evaluations a batch may have.\n");
        }
    }

    @Test
    void searchAction_listsThePermittedActionsInVocabularyOrder_forTheContentInContext() {
        String departmental = "{\"subject\":" + COMMS + ",\"resource\":" + CORPORATE + "}";

        JsonNode results = Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, departmental)).path("results");

        List<String> expected = server.policy().vocabulary().ids(uk.gov.channelpolicy.load.Vocabulary.Kind.ACTIONS).stream()
                .filter(action -> decision(COMMS, "{\"name\":\"" + action + "\",\"properties\":{\"content\":[\"departmental\"]}}", CORPORATE))
                .toList();
        assertThat(results.findValuesAsText("name")).isEqualTo(expected).contains("draft", "post", "reply", "manage");
        String partyPolitical = "{\"subject\":" + COMMS + ",\"resource\":" + JANES + ",\"context\":{\"content\":[\"party-political\"]}}";
        assertThat(Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, partyPolitical)).path("results")).isEmpty();
        String withActionAndPage = "{\"subject\":" + COMMS + ",\"resource\":" + CORPORATE + ",\"action\":{\"name\":\"reply\"},\"page\":{\"limit\":1}}";
        assertThat(Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, withActionAndPage)).path("results").findValuesAsText("name"))
                .isEqualTo(expected);
    }

    /** Each result names the content it was decided for, so it can be sent back as an evaluation's action as it is. */
    @Test
    void searchAction_eachResult_sentBackAsTheAction_isPermitted() {
        int sentBack = 0;
        for (String context : List.of("", ",\"context\":{\"content\":[\"party-political\"]}", ",\"context\":{\"content\":[\"personal\",\"political\"]}")) {
            for (String[] pair : List.of(new String[] {COMMS, CORPORATE}, new String[] {MINISTER, JANES})) {
                String search = "{\"subject\":" + pair[0] + ",\"resource\":" + pair[1] + context + "}";
                JsonNode results = Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, search)).path("results");
                String content = context.isEmpty() ? "[\"departmental\"]" : Http.json("{" + context.substring(1) + "}").path("context")
                        .path("content").toString();
                for (JsonNode result : results) {
                    assertThat(result.path("properties").path("content").toString()).as(search).isEqualTo(content);
                    JsonNode action = result.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) action).remove("obligations");
                    assertThat(decision(pair[0], action.toString(), pair[1])).as("%s sent back from %s", action, search).isTrue();
                    sentBack++;
                }
            }
        }
        assertThat(sentBack).isEqualTo(41);
    }

    @Test
    void searchAction_carriesThePermitsObligationsPerResult() {
        String ownChannel = "{\"subject\":" + MINISTER + ",\"resource\":" + JANES + ",\"context\":{\"content\":[\"party-political\"]}}";

        JsonNode results = Http.json(http.postJson(AuthzenRoutes.SEARCH_ACTION, ownChannel)).path("results");

        JsonNode post = results.get(results.findValuesAsText("name").indexOf("post"));
        JsonNode evaluated = Http.json(http.postJson(AuthzenRoutes.EVALUATION, "{\"subject\":" + MINISTER + ",\"action\":"
                + "{\"name\":\"post\",\"properties\":{\"content\":[\"party-political\"]}},\"resource\":" + JANES + "}"));
        assertThat(post.path("obligations")).isNotEmpty().isEqualTo(evaluated.path("context").path("obligations"));
        assertThat(post.path("obligations").get(0).path("type").asText()).isEqualTo("custom");
        assertThat(post.path("obligations").findValuesAsText("id")).contains("dh.ministers.treat-as-live-public-media");
    }

    @Test
    void searchAction_anUnknownValueOrEntityType_isEmptyResults_aMissingMemberA400() {
        String unknownRole = "{\"subject\":" + COMMS.replace("communications-division", "comms") + ",\"resource\":" + CORPORATE + "}";
        String unknownContent = "{\"subject\":" + COMMS + ",\"resource\":" + CORPORATE + ",\"context\":{\"content\":[\"gossip\"]}}";
        String unknownType = "{\"subject\":" + COMMS.replace("user", "spaceship") + ",\"resource\":" + CORPORATE + "}";

        for (String search : List.of(unknownRole, unknownContent, unknownType)) {
            HttpResponse<String> response = http.postJson(AuthzenRoutes.SEARCH_ACTION, search);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"results\":[]}");
        }
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.SEARCH_ACTION, "{\"subject\":" + COMMS + "}"), "$.resource: is required");
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.SEARCH_ACTION, "{\"subject\":{\"type\":\"user\"},\"resource\":" + CORPORATE + "}"),
                "$.subject.id: is required");
        AuthzenProtocolTest.plain400(http.postJson(AuthzenRoutes.SEARCH_ACTION, "{\"subject\":" + COMMS + ",\"resource\":"
                + CORPORATE + ",\"context\":{\"content\":\"departmental\"}}"), "$.context.content: must be an array of strings");
    }

    @Test
    void subjectAndResourceSearch_areNotOffered_andSaySo() {
        HttpResponse<String> subjects = http.postJson(AuthzenRoutes.SEARCH_SUBJECT, "{}");
        HttpResponse<String> resources = http.postJson(AuthzenRoutes.SEARCH_RESOURCE, "{}");

        assertThat(subjects.statusCode()).isEqualTo(404);
        assertThat(resources.statusCode()).isEqualTo(404);
        AuthzenProtocolTest.assertPlain(subjects);
        AuthzenProtocolTest.assertPlain(resources);
        assertThat(subjects.body()).isEqualTo(AuthzenRoutes.NO_SUBJECT_SEARCH + "\n");
        assertThat(resources.body()).isEqualTo(AuthzenRoutes.NO_RESOURCE_SEARCH + "\n");
    }

    @Test
    void metadata_namesTheServicesOwnAddressByDefault_andOmitsTheSearchesNotOffered() {
        HttpResponse<String> response = http.get(AuthzenRoutes.CONFIGURATION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        String base = server.url().substring(0, server.url().length() - 1);
        assertThat(Http.json(response)).isEqualTo(Http.json("{\"policy_decision_point\":\"" + base + "\",\"access_evaluation_endpoint\":\""
                + base + "/access/v1/evaluation\",\"access_evaluations_endpoint\":\"" + base + "/access/v1/evaluations\","
                + "\"search_action_endpoint\":\"" + base + "/access/v1/search/action\",\"supported_obligations\":[\"custom\"]}"));
    }

    @Test
    void metadata_usesTheConfiguredPublicBaseUrl() {
        try (DecisionServer behindProxy = DecisionServer.start(Servers.config().publicBaseUrl("https://policy.example.gov.uk/").build())) {
            JsonNode metadata = Http.json(new Http(behindProxy).get(AuthzenRoutes.CONFIGURATION));

            assertThat(metadata.path("policy_decision_point").asText()).isEqualTo("https://policy.example.gov.uk");
            assertThat(metadata.path("access_evaluation_endpoint").asText()).isEqualTo("https://policy.example.gov.uk/access/v1/evaluation");
        }
    }

    /** Listening on every interface names no address: the metadata names the one the client came to, and it answers there. */
    @Test
    void metadata_onEveryInterface_namesTheAddressTheClientUsed_andItsEndpointsAnswer() {
        try (DecisionServer everywhere = DecisionServer.start(Servers.config().host("0.0.0.0").build())) {
            for (String host : List.of("127.0.0.1", "localhost")) {
                String base = "http://" + host + ":" + everywhere.port();
                JsonNode metadata = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                        + AuthzenRoutes.CONFIGURATION))));

                assertThat(metadata.path("policy_decision_point").asText()).isEqualTo(base);
                assertThat(metadata.path("access_evaluation_endpoint").asText()).isEqualTo(base + AuthzenRoutes.EVALUATION);
                HttpResponse<String> evaluated = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        metadata.path("access_evaluation_endpoint").asText())).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(AuthzenProtocolTest.PERMITTED)));
                assertThat(evaluated.statusCode()).isEqualTo(200);
                assertThat(Http.json(evaluated).path("decision").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aPublicBaseUrlThatCannotIdentifyAPdp_isRefused() {
        for (String bad : List.of("policy.example.gov.uk", "ftp://policy.example.gov.uk", "https://policy.example.gov.uk/?tenant=1",
                "https://policy.example.gov.uk/#x", "https://user@policy.example.gov.uk", "https://")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Servers.config().publicBaseUrl(bad).build()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public base URL");
        }
    }

    @Test
    void interopMode_leavesOutEveryContext_errorsIncluded() {
        try (DecisionServer interop = DecisionServer.start(Servers.config().authzenInterop(true).build())) {
            Http interopHttp = new Http(interop);
            String batch = "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"evaluations\":[{\"resource\":" + CORPORATE + "},"
                    + "{\"resource\":" + JANES + "},{\"resource\":{}}]}";

            assertThat(interopHttp.postJson(AuthzenRoutes.EVALUATIONS, batch).body())
                    .isEqualTo("{\"evaluations\":[{\"decision\":true},{\"decision\":false},{\"decision\":false}]}");
            assertThat(interopHttp.postJson(AuthzenRoutes.EVALUATION, AuthzenProtocolTest.DENIED).body()).isEqualTo("{\"decision\":false}");
            String ownChannel = "{\"subject\":" + MINISTER + ",\"resource\":" + JANES + ",\"context\":{\"content\":[\"party-political\"]}}";
            assertThat(interopHttp.postJson(AuthzenRoutes.SEARCH_ACTION, ownChannel).body()).doesNotContain("obligations");
        }
    }

    @Test
    void everyEvaluationAndBatchItemIsRecorded_searchesAreNot() throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        try (DecisionServer logged = DecisionServer.start(Servers.config().decisionLog(log).decisionLogFsync(DecisionLog.Fsync.PER_RECORD).build())) {
            Http loggedHttp = new Http(logged);
            assertThat(loggedHttp.postJson(AuthzenRoutes.EVALUATION, AuthzenProtocolTest.PERMITTED).statusCode()).isEqualTo(200);
            assertThat(loggedHttp.postJson(AuthzenRoutes.EVALUATIONS, "{\"subject\":" + COMMS + ",\"action\":" + REPLY + ",\"evaluations\":["
                    + "{\"resource\":" + CORPORATE + "},{\"resource\":" + JANES + "},{\"resource\":{}}]}").statusCode()).isEqualTo(200);
            assertThat(loggedHttp.postJson(AuthzenRoutes.SEARCH_ACTION, "{\"subject\":" + COMMS + ",\"resource\":" + CORPORATE + "}").statusCode())
                    .isEqualTo(200);
        }

        List<String> records = Files.readAllLines(log);
        assertThat(records).hasSize(3);
        assertThat(String.join("\n", records)).doesNotContain("comms-17", "@dhgovuk", "@minister_jane");
    }

    private JsonNode single(String subject, String action, String resource) {
        return Http.json(http.postJson(AuthzenRoutes.EVALUATION, "{\"subject\":" + subject + ",\"action\":" + action + ",\"resource\":" + resource + "}"));
    }

    private boolean decision(String subject, String action, String resource) {
        return single(subject, action, resource).path("decision").booleanValue();
    }
}
