package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * A bounded load test of {@code POST /v1/decisions} over loopback: a number of clients, each sending one
 * request after another for a fixed time, cycling through a realistic mix (every request in the rule
 * set's scenarios and demo), each from its own place in the mix. Reports throughput, latency
 * percentiles and errors (any answer but 200, or a failure to connect).
 *
 * <pre>
 * java -cp examples/server/target/channel-policy-server.jar uk.gov.channelpolicy.server.LoadTest [CLIENTS] [SECONDS] [URL]
 * </pre>
 *
 * <p>Without a URL it starts a server on a free port in its own JVM, and afterwards measures
 * {@code ChannelPolicy.evaluate} on the same mix in the same JVM, for comparison. Not part of the
 * test run; a test runs it for a second as a smoke test.
 */
public final class LoadTest {
    private static final ObjectMapper MAPPER = StrictJson.mapper();

    /**
     * What a run measured.
     *
     * @param clients how many clients sent requests at once
     * @param seconds how long they sent them, measured
     * @param requests how many requests were answered (errors included)
     * @param p50Micros the median latency, in microseconds
     * @param p99Micros the 99th-percentile latency, in microseconds
     * @param maxMicros the longest latency, in microseconds
     * @param failures what the errors were, each with how many times it happened: {@code HTTP 503}, or the exception a
     *     request failed with (its class and message), in the order first seen
     */
    public record Result(int clients, double seconds, long requests, long p50Micros, long p99Micros, long maxMicros,
            Map<String, Long> failures) {
        /**
         * What a run measured.
         *
         * @param clients how many clients sent requests at once
         * @param seconds how long they sent them, measured
         * @param requests how many requests were answered (errors included)
         * @param p50Micros the median latency, in microseconds
         * @param p99Micros the 99th-percentile latency, in microseconds
         * @param maxMicros the longest latency, in microseconds
         * @param failures what the errors were, and how many times each
         */
        public Result {
            failures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failures));
        }

        /**
         * How many requests were not answered 200.
         *
         * @return the errors, of every kind
         */
        public long errors() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Requests answered per second.
         *
         * @return the throughput
         */
        public double throughput() {
            return requests / seconds;
        }

        /**
         * The figures on one line.
         *
         * @return e.g. {@code 50 clients, 30.0 s: 12345 requests, 411.5/s, p50 1.200 ms, p99 9.800 ms, max 40.100 ms, 0 errors},
         *     with what the errors were when there were any ({@code 1 errors: HTTP 503 x1})
         */
        public String describe() {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%d clients, %.1f s: %d requests, %.1f/s, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d errors",
                    clients, seconds, requests, throughput(), p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0, errors()));
            String separator = ": ";
            for (Map.Entry<String, Long> failure : failures.entrySet()) {
                line.append(separator).append(failure.getKey()).append(" x").append(failure.getValue());
                separator = "; ";
            }
            return line.toString();
        }
    }

    private LoadTest() {
    }

    /**
     * Runs the load test; see the class comment for the arguments.
     *
     * @param args {@code [CLIENTS] [SECONDS] [URL]}, by default 50, 30 and a server started here
     * @throws Exception if the load test cannot run
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        if (args.length > 2) {
            try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build()) {
                System.out.println(run(URI.create(args[2]), mix(policy), clients, Duration.ofSeconds(seconds)).describe());
            }
            return;
        }
        try (DecisionServer server = DecisionServer.start(ServerConfig.builder().port(0).build())) {
            List<String> mix = mix(server.policy());
            System.out.println("server " + server.url() + ", rule set " + DecisionServer.headerValue(server.policy().ruleSet().identity())
                    + ", mix of " + mix.size() + " requests, " + Runtime.getRuntime().availableProcessors() + " processors");
            run(URI.create(server.url()), mix, Math.min(clients, 4), Duration.ofSeconds(5)); // warm-up, not reported
            Result http = run(URI.create(server.url()), mix, clients, Duration.ofSeconds(seconds));
            System.out.println("HTTP POST /v1/decisions: " + http.describe());
            Result oneThread = inProcess(server.policy(), mix, 1, Duration.ofSeconds(10));
            System.out.println("in-process evaluate, 1 thread: " + oneThread.describe());
            Result twoThreads = inProcess(server.policy(), mix, 2, Duration.ofSeconds(10));
            System.out.println("in-process evaluate, 2 threads: " + twoThreads.describe());
        }
    }

    /**
     * The request mix: the {@code given} request of every scenario the rule set ships that expects a decision, and every
     * request in its demo.
     *
     * @param policy the policy whose rule set holds the scenarios
     * @return the requests as JSON, in a fixed order
     * @throws IOException if a scenario cannot be read
     */
    public static List<String> mix(ChannelPolicy policy) throws IOException {
        List<String> requests = new ArrayList<>();
        for (Map.Entry<String, String> file : policy.ruleSet().scenarioFiles().entrySet()) {
            JsonNode scenario = MAPPER.readTree(file.getValue());
            // A scenario that pins an invalid request would be a 400: the mix is of requests the service decides.
            if (scenario.has("given") && !scenario.path("expect").has("invalid")) {
                requests.add(MAPPER.writeValueAsString(scenario.get("given")));
            }
        }
        String id = policy.ruleSet().identity().id();
        try (var in = LoadTest.class.getClassLoader().getResourceAsStream("rulesets/" + id + "/demo.json")) {
            if (in != null) {
                for (JsonNode item : MAPPER.readTree(in)) {
                    requests.add(MAPPER.writeValueAsString(item.get("request")));
                }
            }
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException("rule set " + id + " has no scenarios or demo to draw requests from");
        }
        return List.copyOf(requests);
    }

    /**
     * Sends requests from {@code clients} threads for {@code duration}.
     *
     * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080/}
     * @param mix the requests, as JSON
     * @param clients how many clients at once
     * @param duration how long
     * @return the figures
     * @throws InterruptedException if interrupted while waiting for the clients
     */
    public static Result run(URI server, List<String> mix, int clients, Duration duration) throws InterruptedException {
        Objects.requireNonNull(server, "server");
        URI decisions = server.resolve("/v1/decisions");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return measure(clients, duration, (index, deadline) -> {
            Samples samples = new Samples();
            int next = index * 7;
            while (System.nanoTime() < deadline) {
                HttpRequest request = HttpRequest.newBuilder(decisions)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mix.get(next++ % mix.size())))
                        .build();
                long start = System.nanoTime();
                String failure;
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    failure = status == 200 ? null : "HTTP " + status;
                } catch (IOException e) {
                    failure = e.getClass().getName() + ": " + e.getMessage();
                }
                samples.add(System.nanoTime() - start, failure);
            }
            return samples;
        });
    }

    /**
     * Calls {@code policy.evaluate} from {@code threads} threads for {@code duration}, on the same mix.
     *
     * @param policy the policy
     * @param mix the requests, as JSON
     * @param threads how many threads at once
     * @param duration how long
     * @return the figures
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static Result inProcess(ChannelPolicy policy, List<String> mix, int threads, Duration duration) throws InterruptedException {
        List<PolicyRequest> requests = mix.stream().map(policy.json()::readRequest).toList();
        for (int i = 0; i < 20_000; i++) {
            policy.evaluate(requests.get(i % requests.size())); // warm-up
        }
        return measure(threads, duration, (index, deadline) -> {
            Samples samples = new Samples();
            int next = index * 7;
            while (System.nanoTime() < deadline) {
                PolicyRequest request = requests.get(next++ % requests.size());
                long start = System.nanoTime();
                policy.evaluate(request);
                samples.add(System.nanoTime() - start, null);
            }
            return samples;
        });
    }

    private interface Client {
        Samples run(int index, long deadline) throws Exception;
    }

    private static Result measure(int clients, Duration duration, Client client) throws InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client: " + clients);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<Samples>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int index = i;
                futures.add(pool.submit(() -> client.run(index, deadline)));
            }
            Samples all = new Samples();
            for (Future<Samples> future : futures) {
                try {
                    all.addAll(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    all.fail("client failed: " + e.getCause());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return all.result(clients, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Latencies in nanoseconds, and the errors by what they were. */
    private static final class Samples {
        private long[] nanos = new long[1024];
        private int size;
        private final Map<String, Long> failures = new java.util.LinkedHashMap<>();

        /** A request that took {@code latency} and failed as {@code failure} says, or succeeded when it is null. */
        void add(long latency, String failure) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
            if (failure != null) {
                fail(failure);
            }
        }

        void fail(String failure) {
            failures.merge(failure, 1L, Long::sum);
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.nanos[i], null);
            }
            other.failures.forEach((failure, count) -> failures.merge(failure, count, Long::sum));
        }

        Result result(int clients, double seconds) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            return new Result(clients, seconds, size, percentile(sorted, 0.50) / 1000, percentile(sorted, 0.99) / 1000,
                    size == 0 ? 0 : sorted[size - 1] / 1000, failures);
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }
}
