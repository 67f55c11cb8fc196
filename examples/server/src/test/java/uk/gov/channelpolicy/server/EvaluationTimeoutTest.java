package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.BackstopRules;
import uk.gov.channelpolicy.facts.Request;

/**
 * The server evaluates with a timeout (one second unless configured): a rule that stalls, or one that overflows the
 * stack, gives an INDETERMINATE decision answered 200 like any decision, never a held request or a 500 with a trace.
 * (The rule that computes keeps its evaluation thread until it finishes: the JVM cannot stop it safely.)
 * Such rules cannot be written inside the policy profile, so they are loaded through the library's test hook
 * ({@link BackstopRules}); what is tested is the server's configuration reaching the library and what it answers.
 */
class EvaluationTimeoutTest {
    private static final String RULES = """
            package rulesets.dh;

            import uk.gov.channelpolicy.facts.Request;

            function int deeper(int depth) {
                return deeper(depth + 1) + 1;
            }

            rule "A rule that computes for too long"
                @id("dh.faults.stalls")
                @description("Computes for 2.5 seconds, longer than any timeout here, to test the server's evaluation timeout.")
                @citation("Principles")
                @quote("Be responsible")
            when
                Request( action == "manage" )
            then
                java.time.Instant until = java.time.Instant.now().plusMillis(2500);
                long spins = 0;
                while (java.time.Instant.now().isBefore(until)) {
                    spins++;
                }
            end

            rule "A rule that overflows the stack"
                @id("dh.faults.overflows")
                @description("Recurses without end, to test that a StackOverflowError is not a 500.")
                @citation("Principles")
                @quote("Be responsible")
            when
                Request( action == "support" )
            then
                deeper(0);
            end
            """;

    @TempDir
    Path temp;

    @Test
    void ruleThatStalls_isIndeterminateNamingTheRule_atTheConfiguredTimeout() throws Exception {
        try (DecisionServer server = start(Servers.config().evaluationTimeout(Duration.ofMillis(300)))) {
            Http http = new Http(server);

            HttpResponse<String> stalled = http.postJson("/v1/decisions", request("manage"));

            JsonNode decision = indeterminate(stalled);
            assertThat(decision.path("reasons").get(0).path("rule").asText()).isEqualTo("dh.faults.stalls");
            assertThat(decision.path("reasons").get(0).path("message").asText()).contains("evaluation timeout of 300 ms");
            assertThat(Http.json(http.postJson("/v1/decisions", Servers.PERMITTED)).path("outcome").asText()).isEqualTo("PERMIT");
        }
    }

    @Test
    void withoutConfiguration_theTimeoutIsOneSecond() throws Exception {
        assertThat(ServerConfig.builder().build().evaluationTimeout()).isEqualTo(Duration.ofSeconds(1));
        try (DecisionServer server = start(Servers.config())) {
            JsonNode decision = indeterminate(new Http(server).postJson("/v1/decisions", request("manage")));

            assertThat(decision.path("reasons").get(0).path("message").asText()).contains("evaluation timeout of 1000 ms");
        }
    }

    @Test
    void ruleThatOverflowsTheStack_isIndeterminate_notA500() throws Exception {
        try (DecisionServer server = start(Servers.config())) {
            Http http = new Http(server);

            JsonNode decision = indeterminate(http.postJson("/v1/decisions", request("support")));

            // An Error in a consequence fails closed like any rule failure, naming the rule: INDETERMINATE, still a 200.
            assertThat(decision.path("reasons").get(0).path("rule").asText()).isEqualTo("dh.faults.overflows");
            assertThat(decision.path("reasons").get(0).path("message").asText()).contains("StackOverflowError");
            assertThat(Http.json(http.postJson("/v1/decisions", Servers.PERMITTED)).path("outcome").asText()).isEqualTo("PERMIT");
            assertThat(http.get("/metrics").body()).contains("channel_policy_decisions_total{outcome=\"INDETERMINATE\"} 1.0");
        }
    }

    private DecisionServer start(ServerConfig.Builder config) throws Exception {
        Path rules = HotReloadTest.copyOfDh(temp.resolve("dh"));
        Files.writeString(rules.resolve("faults.drl"), RULES);
        return DecisionServer.start(config.rulesDirectory(rules).ignoreFileDigests(true).build(), BackstopRules::outsideTheProfile);
    }

    private static String request(String action) {
        return Servers.PERMITTED.replace("\"reply\"", "\"" + action + "\"");
    }

    private static JsonNode indeterminate(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\tat ", "java.lang.", "Exception", "rulesets.dh.");
        JsonNode decision = Http.json(response);
        assertThat(decision.path("outcome").asText()).isEqualTo("INDETERMINATE");
        assertThat(decision.path("reasons")).hasSize(1);
        return decision;
    }
}
