package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.Catalogue;

/** Each route answers what the library says, in the shapes docs/openapi.yaml describes. */
class DecisionRoutesTest {
    private final DecisionServer server = Servers.shared();
    private final ChannelPolicy policy = server.policy();
    private final Http http = new Http(server);

    @Test
    void decide_answersExactlyWhatTheLibraryWrites() {
        HttpResponse<String> response = http.postJson("/v1/decisions", Servers.DENIED);

        Decision decision = policy.evaluate(policy.json().readRequest(Servers.DENIED));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).isEqualTo(policy.json().write(decision));
        assertThat(Http.json(response).path("outcome").asText()).isEqualTo("DENY");
        assertThat(decision.ruleIds()).contains("dh.ministers.no-official-help-with-party-political");
    }

    @Test
    void decide_acceptsJsonWithACharsetParameter() {
        HttpResponse<String> response = http.post("/v1/decisions", "Application/JSON; charset=\"UTF-8\"", Servers.PERMITTED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("outcome").asText()).isEqualTo("PERMIT");
        assertThat(Http.json(response).path("reasons").get(0).path("rule").asText()).isEqualTo("dh.channels.communications-runs-corporate-channel");
    }

    @Test
    void everyResponse_namesTheRuleSetServingInItsHeader() {
        String expected = DecisionServer.headerValue(policy.ruleSet().identity());
        List<HttpResponse<String>> responses = List.of(
                http.postJson("/v1/decisions", Servers.DENIED),
                http.postJson("/v1/decisions", Servers.INVALID),
                http.postJson("/v1/explain", Servers.DENIED),
                http.post("/v1/decisions/batch", "application/x-ndjson", Servers.DENIED + "\n"),
                http.get("/v1/rules"),
                http.get("/v1/vocabulary"),
                http.get("/health"),
                http.get("/metrics"),
                http.get("/openapi.yaml"),
                http.get("/"),
                http.get("/no/such/page"));

        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue(DecisionServer.RULE_SET_HEADER)).as(response.uri().toString()).hasValue(expected);
        }
        assertThat(expected).startsWith("dh 2.0.0 sha256:");
    }

    @Test
    void explain_givesTheDecisionTheRulesFiredAndTheAlternatives() {
        HttpResponse<String> response = http.postJson("/v1/explain", Servers.DENIED);

        PolicyRequest request = policy.json().readRequest(Servers.DENIED);
        Explanation explanation = policy.explain(request);
        JsonNode body = Http.json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("decision").path("ruleSet")).isEqualTo(identity(policy.ruleSet().identity()));
        assertThat(body.path("decision")).isEqualTo(Http.json(policy.json().write(explanation.decision())));
        List<String> fired = new ArrayList<>();
        body.path("rulesFired").forEach(id -> fired.add(id.asText()));
        assertThat(fired).isEqualTo(explanation.rulesFired()).contains("dh.ministers.no-official-help-with-party-political");
        assertThat(body.path("alternatives")).hasSize(explanation.alternatives().size()).isNotEmpty();
        for (int i = 0; i < explanation.alternatives().size(); i++) {
            JsonNode alternative = body.path("alternatives").get(i);
            var expected = explanation.alternatives().get(i);
            assertThat(alternative.path("request")).isEqualTo(Http.json(policy.json().write(expected.request())));
            assertThat(alternative.path("decision")).isEqualTo(Http.json(policy.json().write(expected.decision())));
            assertThat(alternative.path("changes")).hasSize(expected.changes().size());
            JsonNode change = alternative.path("changes").get(0);
            assertThat(change.path("field").asText()).isEqualTo(expected.changes().get(0).field());
            assertThat(change.path("from").asText()).isEqualTo(expected.changes().get(0).from());
            assertThat(change.path("to").asText()).isEqualTo(expected.changes().get(0).to());
            assertThat(change.path("description").asText()).isEqualTo(expected.changes().get(0).describe());
            assertThat(change.path("instruction").asText()).isEqualTo(expected.changes().get(0).instruction());
        }
        assertThat(body.path("alternatives").get(0).path("changes").get(0).path("instruction").asText())
                .isEqualTo("Ask the channel's owner (a DH minister), whose work it is");
    }

    @Test
    void decisionsAndExplain_ofANotApplicableRequest_sayWhoseWorkItIsAndWhichRulesCameClosest() {
        String request = """
                {"actor":{"role":"official"},"action":"analyse","channel":{},"content":["departmental"]}""";

        JsonNode decision = Http.json(http.postJson("/v1/decisions", request));
        JsonNode explained = Http.json(http.postJson("/v1/explain", request)).path("decision");

        assertThat(decision.path("outcome").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(decision.path("notApplicable").path("whoseWork").toString()).isEqualTo("[\"communications-division\"]");
        assertThat(decision.path("notApplicable").path("closest").get(0).path("rule").asText()).isEqualTo("dh.roles.communications-may-analyse");
        assertThat(decision.path("notApplicable").path("closest").get(0).path("lacking").toString())
                .isEqualTo("[\"applies when the person acting is the Communications Division\"]");
        assertThat(explained).isEqualTo(decision);
        assertThat(decision).isEqualTo(Http.json(policy.json().write(policy.evaluate(policy.json().readRequest(request)))));
    }

    @Test
    void rules_isExactlyTheCatalogue() {
        HttpResponse<String> response = http.get("/v1/rules");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Catalogue.of(policy.ruleSet()).toJson());
        JsonNode first = Http.json(response).path("rules").get(0);
        assertThat(first.has("id") && first.has("area") && first.has("effect") && first.has("citation") && first.has("file")).isTrue();
    }

    @Test
    void vocabulary_listsEveryKindWithLabels() {
        JsonNode body = Http.json(http.get("/v1/vocabulary"));

        assertThat(body.path("ruleSet")).isEqualTo(identity(policy.ruleSet().identity()));
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            List<Vocabulary.Term> terms = policy.vocabulary().terms(kind);
            JsonNode list = body.path("terms").path(kind.key());
            assertThat(list).as(kind.key()).hasSize(terms.size());
            for (int i = 0; i < terms.size(); i++) {
                assertThat(list.get(i).path("id").asText()).isEqualTo(terms.get(i).id());
                assertThat(list.get(i).path("label").asText()).isEqualTo(terms.get(i).label());
                assertThat(list.get(i).has("description")).as("description only when the manifest gives one")
                        .isEqualTo(terms.get(i).description() != null);
            }
        }
        assertThat(body.path("terms").path("roles").get(0).path("id").asText()).isEqualTo("minister");
        // A policy officer reads what sets party-political content apart, as the manifest defines it.
        assertThat(body.path("terms").path("content").get(3).path("description").asText())
                .isEqualTo("Supports or opposes a political party or its campaigns: partisan content, which civil-service resources never serve.");
        // The playground asks whose tweet it is only for the actions that take a source.
        assertThat(body.path("sourceActions").toString()).isEqualTo("[\"promote\",\"share\"]");
    }

    @Test
    void aDecision_withTheSourceOfAPromotion_andASourceWhereNoneIsTaken_isA400AtSource() {
        String promotion = """
                {"actor":{"role":"communications-division","id":"comms-17"},"action":"promote","channel":{"handle":"@dhgovuk"},\
                "source":{"handle":"@minister_jane","owner":{"role":"minister","id":"jane"}},"content":["party-political"]}""";
        JsonNode decision = Http.json(http.postJson("/v1/decisions", promotion));
        assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
        assertThat(decision.path("codes").toString()).isEqualTo("[\"official-attributed-content-policy\",\"ministerial-code\"]");

        HttpResponse<String> misplaced = http.postJson("/v1/decisions", promotion.replace("\"promote\"", "\"post\""));
        assertThat(misplaced.statusCode()).isEqualTo(400);
        JsonNode problem = Http.json(misplaced).path("problems").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("$.source");
        assertThat(problem.path("allowedValues").toString()).isEqualTo("[\"promote\",\"share\"]");
    }

    @Test
    void health_isUpAndNamesTheRuleSet() {
        HttpResponse<String> response = http.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("status").asText()).isEqualTo("UP");
        assertThat(Http.json(response).path("ruleSet")).isEqualTo(identity(policy.ruleSet().identity()));
    }

    @Test
    void playground_isServedWithSecurityHeaders() {
        HttpResponse<String> page = http.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("<html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    static JsonNode identity(RuleSetIdentity identity) {
        return Http.MAPPER.createObjectNode().put("id", identity.id()).put("version", identity.version()).put("digest", identity.digest());
    }
}
