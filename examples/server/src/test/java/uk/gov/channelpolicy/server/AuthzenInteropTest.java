package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.tools.scenario.Scenario;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/**
 * The standard's interop runner, reproduced: it posts each {@code evaluation} entry of a decisions file to
 * {@code /access/v1/evaluation} and compares {@code data.decision || false} with {@code expected}, and each
 * {@code evaluations} entry to {@code /access/v1/evaluations} and compares the exact JSON of {@code data.evaluations || []}
 * with {@code expected} (interop/authzen-todo-backend/test/runner.ts in the openid/authzen repository). It runs here over
 * the checked-in decisions file that covers every DH scenario, against a server in interop mode, as the runner would;
 * and every scenario's full answer outside interop mode is checked against the library's own decision.
 */
class AuthzenInteropTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static DecisionServer interop;

    private final DecisionServer server = Servers.shared();
    private final ChannelPolicy policy = server.policy();

    @BeforeAll
    static void start() {
        interop = DecisionServer.start(Servers.config().authzenInterop(true).build());
    }

    /** The checked-in file, as the runner reads it. */
    private static JsonNode decisionsFile() throws IOException {
        return MAPPER.readTree(AuthzenDecisionsFile.FILE.toFile());
    }

    @AfterAll
    static void stop() {
        interop.close();
    }

    @Test
    void decisionsFile_isGeneratedFromTheScenarios_andIsCurrent() throws IOException {
        String generated = AuthzenDecisionsFile.text(policy);
        if (Boolean.getBoolean("channelpolicy.writeDocs")) {
            Files.createDirectories(AuthzenDecisionsFile.FILE.getParent());
            Files.writeString(AuthzenDecisionsFile.FILE, generated);
        }

        assertThat(Files.readString(AuthzenDecisionsFile.FILE))
                .as(AuthzenDecisionsFile.FILE + " is out of date; rerun with -Dchannelpolicy.writeDocs=true").isEqualTo(generated);
    }

    @Test
    void decisionsFile_coversEveryDhScenario_withBothAnswers() throws IOException {
        JsonNode decisionsFile = decisionsFile();
        int scenarios = 0;
        for (java.nio.file.Path file : Scenarios.files(AuthzenDecisionsFile.SCENARIOS)) {
            if (!Files.readString(file).contains("\"invalid\"")) {
                scenarios++; // a scenario that pins an invalid request has no decision to compare
            }
        }

        assertThat(decisionsFile.path("evaluation")).hasSize(scenarios);
        assertThat(scenarios).isEqualTo(121);
        assertThat(decisionsFile.path("evaluation").findValues("expected")).extracting(JsonNode::booleanValue).contains(true, false);
        int batched = 0;
        for (JsonNode batch : decisionsFile.path("evaluations")) {
            if (!batch.path("request").has("options")) {
                batched += batch.path("request").path("evaluations").size();
            }
        }
        assertThat(batched).as("every scenario in a folder batch").isEqualTo(scenarios);
    }

    @TestFactory
    Stream<DynamicTest> runner_evaluation_comparesDecision() throws IOException {
        List<AuthzenDecisionsFile.Case> cases = AuthzenDecisionsFile.cases(policy);
        Http http = new Http(interop);
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode entries = decisionsFile().path("evaluation");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            tests.add(DynamicTest.dynamicTest("evaluation " + (i + 1) + ": " + cases.get(i).name(), () -> {
                HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATION, MAPPER.writeValueAsString(entry.path("request")));
                JsonNode data = Http.json(response);
                // The runner: const RSP = data.decision || false; PASS when JSON.stringify(EXP) === JSON.stringify(RSP).
                boolean rsp = data.path("decision").asBoolean(false);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(MAPPER.writeValueAsString(rsp)).isEqualTo(MAPPER.writeValueAsString(entry.path("expected")));
                assertThat(response.body()).as("interop mode: the decision alone").isEqualTo("{\"decision\":" + rsp + "}");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> runner_evaluations_comparesTheExactJsonOfEvaluations() throws IOException {
        List<AuthzenDecisionsFile.Batch> batches = AuthzenDecisionsFile.batches(AuthzenDecisionsFile.cases(policy));
        Http http = new Http(interop);
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode entries = decisionsFile().path("evaluations");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            tests.add(DynamicTest.dynamicTest("evaluations " + (i + 1) + ": " + batches.get(i).name(), () -> {
                HttpResponse<String> response = http.postJson(AuthzenRoutes.EVALUATIONS, MAPPER.writeValueAsString(entry.path("request")));
                JsonNode data = Http.json(response);
                // The runner: const RSP = data.evaluations || []; PASS when the two stringify the same.
                JsonNode rsp = data.has("evaluations") ? data.get("evaluations") : MAPPER.createArrayNode();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(MAPPER.writeValueAsString(rsp)).isEqualTo(MAPPER.writeValueAsString(entry.path("expected")));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyScenario_outsideInteropMode_answersTheLibrarysDecisionAsContext() throws IOException {
        Http http = new Http(server);
        List<DynamicTest> tests = new ArrayList<>();
        for (AuthzenDecisionsFile.Case each : AuthzenDecisionsFile.cases(policy)) {
            tests.add(DynamicTest.dynamicTest(each.name(), () -> {
                Scenario scenario = Scenarios.read(policy, each.name(),
                        Files.readString(AuthzenDecisionsFile.SCENARIOS.resolve(each.name() + ".json")));
                ObjectNode library = (ObjectNode) Http.json(policy.json().write(policy.evaluate(scenario.given())));
                JsonNode profile = AuthzenMapping.obligations(library);
                if (profile.isEmpty()) {
                    library.remove("obligations");
                } else {
                    library.set("obligations", profile);
                }

                JsonNode answer = Http.json(http.postJson(AuthzenRoutes.EVALUATION, MAPPER.writeValueAsString(each.request())));

                assertThat(answer.path("decision").booleanValue()).isEqualTo(each.expected());
                assertThat(answer.path("context")).isEqualTo(library);
                assertThat(answer.path("context").path("reasons").findValuesAsText("rule"))
                        .containsExactlyInAnyOrderElementsOf(scenario.expect().rules());
                assertThat(answer.path("context").path("obligations").findValuesAsText("id"))
                        .containsExactlyInAnyOrderElementsOf(scenario.expect().obligations());
            }));
        }
        return tests.stream();
    }
}
