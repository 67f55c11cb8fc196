package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Problem;

/** Every error is an RFC 9457 problem document with the right status, and never shows the program's internals. */
class ErrorResponsesTest {
    private static final String TYPES = "/problems#";
    private static DecisionServer small;
    private static DecisionServer failing;

    private final DecisionServer server = Servers.shared();
    private final Http http = new Http(server);

    @BeforeAll
    static void start() {
        small = DecisionServer.start(Servers.config().maxBodyBytes(600).maxBatchBodyBytes(2_000).maxBatchItems(3).build());
        ServerConfig config = Servers.config().build();
        failing = DecisionServer.start(config, Servers.shared().policy(), false, javalin -> javalin.routes.get("/v1/fails", ctx -> {
            throw new IllegalStateException("secret internal detail from FailingComponent");
        }));
    }

    @AfterAll
    static void stop() {
        small.close();
        failing.close();
    }

    /** A body past the parser's limits is refused in words of its own, never with the parser's method names. */
    @Test
    void jsonPastTheParsersLimits_saysSoWithoutNamingTheParsersMethods() {
        String deep = "{\"actor\":{\"id\":" + "[".repeat(100) + "]".repeat(100) + "}}";
        List<HttpResponse<String>> responses = List.of(http.postJson("/v1/decisions", deep),
                http.postJson("/v1/decisions/batch", "[" + deep + "]"), http.postJson(AuthzenRoutes.EVALUATION, deep));

        assertThat(problem(responses.get(0), 400, "invalid-request").path("problems").get(0).path("message").asText())
                .isEqualTo("malformed JSON: Document nesting depth (17) exceeds the maximum allowed (16)");
        assertThat(problem(responses.get(1), 400, "invalid-request").path("problems").get(0).path("message").asText())
                .isEqualTo("malformed JSON: Document nesting depth (65) exceeds the maximum allowed (64)");
        assertThat(responses.get(2).statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : responses) {
            assertThat(response.body()).as(response.uri().toString()).contains("nesting depth").doesNotContain("`", "StreamReadConstraints",
                    "getMax");
        }
    }

    @Test
    void invalidRequest_is400ListingEveryProblemWithItsPath() {
        HttpResponse<String> response = http.postJson("/v1/decisions", Servers.INVALID);

        JsonNode body = problem(response, 400, "invalid-request");
        assertThat(body.path("instance").asText()).isEqualTo("/v1/decisions");
        List<Problem> expected = catchThrowableOfType(() -> server.policy().json().readRequest(Servers.INVALID),
                InvalidRequestException.class).problems();
        assertThat(body.path("problems")).hasSize(expected.size()).hasSizeGreaterThanOrEqualTo(4);
        List<String> paths = new ArrayList<>();
        body.path("problems").forEach(p -> paths.add(p.path("path").asText()));
        assertThat(paths).containsExactlyElementsOf(expected.stream().map(Problem::path).toList())
                .contains("$.extra", "$.actor.role", "$.action", "$.content[0]");
        JsonNode role = body.path("problems").get(paths.indexOf("$.actor.role"));
        assertThat(role.path("suggestion").asText()).isEqualTo("minister");
        assertThat(role.path("allowedValues")).extracting(JsonNode::asText).contains("minister", "official");
        assertThat(body.path("detail").asText()).contains(expected.size() + " problems");
    }

    @Test
    void malformedJson_is400WithLineAndColumn() {
        HttpResponse<String> response = http.postJson("/v1/decisions", "{\n  \"actor\": {\"role\": \"minister\",\n  oops");

        JsonNode problem = problem(response, 400, "invalid-request").path("problems").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("$");
        assertThat(problem.path("message").asText()).startsWith("malformed JSON");
        assertThat(problem.path("line").asInt()).isEqualTo(3);
        assertThat(problem.path("column").asInt()).isPositive();
    }

    @Test
    void bodyThatIsNotUtf8_is400() {
        HttpResponse<String> response = Http.send(http.request("/v1/decisions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})));

        assertThat(problem(response, 400, "invalid-request").path("problems").get(0).path("message").asText()).contains("UTF-8");
    }

    @Test
    void bodyOverTheLimit_is413_whetherItsLengthIsDeclaredOrNot() {
        String big = "{\"actor\":{\"role\":\"minister\",\"name\":\"" + "x".repeat(700) + "\"}}";
        Http smallHttp = new Http(small);

        problem(smallHttp.postJson("/v1/decisions", big), 413, "payload-too-large");
        HttpResponse<String> chunked = Http.send(smallHttp.request("/v1/decisions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(problem(chunked, 413, "payload-too-large").path("detail").asText()).contains("600 bytes");
        assertThat(smallHttp.postJson("/v1/decisions", Servers.DENIED).statusCode()).isEqualTo(200);
    }

    @Test
    void batchOverItsLimits_is413() {
        Http smallHttp = new Http(small);
        String four = String.join("\n", Servers.DENIED, Servers.DENIED, Servers.DENIED, Servers.DENIED);

        assertThat(problem(smallHttp.post("/v1/decisions/batch", "application/x-ndjson", four), 413, "payload-too-large")
                .path("detail").asText()).contains("3 requests");
        assertThat(problem(smallHttp.postJson("/v1/decisions/batch", "[" + String.join(",", Servers.DENIED, Servers.DENIED,
                Servers.DENIED, Servers.DENIED) + "]"), 413, "payload-too-large").path("detail").asText()).contains("3 requests");
        problem(smallHttp.post("/v1/decisions/batch", "application/x-ndjson", (Servers.DENIED + "\n").repeat(3) + " ".repeat(2_000)), 413,
                "payload-too-large");
    }

    @Test
    void wrongMediaType_is415() {
        problem(http.post("/v1/decisions", "text/plain", Servers.DENIED), 415, "unsupported-media-type");
        problem(http.post("/v1/decisions", null, Servers.DENIED), 415, "unsupported-media-type");
        problem(http.post("/v1/decisions", "application/json; charset=ISO-8859-1", Servers.DENIED), 415, "unsupported-media-type");
        problem(http.post("/v1/explain", "application/x-ndjson", Servers.DENIED), 415, "unsupported-media-type");
        JsonNode body = problem(http.post("/v1/decisions/batch", "application/xml", "<a/>"), 415, "unsupported-media-type");
        assertThat(body.path("detail").asText()).contains("application/json", "application/x-ndjson");
    }

    @Test
    void unknownRoute_is404() {
        JsonNode body = problem(http.get("/v2/decisions"), 404, "not-found");
        assertThat(body.path("instance").asText()).isEqualTo("/v2/decisions");
        problem(http.postJson("/v1/nothing", Servers.DENIED), 404, "not-found");
    }

    @Test
    void wrongMethod_is405WithAllow() {
        HttpResponse<String> get = http.get("/v1/decisions");
        problem(get, 405, "method-not-allowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> post = http.postJson("/health", "{}");
        problem(post, 405, "method-not-allowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        problem(Http.send(http.request("/v1/rules").DELETE()), 405, "method-not-allowed");
    }

    @Test
    void unexpectedFailure_is500WithAnIncidentAndNoInternals() {
        HttpResponse<String> response = new Http(failing).get("/v1/fails");

        JsonNode body = problem(response, 500, "internal-error");
        assertThat(body.path("incident").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("detail").asText()).contains(body.path("incident").asText());
        assertThat(response.body()).doesNotContain("secret", "FailingComponent", "IllegalStateException", "Exception", "at uk.gov",
                ".java", "javalin", "jetty");
        response.headers().map().forEach((name, values) -> assertThat(values.toString()).doesNotContain("Exception", "Jetty("));
    }

    @Test
    void frameworkErrors_showNoInternalsEither() {
        HttpResponse<String> response = Http.send(http.request("/v1/decisions").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).doesNotContain("Exception", "javalin", "jetty");
    }

    static JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode body = Http.json(response);
        assertThat(body.path("type").asText()).isEqualTo(TYPES + type);
        assertThat(ProblemsPageTest.anchors()).as("a section of /problems for %s", type).contains(type);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.has("instance")).isTrue();
        return body;
    }
}
