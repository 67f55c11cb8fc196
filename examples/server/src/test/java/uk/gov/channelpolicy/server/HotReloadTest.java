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
