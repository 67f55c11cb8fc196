package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --watch, an edited rule-set directory is served from the next request on, and every response says which version. */
class HotReloadTest {
    /** Long enough for a slow, busy machine to recompile the rule set; the test only waits this long if it is failing. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void watchedDirectory_servesTheEditedVersion() throws Exception {
        Path rules = copyOfDh(temp.resolve("dh"));
        ServerConfig config = Servers.config().rulesDirectory(rules).watch(Duration.ofMillis(100)).ignoreFileDigests(true).build();
        try (DecisionServer server = DecisionServer.start(config)) {
            Http http = new Http(server);
            assertThat(http.get("/health").headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 2.0.0 ");

            Path manifest = rules.resolve("manifest.json");
            String text = Files.readString(manifest);
            assertThat(text).containsOnlyOnce("\"version\": \"2.0.0\"");
            Files.writeString(manifest, text.replace("\"version\": \"2.0.0\"", "\"version\": \"1.0.1-edited\""));

            HttpResponse<String> health = http.get("/health");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!health.headers().firstValue(DecisionServer.RULE_SET_HEADER).orElseThrow().startsWith("dh 1.0.1-edited ")
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                health = http.get("/health");
            }

            assertThat(Http.json(health).path("ruleSet").path("version").asText()).isEqualTo("1.0.1-edited");
            HttpResponse<String> decision = http.postJson("/v1/decisions", Servers.DENIED);
            assertThat(decision.headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 1.0.1-edited sha256:");
            assertThat(Http.json(decision).path("ruleSet").path("version").asText()).isEqualTo("1.0.1-edited");
            assertThat(Http.json(http.get("/v1/rules")).path("ruleSet").path("version").asText()).isEqualTo("1.0.1-edited");
        }
    }

    /**
     * A batch and an AuthZEN batch are each decided whole by the version serving when they began: here a reload comes
     * as soon as a batch's first decision is recorded, and every later item is still decided by the version before it.
     */
    @Test
    void aReloadInTheMiddleOfABatch_leavesTheWholeBatchOnTheVersionItBeganWith() throws Exception {
        Path rules = copyOfDh(temp.resolve("dh"));
        Path manifest = rules.resolve("manifest.json");
        java.util.concurrent.atomic.AtomicReference<DecisionServer> running = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<String> reloadTo = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.List<String> decidedBy = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        uk.gov.channelpolicy.DecisionSink reloadAfterTheFirst = (request, decision) -> {
            decidedBy.add(decision.ruleSet().version());
            String next = reloadTo.getAndSet(null);
            if (next != null) {
                try {
                    String text = Files.readString(manifest);
                    String current = "\"version\": \"" + decision.ruleSet().version() + "\"";
                    assertThat(text).containsOnlyOnce(current);
                    Files.writeString(manifest, text.replace(current, "\"version\": \"" + next + "\""));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                running.get().policy().reload();
            }
        };
        ServerConfig config = Servers.config().rulesDirectory(rules).ignoreFileDigests(true).build();
        try (DecisionServer server = DecisionServer.start(config, builder -> builder.decisionSink(reloadAfterTheFirst))) {
            running.set(server);
            Http http = new Http(server);

            reloadTo.set("2.0.1-edited");
            HttpResponse<String> batch = http.postJson("/v1/decisions/batch", "[" + String.join(",", Servers.DENIED, Servers.PERMITTED,
                    Servers.DENIED) + "]");
            HttpResponse<String> after = http.postJson("/v1/decisions", Servers.DENIED);
            reloadTo.set("2.0.2-edited");
            HttpResponse<String> evaluations = http.postJson(AuthzenRoutes.EVALUATIONS, "{\"evaluations\":["
                    + String.join(",", AuthzenProtocolTest.PERMITTED, AuthzenProtocolTest.PERMITTED, AuthzenProtocolTest.PERMITTED) + "]}");
            HttpResponse<String> afterThat = http.postJson(AuthzenRoutes.EVALUATION, AuthzenProtocolTest.PERMITTED);

            assertThat(batch.statusCode()).isEqualTo(200);
            assertThat(Http.json(batch)).extracting(answer -> answer.path("ruleSet").path("version").asText())
                    .containsExactly("2.0.0", "2.0.0", "2.0.0");
            assertThat(batch.headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 2.0.0 ");
            assertThat(Http.json(after).path("ruleSet").path("version").asText()).isEqualTo("2.0.1-edited");
            assertThat(evaluations.statusCode()).isEqualTo(200);
            assertThat(Http.json(evaluations).path("evaluations").findValuesAsText("decision")).containsExactly("true", "true", "true");
            assertThat(evaluations.headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 2.0.1-edited ");
            assertThat(afterThat.headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 2.0.2-edited ");
            assertThat(decidedBy).containsExactly("2.0.0", "2.0.0", "2.0.0", "2.0.1-edited", "2.0.1-edited", "2.0.1-edited",
                    "2.0.1-edited", "2.0.2-edited");
        }
    }

    @Test
    void directoryRuleSet_decidesAsTheBuiltInOne() throws IOException {
        Path rules = copyOfDh(temp.resolve("dh"));
        try (DecisionServer server = DecisionServer.start(Servers.config().rulesDirectory(rules).build())) {
            HttpResponse<String> response = new Http(server).postJson("/v1/decisions", Servers.DENIED);

            assertThat(Http.json(response).path("outcome").asText()).isEqualTo("DENY");
            assertThat(Http.json(response).path("reasons"))
                    .isEqualTo(Http.json(new Http(Servers.shared()).postJson("/v1/decisions", Servers.DENIED)).path("reasons"));
        }
    }

    /** A copy of the DH rule-set folder, as a policy writer's working copy. */
    static Path copyOfDh(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(Servers.DH_DIRECTORY)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(Servers.DH_DIRECTORY.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }
}
