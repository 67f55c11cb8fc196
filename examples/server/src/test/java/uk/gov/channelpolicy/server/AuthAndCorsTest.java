package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A token guards every route but the pages, /problems, /openapi.yaml and /health; CORS is off unless origins are given,
 * and then only for them. {@link PathSpellingsTest} tries every route with every spelling and method.
 */
class AuthAndCorsTest {
    private static final String TOKEN = Servers.TOKEN;
    private static final String ORIGIN = Servers.ORIGIN;
    private final DecisionServer guarded = Servers.guarded();

    @Test
    void withAToken_apiAndMetricsNeedIt() {
        Http http = new Http(guarded);
        for (HttpResponse<String> response : List.of(http.get("/v1/rules"), http.get("/v1/vocabulary"), http.get("/metrics"),
                http.postJson("/v1/decisions", Servers.DENIED), http.postJson("/v1/explain", Servers.DENIED),
                http.postJson("/v1/decisions/batch", "[]"))) {
            ErrorResponsesTest.problem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    @Test
    void withAToken_aPathNothingIsServedAt_isNotFoundWithOrWithoutIt() {
        Http http = new Http(guarded);

        ErrorResponsesTest.problem(http.get("/v1/no-such-route"), 404, "not-found");
        ErrorResponsesTest.problem(http.get("/v1/no-such-route", "Authorization", "Bearer " + TOKEN), 404, "not-found");
    }

    @Test
    void withAToken_aWrongTokenIsRefusedAndTheRightOneAdmitted() {
        Http http = new Http(guarded);

        HttpResponse<String> wrong = http.get("/v1/rules", "Authorization", "Bearer " + TOKEN + "x");
        ErrorResponsesTest.problem(wrong, 401, "unauthorized");
        ErrorResponsesTest.problem(http.get("/v1/rules", "Authorization", "Basic " + TOKEN), 401, "unauthorized");
        assertThat(http.get("/v1/rules", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/decisions", "application/json", Servers.DENIED, "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void withAToken_thePageTheDescriptionAndHealthStayOpen() {
        Http http = new Http(guarded);

        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/openapi.yaml").statusCode()).isEqualTo(200);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        assertThat(http.get("/problems").statusCode()).isEqualTo(200);
        for (String file : DecisionServer.PAGE_FILES) {
            assertThat(http.get("/" + file).statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void pageFiles_areExactlyThePlaygroundsFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/playground"))) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(DecisionServer.PAGE_FILES);
        }
    }

    @Test
    void cors_aPreflightWithoutTheTokenIsAnsweredWithNothingProtected() {
        HttpResponse<String> preflight = Http.send(new Http(guarded).request("/metrics").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "GET"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.body()).isEmpty();
        ErrorResponsesTest.problem(new Http(guarded).get("/metrics", "Origin", ORIGIN), 401, "unauthorized");
    }

    @Test
    void withoutAToken_everythingIsOpen() {
        assertThat(new Http(Servers.shared()).get("/v1/rules").statusCode()).isEqualTo(200);
        assertThat(new Http(Servers.shared()).get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void cors_isOffWithoutOrigins() {
        Http http = new Http(Servers.shared());

        HttpResponse<String> simple = http.get("/health", "Origin", ORIGIN);
        HttpResponse<String> preflight = preflight(http);

        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void cors_allowsOnlyTheGivenOrigins() {
        Http http = new Http(guarded);

        HttpResponse<String> allowed = http.get("/health", "Origin", ORIGIN);
        HttpResponse<String> other = http.get("/health", "Origin", "https://evil.example.com");
        HttpResponse<String> preflight = preflight(http, ORIGIN);

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValue(DecisionServer.RULE_SET_HEADER + ","
                + AuthzenRoutes.REQUEST_ID);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
        for (HttpResponse<String> response : List.of(allowed, other, preflight)) {
            assertThat(response.headers().allValues("Vary")).as(response.toString()).containsExactly("Origin");
        }
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.body()).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("authorization, content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(preflight.headers().firstValue(DecisionServer.RULE_SET_HEADER)).isPresent();
        assertThat(preflight.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** An origin not listed gets the answer it would get with CORS off: its request decided, only no CORS headers. */
    @Test
    void cors_anOriginNotListed_isAnsweredAsWithoutCors_decidedAndUnchanged() {
        Http http = new Http(guarded);
        String auth = "Bearer " + TOKEN;

        HttpResponse<String> without = http.post("/v1/decisions", "application/json", Servers.DENIED, "Authorization", auth);
        HttpResponse<String> fromOther = http.post("/v1/decisions", "application/json", Servers.DENIED, "Authorization", auth,
                "Origin", "https://evil.example.com");
        HttpResponse<String> fromItself = http.post("/v1/decisions", "application/json", Servers.DENIED, "Authorization", auth,
                "Origin", "http://127.0.0.1:" + guarded.port());
        HttpResponse<String> health = http.get("/health", "Origin", "https://evil.example.com");

        for (HttpResponse<String> response : List.of(fromOther, fromItself)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.json(response)).isEqualTo(Http.json(without));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).path("status").asText()).isEqualTo("UP");
    }

    /** A preflight from an origin not listed is a plain OPTIONS: a 401 with a token, a 405 without, and no CORS headers. */
    @Test
    void cors_aPreflightFromAnOriginNotListed_isNotAnswered() {
        HttpResponse<String> guardedPreflight = preflight(new Http(guarded), "https://evil.example.com");
        HttpResponse<String> openPreflight;
        try (DecisionServer open = DecisionServer.start(Servers.config().corsOrigin(ORIGIN).build())) {
            openPreflight = preflight(new Http(open), "https://evil.example.com");
        }

        ErrorResponsesTest.problem(guardedPreflight, 401, "unauthorized");
        ErrorResponsesTest.problem(openPreflight, 405, "method-not-allowed");
        for (HttpResponse<String> preflight : List.of(guardedPreflight, openPreflight)) {
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
            assertThat(preflight.headers().allValues("Vary")).containsExactly("Origin");
        }
    }

    private static HttpResponse<String> preflight(Http http) {
        return preflight(http, ORIGIN);
    }

    private static HttpResponse<String> preflight(Http http, String origin) {
        return Http.send(http.request("/v1/decisions").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
    }
}
