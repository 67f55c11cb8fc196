package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An answer that leaves the request's body unread (a refusal, or a route that takes no body) closes the connection and
 * says {@code Connection: close} first, so a client that pools connections never sends its next request into one the
 * server has closed. An answer with no body left unread keeps the connection, as HTTP/1.1 does.
 */
class UnreadBodyTest {
    private static final String TOKEN = Servers.TOKEN;
    private static final String ORIGIN = Servers.ORIGIN;
    private final DecisionServer guarded = Servers.guarded();

    /** Each request's head goes out and its body never does: the server answers without waiting for it. */
    @ParameterizedTest(name = "{0} {1} ({2}, {3}) is a {4}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /access/v1/evaluation | no token                 | Content-Length: 100        | 401
            POST | /v1/decisions         | no token                 | Content-Length: 100        | 401
            POST | /v1/decisions         | no token                 | Transfer-Encoding: chunked | 401
            POST | /v1/decisions         | a wrong token            | Content-Length: 100        | 401
            POST | /v1/no-such-route     | the token                | Content-Length: 100        | 404
            POST | /v1/decisions         | the token, a foreign Host | Content-Length: 100       | 421
            PUT  | /v1/decisions         | the token                | Content-Length: 100        | 405
            GET  | /v1/rules             | the token                | Content-Length: 100        | 200
            GET  | /health               | no token                 | Content-Length: 100        | 200
            GET  | /                     | no token                 | Transfer-Encoding: chunked | 200
            OPTIONS | /v1/decisions      | a preflight              | Content-Length: 100        | 204
            """)
    void anAnswerThatLeavesTheBodyUnread_saysConnectionClose_andThenCloses(String method, String path, String credentials, String bodyHeader,
            int status) throws IOException {
        String host = credentials.contains("foreign") ? "evil.example" : "127.0.0.1:" + guarded.port();
        String authorization = credentials.startsWith("the token") ? "Authorization: Bearer " + TOKEN + "\r\n"
                : credentials.equals("a wrong token") ? "Authorization: Bearer " + TOKEN + "x\r\n"
                : credentials.equals("a preflight") ? "Origin: " + ORIGIN + "\r\nAccess-Control-Request-Method: POST\r\n" : "";
        try (Socket socket = connect()) {
            send(socket, method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization
                    + "Content-Type: application/json\r\n" + bodyHeader + "\r\n\r\n");

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Connection")).as(response.head()).isEqualTo("close");
            assertThat(socket.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void anAnswerWithNoBodyLeftUnread_keepsTheConnection_forTheNextRequest() throws IOException {
        String host = "Host: 127.0.0.1:" + guarded.port() + "\r\n";
        String json = "Content-Type: application/json\r\n";
        String token = "Authorization: Bearer " + TOKEN + "\r\n";
        byte[] body = Servers.PERMITTED.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            send(socket, "GET /v1/rules HTTP/1.1\r\n" + host + "\r\n");
            RawHttp.Response refused = RawHttp.read(in);
            send(socket, "POST /v1/decisions HTTP/1.1\r\n" + host + json + "Content-Length: 0\r\n\r\n");
            RawHttp.Response refusedEmpty = RawHttp.read(in);
            send(socket, "POST /v1/decisions HTTP/1.1\r\n" + host + token + json + "Content-Length: " + body.length + "\r\n\r\n"
                    + Servers.PERMITTED);
            RawHttp.Response decided = RawHttp.read(in);
            send(socket, "GET /v1/rules HTTP/1.1\r\n" + host + token + "\r\n");
            RawHttp.Response admitted = RawHttp.read(in);

            List<RawHttp.Response> answers = List.of(refused, refusedEmpty, decided, admitted);
            assertThat(answers).extracting(RawHttp.Response::status).containsExactly(401, 401, 200, 200);
            assertThat(answers).extracting(response -> response.header("Connection")).containsOnlyNulls();
            assertThat(decided.json().path("outcome").asText()).isEqualTo("PERMIT");
        }
    }

    /** What the build once tripped on: a pooling client's request after a refused POST found its connection closed. */
    @Test
    void aPoolingClient_refusedAndAdmittedInTurn_getsEveryAnswer() {
        Http http = new Http(guarded);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(http.postJson(AuthzenRoutes.EVALUATION, AuthzenProtocolTest.PERMITTED).statusCode());
            HttpResponse<String> admitted = http.post(AuthzenRoutes.EVALUATION, "application/json", AuthzenProtocolTest.PERMITTED,
                    "Authorization", "Bearer " + TOKEN);
            statuses.add(admitted.statusCode());
        }

        assertThat(statuses).hasSize(200);
        for (int i = 0; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as("request %d", i).isEqualTo(i % 2 == 0 ? 401 : 200);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", guarded.port()), 10_000);
        socket.setSoTimeout(60_000); // a safety net, never an assertion about time
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
