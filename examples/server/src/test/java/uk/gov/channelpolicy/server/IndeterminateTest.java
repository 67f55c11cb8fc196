package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.facts.Request;

/** A rule that fails while evaluating gives an INDETERMINATE decision, answered 200 like any decision: not a 500. */
class IndeterminateTest {
    @TempDir
    Path temp;

    @Test
    void ruleThatFails_givesAnIndeterminateDecisionNotAnError() throws Exception {
        Path rules = HotReloadTest.copyOfDh(temp.resolve("dh"));
        Files.writeString(rules.resolve("faults.drl"), """
                package rulesets.dh;

                import uk.gov.channelpolicy.facts.Request;

                rule "A code the vocabulary does not have"
                    @id("dh.faults.unknown-code")
                    @effect("code") @value("$action")
                    @description("Fails on purpose, to test that a failing rule gives INDETERMINATE over HTTP.")
                    @citation("Principles")
                    @quote("Be responsible")
                when
                    Request( $action : action, action == "manage" )
                then
                end
                """);
        try (DecisionServer server = DecisionServer.start(Servers.config().rulesDirectory(rules).ignoreFileDigests(true).build())) {
            Http http = new Http(server);

            var response = http.postJson("/v1/decisions", Servers.PERMITTED.replace("\"reply\"", "\"manage\""));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode decision = Http.json(response);
            assertThat(decision.path("outcome").asText()).isEqualTo("INDETERMINATE");
            assertThat(decision.path("reasons").get(0).path("rule").asText()).isEqualTo("dh.faults.unknown-code");
            // The body is exactly the library's decision: its reason says what failed, and neither a stack trace nor a Java
            // class name is ever in it. (A rule inside the policy profile fails this way: it reports an id it may not.)
            assertThat(response.body()).isEqualTo(server.policy().json().write(server.policy().evaluate(
                    server.policy().json().readRequest(Servers.PERMITTED.replace("\"reply\"", "\"manage\"")))));
            assertThat(response.body()).doesNotContain("\tat ", "at rulesets.", "at org.drools", "java.lang.", "Exception")
                    .contains("reported an id the vocabulary does not have");
            assertThat(Http.json(http.postJson("/v1/decisions", Servers.PERMITTED)).path("outcome").asText()).isEqualTo("PERMIT");
            assertThat(http.get("/metrics").body()).contains("channel_policy_decisions_total{outcome=\"INDETERMINATE\"} 1.0");
        }
    }
}
