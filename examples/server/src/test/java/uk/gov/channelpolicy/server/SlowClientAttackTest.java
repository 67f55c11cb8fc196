package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The slow-body attack, on loopback, against a server with its defaults: {@value #ATTACKERS} connections each declare a
 * 60 kB body and send it a byte every {@value #TRICKLE_SECONDS} s, reconnecting whenever the server drops them, for
 * {@value #ATTACK_SECONDS} s; {@value #HEADER_ATTACKERS} more send their headers a byte at a time. Meanwhile a few
 * ordinary clients keep sending {@code POST /v1/decisions}.
 *
 * <p>Before, the trickling bodies held a thread each and nothing was answered until they closed. Now every ordinary
 * request must be answered 200: none refused, none timed out. As the rulings ask, the test asserts no time; it measures
 * the ordinary requests' latency (from sending a request to reading its whole answer) during the attack and writes it to {@code target/slow-client-attack.txt}
 * (docs/security.md reports it).
 */
class SlowClientAttackTest {
    static final int ATTACKERS = 300;
    static final int HEADER_ATTACKERS = 50;
    static final int TRICKLE_SECONDS = 10;
    static final int ATTACK_SECONDS = 40;
    private static final int ORDINARY_CLIENTS = 4;
    private static final int DECLARED_BODY = 60_000;

    @Test
    void slowBodiesAndHeaders_doNotStopOrdinaryDecisions() throws Exception {
        try (DecisionServer server = DecisionServer.start(Servers.config().build())) {
            Attack attack = new Attack(server.port());
            attack.connectAll();
            Thread attacker = new Thread(attack::run, "slow-client-attack");
            attacker.start();

            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicInteger mostOpen = new AtomicInteger();
            CountDownLatch ordinaryDone = new CountDownLatch(ORDINARY_CLIENTS);
            for (int i = 0; i < ORDINARY_CLIENTS; i++) {
                String body = i % 2 == 0 ? Servers.DENIED : Servers.PERMITTED;
                Thread ordinary = new Thread(() -> {
                    // One keep-alive connection per client, used without pause: a connection the server closed would show.
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 30_000);
                        socket.setSoTimeout(30_000);
                        while (attacking.get()) {
                            decide(socket, server.port(), body, latencies, failures);
                            mostOpen.accumulateAndGet(server.openConnections(), Math::max);
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    } finally {
                        ordinaryDone.countDown();
                    }
                }, "ordinary-client-" + i);
                ordinary.start();
            }

            Thread.sleep(Duration.ofSeconds(ATTACK_SECONDS).toMillis());
            attacking.set(false);
            ordinaryDone.await();
            attack.stop();
            attacker.join();

            String report = report(latencies, attack, mostOpen.get());
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/slow-client-attack.txt"), report);
            System.out.println(report);

            assertThat(failures).as("every ordinary request answered 200, none refused, none timed out").isEmpty();
            assertThat(latencies).as("ordinary requests were made throughout").hasSizeGreaterThan(ATTACK_SECONDS);
            assertThat(mostOpen.get()).as("the attack held its connections open").isGreaterThanOrEqualTo(ATTACKERS);
            assertThat(attack.bodiesRefused.get()).as("slow bodies answered 408").isPositive();
            assertThat(attack.headersClosed.get()).as("slow headers closed").isPositive();
            assertThat(new Http(server).get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** One ordinary decision on a kept-alive connection; a failure (not a 200, a closed connection, a timeout) is noted. */
    private static void decide(Socket socket, int port, String body, List<Long> latencies, ConcurrentLinkedQueue<String> failures)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] request = ("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        latencies.add(System.nanoTime() - start);
        if (response.status() != 200) {
            failures.add(response.status() + " " + response.body());
        }
    }

    private static String report(List<Long> latencies, Attack attack, int mostOpen) {
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return String.format(Locale.ROOT, "slow-client attack: %d slow-body and %d slow-header connections, a byte every %d s, for %d s;"
                + " at most %d connections open at once; %d slow bodies answered 408, %d slow headers closed, %d reconnections.%n"
                + "ordinary POST /v1/decisions from %d clients during the attack: %d requests, all answered 200; latency p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", ATTACKERS, HEADER_ATTACKERS, TRICKLE_SECONDS, ATTACK_SECONDS, mostOpen,
                attack.bodiesRefused.get(), attack.headersClosed.get(), attack.reconnections.get(), ORDINARY_CLIENTS, sorted.length,
                millis(sorted, 0.50), millis(sorted, 0.99), sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0.0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** The attacking connections, driven from one thread with non-blocking sockets. */
    private static final class Attack {
        private final int port;
        private final SlowConnection[] connections = new SlowConnection[ATTACKERS + HEADER_ATTACKERS];
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger bodiesRefused = new AtomicInteger();
        final AtomicInteger headersClosed = new AtomicInteger();
        final AtomicInteger reconnections = new AtomicInteger();

        Attack(int port) {
            this.port = port;
        }

        void connectAll() throws IOException {
            for (int i = 0; i < connections.length; i++) {
                connections[i] = open(i < ATTACKERS, i);
            }
        }

        void run() {
            try {
                while (running.get()) {
                    long now = System.nanoTime();
                    for (int i = 0; i < connections.length; i++) {
                        SlowConnection connection = connections[i];
                        if (!connection.alive()) {
                            if (!connection.body) {
                                headersClosed.incrementAndGet();
                            } else if (connection.answered) {
                                bodiesRefused.incrementAndGet();
                            }
                            connection.close();
                            connections[i] = open(connection.body, i);
                            reconnections.incrementAndGet();
                        } else if (now >= connection.nextByteAt) {
                            connection.sendOneByte();
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the attack could not reconnect", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (SlowConnection connection : connections) {
                    if (connection != null) {
                        connection.close();
                    }
                }
            }
        }

        void stop() {
            running.set(false);
        }

        private SlowConnection open(boolean body, int index) throws IOException {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            String head = body
                    ? "POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + DECLARED_BODY + "\r\n\r\n"
                    : "";
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            // Spread the bytes over the period, so the server sees a steady trickle rather than bursts.
            long offset = Duration.ofSeconds(TRICKLE_SECONDS).toNanos() * index / connections.length;
            return new SlowConnection(channel, body, port, System.nanoTime() + offset);
        }
    }

    /** One attacking connection: a body, or a request head, a byte at a time. */
    private static final class SlowConnection {
        private final SocketChannel channel;
        final boolean body;
        private final byte[] head;
        private int headSent;
        long nextByteAt;
        boolean answered;
        private final ByteBuffer in = ByteBuffer.allocate(4_096);

        SlowConnection(SocketChannel channel, boolean body, int port, long firstByteAt) {
            this.channel = channel;
            this.body = body;
            this.head = ("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: " + "s".repeat(1_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            this.nextByteAt = firstByteAt;
        }

        /** False once the server has answered or closed the connection. */
        boolean alive() {
            try {
                in.clear();
                int read = channel.read(in);
                if (read > 0) {
                    answered = new String(Arrays.copyOf(in.array(), read), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408");
                    return false;
                }
                return read == 0;
            } catch (IOException e) {
                return false;
            }
        }

        void sendOneByte() {
            byte next = body ? (byte) ' ' : head[Math.min(headSent++, head.length - 1)];
            try {
                channel.write(ByteBuffer.wrap(new byte[] {next}));
            } catch (IOException e) {
                // closed by the server; alive() notices
            }
            nextByteAt += Duration.ofSeconds(TRICKLE_SECONDS).toNanos();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
