package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics counts decisions by outcome and deciding rule, times evaluations, and counts requests and invalid requests. */
class MetricsTest {
    private static DecisionServer server;

    @BeforeAll
    static void start() {
        server = DecisionServer.start(Servers.config().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void metrics_countWhatWasAnswered() {
        Http http = new Http(server);
        http.postJson("/v1/decisions", Servers.DENIED);
        http.postJson("/v1/decisions", Servers.DENIED);
        http.postJson("/v1/decisions", Servers.PERMITTED);
        http.postJson("/v1/decisions", Servers.INVALID);
        http.post("/v1/decisions/batch", "application/x-ndjson", Servers.PERMITTED + "\n" + Servers.INVALID + "\n");
        http.get("/no-such-thing");

        HttpResponse<String> response = http.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(response.body())
                .contains("channel_policy_decisions_total{outcome=\"DENY\"} 2.0")
                .contains("channel_policy_decisions_total{outcome=\"PERMIT\"} 2.0")
                .contains("channel_policy_decision_reasons_total{effect=\"DENY\",rule=\"dh.ministers.no-official-help-with-party-political\"} 2.0")
                .contains("channel_policy_decision_reasons_total{effect=\"PERMIT\",rule=\"dh.channels.communications-runs-corporate-channel\"} 2.0")
                .contains("channel_policy_evaluation_seconds_count 4")
                .contains("channel_policy_evaluation_seconds_bucket{le=\"0.001\"}")
                .contains("channel_policy_invalid_requests_total{route=\"/v1/decisions\"} 1.0")
                .contains("channel_policy_invalid_requests_total{route=\"/v1/decisions/batch\"} 1.0")
                .contains("channel_policy_http_requests_total{method=\"POST\",route=\"/v1/decisions\",status=\"200\"} 3.0")
                .contains("channel_policy_http_requests_total{method=\"POST\",route=\"/v1/decisions\",status=\"400\"} 1.0")
                .contains("channel_policy_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0");
        assertThat(response.body()).doesNotContain("comms-17", "@minister_jane", "no-such-thing");
    }

    /** Javalin answers a HEAD without running the route's handler, and the gate answers a preflight: both count under the route. */
    @Test
    void aHeadAndAPreflight_countUnderTheirRoute_notAsStatic() {
        try (DecisionServer counted = DecisionServer.start(Servers.config().corsOrigin("https://tools.example.gov.uk").build())) {
            Http http = new Http(counted);
            assertThat(Http.send(http.request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
            assertThat(Http.send(http.request("/v1/decisions").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://tools.example.gov.uk").header("Access-Control-Request-Method", "POST")).statusCode())
                    .isEqualTo(204);
            assertThat(http.get("/index.html").statusCode()).isEqualTo(200);

            assertThat(http.get("/metrics").body())
                    .contains("channel_policy_http_requests_total{method=\"HEAD\",route=\"/health\",status=\"200\"} 1.0")
                    .contains("channel_policy_http_requests_total{method=\"OPTIONS\",route=\"/v1/decisions\",status=\"204\"} 1.0")
                    .contains("channel_policy_http_requests_total{method=\"GET\",route=\"static\",status=\"200\"} 1.0");
        }
    }

    @Test
    void everyInvalidRequest_isCountedOnce_whateverFoundIt() {
        try (DecisionServer counted = DecisionServer.start(Servers.config().build())) {
            Http http = new Http(counted);
            byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
            assertThat(Http.send(http.request("/v1/decisions").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))).statusCode()).isEqualTo(400);
            assertThat(http.postJson("/v1/decisions", "{\"actor\":").statusCode()).isEqualTo(400);
            assertThat(http.postJson("/v1/decisions", Servers.INVALID).statusCode()).isEqualTo(400);
            assertThat(Http.send(http.request("/v1/explain").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))).statusCode()).isEqualTo(400);
            assertThat(http.postJson("/v1/decisions/batch", "{\"not\":\"an array\"}").statusCode()).isEqualTo(400);
            assertThat(http.postJson("/v1/decisions/batch", "[" + Servers.INVALID + "," + Servers.INVALID + "]").statusCode()).isEqualTo(200);

            assertThat(http.get("/metrics").body())
                    .contains("channel_policy_invalid_requests_total{route=\"/v1/decisions\"} 3.0")
                    .contains("channel_policy_invalid_requests_total{route=\"/v1/explain\"} 1.0")
                    .contains("channel_policy_invalid_requests_total{route=\"/v1/decisions/batch\"} 3.0")
                    .contains("channel_policy_http_requests_total{method=\"POST\",route=\"/v1/decisions\",status=\"400\"} 3.0");
        }
    }
}
