package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Each bound on a slow or greedy client, one at a time, with short limits: the header deadline, the minimum body rate,
 * the minimum response rate, the idle timeout, the connection limit and the budget of bodies held at once. {@link SlowClientAttackTest} tries
 * them together, as an attack. Nothing here asserts a time: each test waits (with a generous safety net) for the
 * server to do what the bound says.
 */
class SlowClientsTest {
    private static final Duration SAFETY = Duration.ofSeconds(60);

    @Test
    void headersThatTrickle_haveTheirConnectionClosedBeforeTheyAreWhole() throws Exception {
        try (DecisionServer server = DecisionServer.start(Servers.config().headerTimeout(Duration.ofSeconds(1)).build());
                Socket socket = connect(server)) {
            String head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nX-Slow: " + "s".repeat(400) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            int sent = 0;
            boolean closed = false;
            while (sent < head.length() && !closed) {
                try {
                    out.write(head.charAt(sent));
                    out.flush();
                    sent++;
                    closed = closedByServer(socket);
                    Thread.sleep(100);
                } catch (IOException e) {
                    closed = true;
                }
            }

            assertThat(closed).as("closed after %d of %d bytes", sent, head.length()).isTrue();
            assertThat(sent).isLessThan(head.length());
        }
    }

    /**
     * A client that asks for a large answer and reads none of it has its connection closed once the answer falls behind
     * the minimum response rate, which frees the thread writing it. The idle timeout here is five minutes: nothing else
     * would close it sooner. The answer (about 9 MB) is more than the kernel's buffers on both sides hold.
     */
    @Test
    void anAnswerNotTaken_hasItsConnectionClosed_behindTheMinimumResponseRate() throws Exception {
        int items = 6_000;
        String body = (Servers.PERMITTED + "\n").repeat(items);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (DecisionServer server = DecisionServer.start(Servers.config().maxBatchItems(items).maxBatchBodyBytes(bytes.length)
                .idleTimeout(Duration.ofMinutes(5)).minResponseBytesPerSecond(1_000_000).build());
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) SAFETY.toMillis());
            socket.setSoTimeout((int) SAFETY.toMillis());
            socket.getOutputStream().write(("POST /v1/decisions/batch HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();

            waitUntil(() -> server.slowReadersClosed() == 1);
            long read = 0;
            boolean ended = false;
            byte[] buffer = new byte[65_536];
            try {
                for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                    read += n;
                }
                ended = true;
            } catch (IOException reset) {
                ended = true;
            }
            assertThat(ended).isTrue();
            HttpResponse<String> one = new Http(server).postJson("/v1/decisions", Servers.PERMITTED);
            assertThat(one.statusCode()).isEqualTo(200);
            long whole = (long) items * (one.body().getBytes(StandardCharsets.UTF_8).length + 1);
            assertThat(read).as("the answer was cut short of its %d bytes", whole).isLessThan(whole);
        }
    }

    @Test
    void bodySlowerThanTheMinimumRate_is408_andTheConnectionIsClosed() throws Exception {
        try (DecisionServer server = DecisionServer.start(Servers.config().minBodyBytesPerSecond(100).build());
                Socket socket = connect(server)) {
            sendHead(socket, server, "/v1/decisions", 60_000);
            ExecutorService trickler = Executors.newSingleThreadExecutor();
            try {
                trickler.submit(() -> trickle(socket, 500));

                RawHttp.Response response = RawHttp.read(socket.getInputStream());

                response.assertProblem(408, "request-timeout");
                assertThat(response.header("Connection")).isEqualTo("close");
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            } finally {
                trickler.shutdownNow();
            }
            assertThat(new Http(server).get("/metrics").body())
                    .contains("channel_policy_http_requests_total{method=\"POST\",route=\"/v1/decisions\",status=\"408\"} 1.0");
        }
    }

    @Test
    void bodyThatStops_is408_onceTheIdleTimeoutPasses() throws Exception {
        try (DecisionServer server = DecisionServer.start(Servers.config().idleTimeout(Duration.ofSeconds(1)).build());
                Socket socket = connect(server)) {
            sendHead(socket, server, "/v1/decisions", 1_000);
            socket.getOutputStream().write("{\"actor\":".getBytes(StandardCharsets.UTF_8));

            RawHttp.read(socket.getInputStream()).assertProblem(408, "request-timeout");
        }
    }

    @Test
    void connectionsPastTheLimit_waitToBeAccepted_andAreAnsweredWhenOneCloses() throws Exception {
        try (DecisionServer server = DecisionServer.start(Servers.config().maxConnections(5).build())) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(connect(server));
                }
                waitUntil(() -> server.openConnections() == 5 && !server.accepting());
                ExecutorService waiting = Executors.newSingleThreadExecutor();
                try {
                    Future<RawHttp.Response> sixth = waiting.submit(() -> RawHttp.exchange(server.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1:"
                            + server.port() + "\r\nConnection: close\r\n\r\n"));

                    // Closing one lets the sixth in; at the limit, idle ones are also let go after a short idle timeout.
                    held.remove(0).close();

                    assertThat(sixth.get().status()).isEqualTo(200);
                } finally {
                    waiting.shutdownNow();
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void bodiesPastTheBudgetHeldAtOnce_are503_andTheFirstIsStillDecided() throws Exception {
        String padded = Servers.DENIED + " ".repeat(900 - Servers.DENIED.length());
        try (DecisionServer server = DecisionServer.start(Servers.config().maxBodyBytes(1_000).maxBatchBodyBytes(1_000)
                .maxBufferedBodyBytes(1_200).build()); Socket first = connect(server)) {
            sendHead(first, server, "/v1/decisions", 900);
            first.getOutputStream().write(padded.substring(0, 700).getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            waitUntil(() -> server.bufferedBodyBytes() == 700);

            RawHttp.Response second = RawHttp.exchange(server.port(), "POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 900\r\nConnection: close\r\n\r\n" + padded);
            first.getOutputStream().write(padded.substring(700).getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            RawHttp.Response decided = RawHttp.read(first.getInputStream());

            second.assertProblem(503, "service-unavailable");
            assertThat(second.header("Retry-After")).isEqualTo("1");
            assertThat(decided.status()).isEqualTo(200);
            assertThat(decided.json().path("outcome").asText()).isEqualTo("DENY");
            waitUntil(() -> server.bufferedBodyBytes() == 0);
        }
    }

    private static Socket connect(DecisionServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) SAFETY.toMillis());
        socket.setSoTimeout((int) SAFETY.toMillis());
        return socket;
    }

    private static void sendHead(Socket socket, DecisionServer server, String path, int contentLength) throws IOException {
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends a space every so often until the server stops reading. */
    private static Void trickle(Socket socket, long everyMillis) throws InterruptedException {
        try {
            for (int i = 0; i < 10_000; i++) {
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                Thread.sleep(everyMillis);
            }
        } catch (IOException e) {
            // the server closed the connection: what the test waits for
        }
        return null;
    }

    /** Whether the server has closed its end: a read that would block means it has not. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        if (in.available() > 0) {
            return true;
        }
        socket.setSoTimeout(1);
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout((int) SAFETY.toMillis());
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SAFETY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the server never got there (a safety net, not a timing assertion)").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
