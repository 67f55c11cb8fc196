package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load test runs: two clients for a second, every request answered 200. Not a measurement. */
class LoadTestSmokeTest {
    @Test
    void loadTest_runsWithoutErrors() throws Exception {
        DecisionServer server = Servers.shared();
        List<String> mix = LoadTest.mix(server.policy());

        LoadTest.Result result = LoadTest.run(URI.create(server.url()), mix, 2, Duration.ofSeconds(1));

        assertThat(result.failures()).as(result.describe()).isEmpty();
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isPositive();
        assertThat(result.describe()).contains("2 clients", "0 errors").doesNotContain("errors:");
        assertThat(LoadTest.inProcess(server.policy(), mix, 1, Duration.ofMillis(200)).errors()).isZero();
    }

    @Test
    void loadTest_saysWhatEachErrorWas() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there during the run
        }

        LoadTest.Result result = LoadTest.run(URI.create("http://127.0.0.1:" + port + "/"), List.of(Servers.PERMITTED), 1, Duration.ofMillis(300));

        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isEqualTo(result.requests());
        assertThat(result.failures()).containsOnlyKeys("java.net.ConnectException: null");
        assertThat(result.failures().values()).containsExactly(result.requests());
        assertThat(result.describe()).endsWith(result.requests() + " errors: java.net.ConnectException: null x" + result.requests());
    }
}
