package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar starts with one command, says where it listens, and serves decisions there. */
class ServerJarIT {
    private static final Path JAR = Path.of(System.getProperty("channelpolicy.server.jar", "target/channel-policy-server.jar"));

    @Test
    void jar_startsOnAFreePortAndDecides() throws Exception {
        assertThat(JAR).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", JAR.toString(), "--port", "0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);

            assertThat(line).startsWith("channel-policy-server: serving dh 2.0.0 sha256:").contains(" at http://127.0.0.1:");
            URI url = URI.create(line.substring(line.indexOf("http://")));
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url.resolve("/v1/decisions"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Servers.DENIED)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"outcome\":\"DENY\"");
            assertThat(response.headers().firstValue(DecisionServer.RULE_SET_HEADER)).get().asString().startsWith("dh 2.0.0 ");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.exists(JAR.resolveSibling("lib"))).isTrue();
    }

    @Test
    void help_listsEveryOption() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", JAR.toString(), "--help")).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(text).contains("--host", "--port", "--rules", "--watch", "--ignore-file-digests", "--token-file", "--cors-origin",
                "--max-body-bytes", "--max-batch-bytes", "--max-batch-items", "CHANNEL_POLICY_TOKEN");
    }
}
