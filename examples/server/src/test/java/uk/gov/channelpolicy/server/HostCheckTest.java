package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request whose Host is not a name the server answers for gets a 421 problem with the security headers, before the
 * token or the path is looked at: a page that rebinds its own name to 127.0.0.1 cannot reach the service.
 */
class HostCheckTest {
    private static DecisionServer guarded;
    private static DecisionServer named;

    @BeforeAll
    static void start() {
        guarded = DecisionServer.start(Servers.config().token("host-test-token").build());
        named = DecisionServer.start(Servers.config().allowedHost("policy.example.gov.uk").allowedHost("proxy.example:443").build());
    }

    @AfterAll
    static void stop() {
        guarded.close();
        named.close();
    }

    @Test
    void theAnswerKeptForTheLastHost_isNeverGivenForAnotherHostOrPort() {
        AllowedHosts hosts = new AllowedHosts("127.0.0.1", List.of("proxy.example:443"));
        // Alternating hosts and ports, each asked twice in a row (the second answer is the kept one).
        String[][] asked = {{"127.0.0.1:8080", "8080", "true"}, {"evil.example:8080", "8080", "false"}, {"127.0.0.1:8080", "9090", "false"},
            {"127.0.0.1:9090", "9090", "true"}, {"proxy.example:443", "9090", "true"}, {"proxy.example:444", "9090", "false"},
            {"proxy.example", "9090", "false"}, {"LOCALHOST", "1", "true"}, {"localhost ", "1", "false"}, {"127.0.0.1:8080", "8080", "true"}};
        for (String[] each : asked) {
            for (int time = 0; time < 2; time++) {
                assertThat(hosts.admits(each[0], Integer.parseInt(each[1]))).as("%s on port %s", each[0], each[1])
                        .isEqualTo(Boolean.parseBoolean(each[2]));
            }
        }
        assertThat(hosts.admits(null, 8080)).isFalse();
    }

    @Test
    void loopbackNames_withTheServersPortOrNone_areAnswered() {
        int port = Servers.shared().port();
        for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "localhost", "LocalHost:" + port, "[::1]:" + port,
                "[::1]")) {
            assertThat(get(Servers.shared(), "/health", host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void anotherHost_is421_withTheSecurityHeaders() {
        int port = Servers.shared().port();
        for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1:1", "localhost:" + (port == 65_535 ? 1 : port + 1),
                "localhost.", "localhost.evil.example", "127.0.0.1.nip.io:" + port, "[::2]:" + port, "0.0.0.0:" + port)) {
            RawHttp.Response response = get(Servers.shared(), "/health", host);

            response.assertProblem(421, "misdirected-request");
            assertThat(response.body()).as(host).doesNotContain("\"UP\"");
        }
    }

    @Test
    void hostJettyCannotParse_is400() {
        get(Servers.shared(), "/health", "a b").assertProblem(400, "bad-request");
        get(Servers.shared(), "/health", "").assertProblem(400, "bad-request");
    }

    @Test
    void hostIsCheckedBeforeTheTokenAndThePath() {
        get(guarded, "/metrics", "evil.example").assertProblem(421, "misdirected-request");
        get(guarded, "/metrics/", "evil.example").assertProblem(421, "misdirected-request");
        assertThat(get(guarded, "/metrics", "127.0.0.1").status()).isEqualTo(401);
    }

    @Test
    void http10WithoutAHost_is421() {
        RawHttp.exchange(Servers.shared().port(), "GET /health HTTP/1.0\r\n\r\n").assertProblem(421, "misdirected-request");
    }

    @Test
    void absoluteRequestUri_mustNameTheSameAllowedHost() {
        int port = Servers.shared().port();
        String allowed = "127.0.0.1:" + port;

        // Jetty refuses an authority that differs from the Host; the gate checks both anyway.
        absolute(port, "http://evil.example/health", allowed).assertProblem(400, "bad-request");
        absolute(port, "http://" + allowed + "/health", "evil.example").assertProblem(400, "bad-request");
        absolute(port, "http://evil.example/health", "evil.example").assertProblem(421, "misdirected-request");
        assertThat(absolute(port, "http://" + allowed + "/health", allowed).status()).isEqualTo(200);
    }

    private static RawHttp.Response absolute(int port, String uri, String host) {
        return RawHttp.exchange(port, "GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void addedNames_areAnswered_withTheirPortOrTheServersOrNone() {
        int port = named.port();
        for (String host : List.of("policy.example.gov.uk", "policy.example.gov.uk:" + port, "POLICY.example.gov.uk", "proxy.example:443",
                "localhost:" + port)) {
            assertThat(get(named, "/health", host).status()).as(host).isEqualTo(200);
        }
        for (String host : List.of("policy.example.gov.uk:8443", "proxy.example", "proxy.example:" + port, "example.gov.uk")) {
            get(named, "/health", host).assertProblem(421, "misdirected-request");
        }
    }

    @Test
    void allowedHosts_mustBeNamesOrAddresses() {
        for (String bad : List.of("", " ", "*", "*.example.gov.uk", "::1", "http://example.gov.uk", "example.gov.uk:99999",
                "example.gov.uk/path", "exa mple")) {
            assertThatThrownBy(() -> Servers.config().allowedHost(bad).build()).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Servers.config().allowedHost("[2001:db8::1]:8443").allowedHost("10.0.0.5").build().allowedHosts())
                .containsExactly("[2001:db8::1]:8443", "10.0.0.5");
    }

    private static RawHttp.Response get(DecisionServer server, String path, String host) {
        return RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }
}
