package uk.gov.channelpolicy.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Reason;

/**
 * What the server counts, in Prometheus's text format (Micrometer's Prometheus registry). Every label
 * has few values: outcomes, the rule set's rule ids, the server's own routes, HTTP statuses. Nothing
 * from a request's ids, handles or paths is ever a label.
 */
final class ServerMetrics {
    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The route label of a request that matched no route. */
    static final String UNMATCHED = "unmatched";
    /** The method label of a request whose method is none of {@link #METHODS}. */
    static final String OTHER_METHOD = "other";
    /** The methods counted by name: any other (a client may send any token) is {@link #OTHER_METHOD}. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE",
            "PATCH", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The counters, found once by their labels: registering (which finds an existing meter) on every request built and
    // sorted its tags each time. Their labels have few values (see above), so these stay small.
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> reasons = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> answers = new ConcurrentHashMap<>();
    private final Timer evaluation = Timer.builder("channel.policy.evaluation")
            .description("Time to evaluate one request (POST /v1/decisions, /access/v1/evaluation and each batch item of either; not /v1/explain or searches)")
            // Buckets where DH evaluations fall (tens of microseconds) up to where something is wrong.
            .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
                    Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                    Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                    Duration.ofMillis(500), Duration.ofSeconds(1))
            .register(registry);

    /**
     * Counts the hot reloads of a watched rule set, by result: an edit that is refused shows as
     * {@code channel_policy_rule_set_reloads_total{result="rejected"}}.
     *
     * @param reloads what the reloads have done
     */
    void watchReloads(ReloadStatus reloads) {
        io.micrometer.core.instrument.FunctionCounter.builder("channel.policy.rule.set.reloads", reloads, ReloadStatus::loadedCount)
                .description("Reloads of the watched rule-set directory, by result").tag("result", "loaded").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("channel.policy.rule.set.reloads", reloads, ReloadStatus::rejectedCount)
                .description("Reloads of the watched rule-set directory, by result").tag("result", "rejected").register(registry);
    }

    /**
     * Counts a decision and how long it took.
     *
     * @param decision the decision
     * @param nanos the evaluation's duration in nanoseconds
     */
    void decided(Decision decision, long nanos) {
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
        outcomes.computeIfAbsent(decision.outcome().name(), outcome -> Counter.builder("channel.policy.decisions")
                .description("Decisions made, by outcome")
                .tag("outcome", outcome)
                .register(registry))
                .increment();
        for (Reason reason : decision.reasons()) {
            reasons.computeIfAbsent(List.of(reason.rule(), reason.effect().name()), key -> Counter.builder("channel.policy.decision.reasons")
                    .description("Reasons given in decisions, by the id of the rule that decided and its effect")
                    .tag("rule", key.get(0))
                    .tag("effect", key.get(1))
                    .register(registry))
                    .increment();
        }
    }

    /**
     * Counts a request that could not be decided because it was invalid (a single request, or one batch item).
     *
     * @param route the route it came to
     */
    void invalid(String route) {
        Counter.builder("channel.policy.invalid.requests")
                .description("Requests (or batch items) refused as invalid, by route")
                .tag("route", route)
                .register(registry)
                .increment();
    }

    /**
     * Counts an HTTP request answered.
     *
     * @param method the HTTP method as sent, or {@code null} when it could not be read
     * @param route the route's path template, or {@link #UNMATCHED}
     * @param status the response status
     */
    void answered(String method, String route, int status) {
        String counted = method != null && METHODS.contains(method) ? method : OTHER_METHOD;
        answers.computeIfAbsent(List.of(counted, route, Integer.toString(status)), key -> Counter.builder("channel.policy.http.requests")
                .description("HTTP requests answered, by method, route and status")
                .tag("method", key.get(0))
                .tag("route", key.get(1))
                .tag("status", key.get(2))
                .register(registry))
                .increment();
    }

    /**
     * Every metric, in Prometheus text format.
     *
     * @return the text, {@link #CONTENT_TYPE}
     */
    String scrape() {
        return registry.scrape();
    }
}
