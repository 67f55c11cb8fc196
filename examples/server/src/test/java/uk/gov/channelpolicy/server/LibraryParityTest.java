package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;

/** Over HTTP, every request in the DH demo and scenarios is decided exactly as {@code policy.evaluate} decides it. */
class LibraryParityTest {
    private final DecisionServer server = Servers.shared();
    private final ChannelPolicy policy = server.policy();
    private final Http http = new Http(server);

    @TestFactory
    Stream<DynamicTest> everyScenarioAndDemoRequest_isDecidedOverHttpAsTheLibraryDecidesIt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> scenario : policy.ruleSet().scenarioFiles().entrySet()) {
            JsonNode file = Http.json(scenario.getValue());
            JsonNode given = file.path("given");
            boolean invalid = file.path("expect").has("invalid");
            tests.add(DynamicTest.dynamicTest("scenarios/" + scenario.getKey(),
                    () -> {
                        if (invalid) {
                            assertSameRefusal(given.toString());
                        } else {
                            assertSameDecision(given.toString());
                        }
                    }));
        }
        try (InputStream in = LibraryParityTest.class.getClassLoader().getResourceAsStream("rulesets/dh/demo.json")) {
            int i = 0;
            for (JsonNode item : Http.MAPPER.readTree(in)) {
                tests.add(DynamicTest.dynamicTest("demo.json: " + i++ + ": " + item.path("question").asText(),
                        () -> assertSameDecision(item.path("request").toString())));
            }
        }
        assertThat(tests).hasSizeGreaterThan(90);
        return tests.stream();
    }

    @Test
    void theMixCoversEveryOutcomeTheRuleSetGives() throws IOException {
        List<String> outcomes = LoadTest.mix(policy).stream()
                .map(request -> policy.evaluate(policy.json().readRequest(request)).outcome().name()).distinct().toList();

        assertThat(outcomes).contains("PERMIT", "DENY", "NOT_APPLICABLE");
    }

    /** A scenario that pins an invalid request: the service refuses it with 400 and the library's problems, path by path. */
    private void assertSameRefusal(String request) {
        HttpResponse<String> response = http.postJson("/v1/decisions", request);
        uk.gov.channelpolicy.InvalidRequestException library = org.assertj.core.api.Assertions.catchThrowableOfType(
                uk.gov.channelpolicy.InvalidRequestException.class, () -> policy.json().readRequest(request));
        assertThat(library).isNotNull();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).path("problems").findValuesAsText("path"))
                .containsExactlyElementsOf(library.problems().stream().map(uk.gov.channelpolicy.Problem::path).toList());
    }

    private void assertSameDecision(String request) {
        HttpResponse<String> response = http.postJson("/v1/decisions", request);
        String expected = policy.json().write(policy.evaluate(policy.json().readRequest(request)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response)).isEqualTo(Http.json(expected));
        assertThat(response.body()).isEqualTo(expected);
    }
}
