package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;

/** A batch decides every valid request and reports every invalid one in its place, without sinking the rest. */
class BatchTest {
    private final DecisionServer server = Servers.shared();
    private final ChannelPolicy policy = server.policy();
    private final Http http = new Http(server);

    @Test
    void jsonArray_answersEachItemInPlace() {
        String body = "[" + String.join(",", Servers.DENIED, Servers.INVALID, "42", "{\"actor\":{\"role\":\"minister\"},\"actor\":{}}",
                Servers.PERMITTED) + "]";

        HttpResponse<String> response = http.postJson("/v1/decisions/batch", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode answers = Http.json(response);
        assertThat(answers).hasSize(5);
        assertThat(answers.get(0)).isEqualTo(decision(Servers.DENIED));
        assertThat(answers.get(1).path("error").path("problems")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(answers.get(1).path("error").path("status").asInt()).isEqualTo(400);
        assertThat(answers.get(2).path("error").path("problems").get(0).path("path").asText()).isEqualTo("$");
        assertThat(answers.get(3).path("error").path("problems").get(0).path("message").asText()).containsIgnoringCase("duplicate");
        assertThat(answers.get(4)).isEqualTo(decision(Servers.PERMITTED));
    }

    /** A string item is as wrong as a number: read whole, not taken for JSON cut short after its opening quote. */
    @Test
    void jsonArray_aStringItem_isAnsweredLikeAnyItemThatIsNotAnObject() {
        JsonNode answers = Http.json(http.postJson("/v1/decisions/batch", "[\"abc\",42,true,null," + Servers.PERMITTED + "]"));

        assertThat(answers).hasSize(5);
        List<String> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(answers.get(i).path("error").path("problems")).as("item %d", i).hasSize(1);
            assertThat(answers.get(i).path("error").path("problems").get(0).path("path").asText()).isEqualTo("$");
            messages.add(answers.get(i).path("error").path("problems").get(0).path("message").asText());
        }
        assertThat(messages).containsExactly("must be an object, not a string", "must be an object, not a number",
                "must be an object, not a boolean", "must be an object, not null");
        assertThat(answers.get(4)).isEqualTo(decision(Servers.PERMITTED));
    }

    @Test
    void jsonLines_answersLineForLineInOrder() {
        String body = String.join("\n", Servers.PERMITTED, Servers.INVALID, "", "{not json", Servers.DENIED) + "\n";

        HttpResponse<String> response = http.post("/v1/decisions/batch", "application/x-ndjson", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-ndjson");
        assertThat(response.body()).endsWith("\n");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(policy.json().write(policy.evaluate(policy.json().readRequest(Servers.PERMITTED))));
        assertThat(Http.json(lines.get(1)).path("error").path("problems")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(Http.json(lines.get(2)).path("error").path("problems").get(0).path("message").asText()).contains("empty");
        assertThat(Http.json(lines.get(3)).path("error").path("problems").get(0).path("message").asText()).startsWith("malformed JSON");
        assertThat(lines.get(4)).isEqualTo(policy.json().write(policy.evaluate(policy.json().readRequest(Servers.DENIED))));
    }

    @Test
    void jsonLines_withCarriageReturnsAndNoFinalLineBreak() {
        HttpResponse<String> response = http.post("/v1/decisions/batch", "application/x-ndjson; charset=utf-8",
                Servers.PERMITTED + "\r\n" + Servers.DENIED);

        assertThat(response.body().lines().map(line -> Http.json(line).path("outcome").asText()).toList()).containsExactly("PERMIT", "DENY");
    }

    @Test
    void emptyBatches_giveEmptyAnswers() {
        assertThat(http.postJson("/v1/decisions/batch", "[]").body()).isEqualTo("[]");
        assertThat(http.post("/v1/decisions/batch", "application/x-ndjson", "").body()).isEmpty();
    }

    @Test
    void batchThatIsNotAnArray_is400() {
        ErrorResponsesTest.problem(http.postJson("/v1/decisions/batch", Servers.DENIED), 400, "invalid-request");
        ErrorResponsesTest.problem(http.postJson("/v1/decisions/batch", "[" + Servers.DENIED + ","), 400, "invalid-request");
        ErrorResponsesTest.problem(http.postJson("/v1/decisions/batch", "[] []"), 400, "invalid-request");
    }

    private JsonNode decision(String request) {
        return Http.json(policy.json().write(policy.evaluate(policy.json().readRequest(request))));
    }
}
