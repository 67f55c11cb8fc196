package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's options become the server's configuration. */
class MainTest {
    @TempDir
    Path temp;

    @Test
    void defaults_listenOnLoopbackWithTheBuiltInRuleSet() throws Exception {
        ServerConfig config = parse().config(null);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.rulesDirectory()).isNull();
        assertThat(config.watch()).isNull();
        assertThat(config.token()).isNull();
        assertThat(config.corsOrigins()).isEmpty();
        assertThat(config.allowedHosts()).isEmpty();
        assertThat(config.maxBodyBytes()).isEqualTo(65_536);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.minBodyBytesPerSecond()).isEqualTo(1_024);
        assertThat(config.maxConnections()).isEqualTo(1_000);
        assertThat(config.maxBufferedBodyBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(config.evaluationTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void durations_areWrittenAsOperatorsWriteThem() {
        Main.DurationConverter durations = new Main.DurationConverter();

        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(durations.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        for (String bad : new String[] {"30", "fast", "-", "1h", ""}) {
            assertThatThrownBy(() -> durations.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
        }
    }

    @Test
    void slowClientBounds_mustBePositive_andHoldOneBody() {
        assertThatThrownBy(() -> ServerConfig.builder().idleTimeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().headerTimeout(Duration.ofSeconds(-1)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().minBodyBytesPerSecond(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().maxConnections(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().maxBufferedBodyBytes(1_000).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("largest body");
        assertThatThrownBy(() -> ServerConfig.builder().evaluationTimeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--idle-timeout", "soon")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void everyOption_reachesTheConfiguration() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "  abc123\n");
        ServerConfig config = parse("--host", "0.0.0.0", "--port", "0", "--rules", "some/dir", "--watch", "--ignore-file-digests",
                "--token-file", token.toString(), "--cors-origin", "https://a.example", "--cors-origin", "https://b.example",
                "--allowed-host", "policy.example.gov.uk", "--allowed-host", "proxy.example:443",
                "--max-body-bytes", "1000", "--max-batch-bytes", "5000", "--max-batch-items", "7", "--idle-timeout", "5s",
                "--header-timeout", "1500ms", "--min-body-rate", "4096", "--max-connections", "64", "--max-buffered-body-bytes", "9000000",
                "--evaluation-timeout", "250ms")
                .config("from-environment");

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.rulesDirectory()).isEqualTo(Path.of("some/dir"));
        assertThat(config.watch()).isEqualTo(ServerConfig.DEFAULT_WATCH_DEBOUNCE);
        assertThat(config.ignoreFileDigests()).isTrue();
        assertThat(config.token()).isEqualTo("abc123");
        assertThat(config.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.allowedHosts()).containsExactly("policy.example.gov.uk", "proxy.example:443");
        assertThat(config.maxBodyBytes()).isEqualTo(1000);
        assertThat(config.maxBatchBodyBytes()).isEqualTo(5000);
        assertThat(config.maxBatchItems()).isEqualTo(7);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.minBodyBytesPerSecond()).isEqualTo(4096);
        assertThat(config.maxConnections()).isEqualTo(64);
        assertThat(config.maxBufferedBodyBytes()).isEqualTo(9_000_000);
        assertThat(config.evaluationTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.toString()).doesNotContain("abc123");
    }

    @Test
    void tokenFromTheEnvironment_isUsedWithoutATokenFile() throws Exception {
        assertThat(parse().config("env-token").token()).isEqualTo("env-token");
        assertThat(parse().config("  ").token()).isNull();
    }

    @Test
    void watchWithoutADirectory_isRefused() {
        assertThatThrownBy(() -> parse("--watch").config(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rules");
        assertThatThrownBy(() -> ServerConfig.builder().port(70_000).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerConfig.builder().rulesDirectory(Path.of("x")).watch(Duration.ofMillis(1)).build().watch()).isNotNull();
    }

    private static Main parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }
}
