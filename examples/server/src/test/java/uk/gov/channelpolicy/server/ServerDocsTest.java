package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.DocExamples;

/**
 * Every example in docs/server.md is real output. Each marked block is a terminal transcript: the {@code curl} command
 * lines are the ones shown, and what follows each is what a server started here answers to that request, sent over a
 * socket so that the headers come in the order the server sends them. {@code jq} filters are applied in Java as jq
 * would, and {@code Date} headers are left out (the transcripts say {@code grep -v '^Date:'}). The examples run in the
 * document's order against one open server (shown as port {@value #OPEN_PORT}) and one with a token and a CORS origin
 * ({@value #GUARDED_PORT}), so the metrics example counts the requests of the examples before it.
 * {@code -Dchannelpolicy.writeDocs=true} writes them again.
 */
class ServerDocsTest {
    static final Path DOC = Path.of("../../docs/server.md");
    static final Path CONTRACT = Path.of("../../docs/contract.md");
    static final int OPEN_PORT = 8181;
    static final int GUARDED_PORT = 8182;
    static final String TOKEN = "s3cret-token-for-the-docs";

    private static final String NO_DATE = " | grep -v '^Date:'";
    private static final String JSON = "-H \"Content-Type: application/json\"";
    private static final String REQUESTS_JSONL = """
            {"actor":{"role":"official","id":"amy"},"action":"post","channel":{"handle":"@AmyatDH","owner":{"role":"official","id":"amy","capacity":"official"}},"content":["departmental"]}
            {"actor":{"role":"minster"},"action":"post","channel":{},"content":["departmental"]}
            """;
    private static final String INVALID = """
            {"actor":{"role":"minster"},"action":"tweet","channel":{},"content":["partypolitical"],"extra":1}""";
    private static final String MALFORMED = "{\"actor\": {\"role\": \"minister\",";

    private static DecisionServer open;
    private static DecisionServer guarded;

    @BeforeAll
    static void start() {
        open = DecisionServer.start(Servers.config().build());
        guarded = DecisionServer.start(Servers.config().token(TOKEN).corsOrigin("https://tools.example.gov.uk").build());
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    @Test
    void everyExampleInTheGuide_isWhatTheServiceAnswers() throws Exception {
        String request = DocExamples.block(CONTRACT, "request.json");
        String url = "http://127.0.0.1:" + OPEN_PORT;
        String guardedUrl = "http://127.0.0.1:" + GUARDED_PORT;
        Map<String, Callable<String>> examples = new LinkedHashMap<>();

        examples.put("serving", () -> Main.servingLine(open).replace(open.url(), "http://127.0.0.1:8080/") + "\n");
        examples.put("rule-set-header", () -> DecisionServer.RULE_SET_HEADER + ": "
                + send(open, "GET", "/health", "", null).header(DecisionServer.RULE_SET_HEADER) + "\n");
        examples.put("decision-headers", () -> {
            RawHttp.Response response = send(open, "POST", "/v1/decisions", "Content-Type: application/json\r\n", request);
            return "$ curl -s -D - -o /dev/null " + JSON + " --data @request.json " + url + "/v1/decisions" + NO_DATE + "\n"
                    + withoutDate(response.head()) + "\n";
        });
        examples.put("decision", () -> "$ curl -s " + JSON + " --data @request.json " + url + "/v1/decisions | jq\n"
                + DocExamples.jq(send(open, "POST", "/v1/decisions", "Content-Type: application/json\r\n", request).body()));
        examples.put("batch", () -> {
            String answers = send(open, "POST", "/v1/decisions/batch", "Content-Type: application/x-ndjson\r\n", REQUESTS_JSONL).body();
            StringBuilder out = new StringBuilder("$ cat requests.jsonl\n" + REQUESTS_JSONL);
            out.append("$ curl -s -H \"Content-Type: application/x-ndjson\" --data-binary @requests.jsonl ").append(url)
                    .append("/v1/decisions/batch | jq -c \"{outcome, rules: [.reasons[]?.rule], error: .error.problems}\"\n");
            answers.lines().map(DocExamples::parse).forEach(answer -> {
                ObjectNode shown = DocExamples.mapper().createObjectNode();
                shown.set("outcome", orNull(answer.path("outcome")));
                ArrayNode rules = shown.putArray("rules");
                answer.path("reasons").forEach(reason -> rules.add(reason.path("rule")));
                shown.set("error", orNull(answer.path("error").path("problems")));
                out.append(DocExamples.jqCompact(shown));
            });
            return out.toString();
        });
        examples.put("explain", () -> {
            JsonNode explanation = DocExamples.parse(send(open, "POST", "/v1/explain", "Content-Type: application/json\r\n", request).body());
            ObjectNode shown = DocExamples.mapper().createObjectNode();
            shown.set("ruleSet", explanation.path("decision").path("ruleSet"));
            shown.set("outcome", explanation.path("decision").path("outcome"));
            shown.set("rulesFired", explanation.path("rulesFired"));
            ArrayNode alternatives = shown.putArray("alternatives");
            for (JsonNode alternative : explanation.path("alternatives")) {
                ObjectNode item = alternatives.addObject();
                ArrayNode changes = item.putArray("changes");
                alternative.path("changes").forEach(change -> changes.add(change.path("description")));
                item.set("outcome", alternative.path("decision").path("outcome"));
            }
            return "$ curl -s " + JSON + " --data @request.json " + url + "/v1/explain | jq \"{ruleSet: .decision.ruleSet,"
                    + " outcome: .decision.outcome, rulesFired, alternatives: [.alternatives[] | {changes: [.changes[].description],"
                    + " outcome: .decision.outcome}]}\"\n" + DocExamples.jq(shown);
        });
        examples.put("vocabulary", () -> {
            JsonNode terms = DocExamples.parse(send(open, "GET", "/v1/vocabulary", "", null).body()).path("terms");
            ObjectNode shown = DocExamples.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> kinds = terms.fields(); kinds.hasNext();) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                ArrayNode ids = shown.putArray(kind.getKey());
                kind.getValue().forEach(term -> ids.add(term.path("id")));
            }
            return "$ curl -s " + url + "/v1/vocabulary | jq -c \".terms | map_values(map(.id))\"\n" + DocExamples.jqCompact(shown);
        });
        examples.put("rules", () -> "$ curl -s " + url + "/v1/rules | jq \".rules[0]\"\n"
                + DocExamples.jq(DocExamples.parse(send(open, "GET", "/v1/rules", "", null).body()).path("rules").path(0)));
        examples.put("health", () -> "$ curl -si " + url + "/health" + NO_DATE + "\n" + transcript(send(open, "GET", "/health", "", null)));
        examples.put("invalid", () -> "$ curl -s -H 'Content-Type: application/json' --data '" + INVALID + "' " + url + "/v1/decisions | jq\n"
                + DocExamples.jq(send(open, "POST", "/v1/decisions", "Content-Type: application/json\r\n", INVALID).body()));
        examples.put("malformed", () -> "$ curl -s -H 'Content-Type: application/json' --data '" + MALFORMED + "' " + url + "/v1/decisions | jq\n"
                + DocExamples.jq(send(open, "POST", "/v1/decisions", "Content-Type: application/json\r\n", MALFORMED).body()));
        examples.put("not-found-and-friends", () -> "$ curl -s " + url + "/v1/decision | jq\n"
                + DocExamples.jq(send(open, "GET", "/v1/decision", "", null).body())
                + "$ curl -si " + url + "/v1/decisions" + NO_DATE + "\n" + transcript(send(open, "GET", "/v1/decisions", "", null))
                + "$ curl -s -H \"Content-Type: text/plain\" --data @request.json " + url + "/v1/decisions | jq -c\n"
                + DocExamples.jqCompact(DocExamples.parse(send(open, "POST", "/v1/decisions", "Content-Type: text/plain\r\n", request).body())));
        examples.put("unauthorized", () -> "$ curl -si " + guardedUrl + "/v1/rules" + NO_DATE + "\n"
                + transcript(send(guarded, "GET", "/v1/rules", "", null))
                + "$ curl -s -o /dev/null -w \"%{http_code}\\n\" -H \"Authorization: Bearer $(cat token)\" " + guardedUrl + "/v1/rules\n"
                + send(guarded, "GET", "/v1/rules", "Authorization: Bearer " + TOKEN + "\r\n", null).status() + "\n"
                + "$ curl -s -o /dev/null -w \"%{http_code}\\n\" " + guardedUrl + "/health\n"
                + send(guarded, "GET", "/health", "", null).status() + "\n"
                + "$ curl -s -o /dev/null -w \"%{http_code}\\n\" " + guardedUrl + "/metrics/\n"
                + send(guarded, "GET", "/metrics/", "", null).status() + "\n");
        examples.put("host-check", () -> "$ curl -si -H \"Host: evil.example\" " + url + "/health" + NO_DATE + "\n"
                + transcript(RawHttp.exchange(open.port(), "GET /health HTTP/1.1\r\nHost: evil.example\r\nAccept: */*\r\n\r\n")));
        examples.put("cors", () -> {
            RawHttp.Response preflight = send(guarded, "OPTIONS", "/v1/decisions", "Origin: https://tools.example.gov.uk\r\n"
                    + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n", null);
            RawHttp.Response foreign = send(guarded, "GET", "/health", "Origin: https://evil.example.com\r\n", null);
            String cors = foreign.head().lines().filter(line -> line.toLowerCase().contains("access-control")).collect(Collectors.joining("\n"));
            return "$ curl -si -X OPTIONS -H \"Origin: https://tools.example.gov.uk\" -H \"Access-Control-Request-Method: POST\""
                    + " -H \"Access-Control-Request-Headers: authorization, content-type\" " + guardedUrl + "/v1/decisions" + NO_DATE + "\n"
                    + transcript(preflight)
                    + "$ curl -si -H \"Origin: https://evil.example.com\" " + guardedUrl + "/health | grep -i access-control"
                    + " || echo \"(no CORS headers)\"\n" + (cors.isEmpty() ? "(no CORS headers)" : cors) + "\n";
        });
        examples.put("metrics", () -> {
            Pattern shown = Pattern.compile("^channel_policy_(decisions|decision_reasons|invalid_requests|http_requests)_total|evaluation_seconds_count");
            return "$ curl -s " + url + "/metrics | grep -E \"" + shown.pattern() + "\"\n"
                    + send(open, "GET", "/metrics", "", null).body().lines().filter(line -> shown.matcher(line).find())
                            .map(line -> line + "\n").collect(Collectors.joining());
        });

        DocExamples.check(DOC, examples);
    }

    /** Sends a request as curl would (its Host, User-Agent aside) over a socket, and reads the answer as sent. */
    private static RawHttp.Response send(DecisionServer server, String method, String path, String headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAccept: */*\r\n" + headers
                + (body == null ? "" : "Content-Length: " + content.length + "\r\n") + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return RawHttp.exchange(server.port(), all);
    }

    /** What {@code curl -si URL | grep -v '^Date:'} prints: the head without its Date, a blank line, the body. */
    private static String transcript(RawHttp.Response response) {
        return withoutDate(response.head()) + "\n" + response.body() + (response.body().isEmpty() || response.body().endsWith("\n") ? "" : "\n");
    }

    private static String withoutDate(String head) {
        return head.lines().filter(line -> !line.startsWith("Date:")).map(line -> line + "\n").collect(Collectors.joining());
    }

    private static JsonNode orNull(JsonNode node) {
        return node.isMissingNode() ? NullNode.getInstance() : node;
    }
}
