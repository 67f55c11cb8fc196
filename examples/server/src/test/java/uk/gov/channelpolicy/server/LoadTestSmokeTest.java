package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isPositive();
        assertThat(result.describe()).contains("2 clients", "0 errors");
        assertThat(LoadTest.inProcess(server.policy(), mix, 1, Duration.ofMillis(200)).errors()).isZero();
    }
}
