package uk.gov.channelpolicy.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's raw results (written by {@code run-benchmarks.sh} into a folder) into the Markdown tables of
 * {@code docs/performance.md}: every ratio is between figures of the same run, and every target is judged met or
 * missed from them.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.PerformanceReport examples/benchmarks/target/results
 * </pre>
 */
public final class PerformanceReport {
    private static final String LIBRARY = SubjectId.CHANNEL_POLICY.id();

    private final Path results;
    private final StringBuilder out = new StringBuilder();

    /** One subject's JMH figures. */
    private record Figures(double p50, double p99, double mean, double meanError, double throughput, double throughputError) {
    }

    private PerformanceReport(Path results) {
        this.results = results;
    }

    /**
     * Prints the tables.
     *
     * @param args the results folder
     * @throws IOException if a result cannot be read
     */
    public static void main(String[] args) throws IOException {
        PerformanceReport report = new PerformanceReport(Path.of(args.length > 0 ? args[0] : "examples/benchmarks/target/results"));
        System.out.print(report.render());
    }

    private String render() throws IOException {
        Map<String, Figures> jmh = readJmh(results.resolve("jmh.json"));
        Map<String, Double> startupJar = medians(lines("startup-jar.txt"));
        Map<String, Double> startupDirectory = medians(lines("startup-directory.txt"));
        Map<String, Double> heapJar = medians(lines("heap-jar.txt"));
        Map<String, Double> heapDirectory = medians(lines("heap-directory.txt"));
        Map<String, Double> oneShot = medians(lines("cli-oneshot.txt"));
        Map<String, Double> batchSmall = medians(lines("batch-100000.txt"));
        Map<String, Double> batchLarge = medians(lines("batch-1000000.txt"));

        for (String stream : List.of("domain", "mix")) {
            steadyState(jmh, stream);
        }
        out.append("\n#### Start-up and memory (median of the runs in the results folder)\n\n");
        out.append("| what | precompiled jar (`ruleSet(\"dh\")`) | rule-set directory compiled at run time |\n");
        out.append("| --- | ---: | ---: |\n");
        Map<String, Double> startupCds = medians(lines("startup-jar-cds.txt"));
        row("JVM start → first decision", startupJar, startupDirectory, "jvm_to_first_decision_ms", "ms");
        row("process launch → first decision", startupJar, startupDirectory, "launch_to_first_decision_ms", "ms");
        row("`build()`", startupJar, startupDirectory, "build_ms", "ms");
        row("first `evaluate` after `build()`", startupJar, startupDirectory, "first_decision_ms", "ms");
        row("`builder()…build()` → first decision", startupJar, startupDirectory, "build_to_first_decision_ms", "ms");
        row("the same, a second `build()` in the same JVM", startupJar, startupDirectory, "second_build_to_first_decision_ms", "ms");
        if (!startupCds.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| `builder()…build()` → first decision, the JVM given an AppCDS archive"
                    + " (`-XX:SharedArchiveFile`, made by one run) | %.0f ms | |%n", startupCds.get("build_to_first_decision_ms")));
            out.append(String.format(Locale.ROOT, "| JVM start → first decision, the same | %.0f ms | |%n",
                    startupCds.get("jvm_to_first_decision_ms")));
        }
        row("heap retained by the first policy", heapJar, heapDirectory, "first_mb", "MB");
        row("heap retained by each further policy", heapJar, heapDirectory, "each_further_mb", "MB");

        Map<String, Double> phases = medians(lines("startup-phases.txt"));
        if (!phases.isEmpty()) {
            out.append("\n#### Where a cold `ruleSet(\"dh\")` start goes (median, fresh JVMs; each phase cold, one after another)\n\n");
            out.append("| phase | ms |\n| --- | ---: |\n");
            phases.forEach((key, value) -> {
                if (key.endsWith("_ms")) {
                    out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", key.substring(0, key.length() - 3).replace('_', ' '), value));
                }
            });
        }

        out.append("\n#### The CLI (`examples/cli/target/channel-policy.jar`)\n\n");
        out.append("| run | wall time | requests/s | peak RSS |\n| --- | ---: | ---: | ---: |\n");
        if (!oneShot.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| `evaluate FILE`, one request (median of %d) | %.2f s | | %.0f MB |%n",
                    lines("cli-oneshot.txt").size(), oneShot.get("wall_s"), oneShot.get("max_rss_kb") / 1024));
        }
        Map<String, Double> oneShotLauncher = medians(lines("cli-oneshot-launcher.txt"));
        if (!oneShotLauncher.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| the same through the launcher `examples/cli/channel-policy` (the build's AppCDS archive,"
                    + " C1 only; median of %d) | %.2f s | | %.0f MB |%n", lines("cli-oneshot-launcher.txt").size(), oneShotLauncher.get("wall_s"),
                    oneShotLauncher.get("max_rss_kb") / 1024));
        }
        Map<String, Double> validate = medians(lines("cli-validate.txt"));
        if (!validate.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| `validate` of the DH directory, `java -jar` (median of %d) | %.2f s | | %.0f MB |%n",
                    lines("cli-validate.txt").size(), validate.get("wall_s"), validate.get("max_rss_kb") / 1024));
        }
        Map<String, Double> test = medians(lines("cli-test.txt"));
        if (!test.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| `test --rules` of the DH directory, 90 scenarios, `java -jar` (median of %d) | %.2f s | | %.0f MB |%n",
                    lines("cli-test.txt").size(), test.get("wall_s"), test.get("max_rss_kb") / 1024));
        }
        batchRow(batchSmall, "the launcher");
        batchRow(batchLarge, "the launcher");
        batchRow(medians(lines("batch-100000-plain-java.txt")), "`java -jar`, the JVM's default heap");
        batchRow(medians(lines("batch-1000000-plain-java.txt")), "`java -jar`, the JVM's default heap");
        if (oneShot.isEmpty() && batchLarge.isEmpty()) {
            out.append("| (no CLI jar in this run) | | | |\n");
        }

        List<String> load = Files.exists(results.resolve("load.txt"))
                ? Files.readAllLines(results.resolve("load.txt"), StandardCharsets.UTF_8) : List.of();
        if (!load.isEmpty()) {
            out.append("\nLoad average (1, 5, 15 min) as each phase started: ")
                    .append(String.join("; ", load.stream().map(line -> "`" + line + "`").toList())).append(".\n");
        }

        out.append("\n#### Targets (this 2-core machine)\n\n| target | figure | |\n| --- | --- | --- |\n");
        Figures reference = figures(jmh, SubjectId.REFERENCE_MODEL);
        Figures naive = figures(jmh, SubjectId.NAIVE_DROOLS);
        Figures uncached = figures(jmh, SubjectId.CHANNEL_POLICY_UNCACHED);
        Figures table = jmh.get(LIBRARY + "@domain");
        if (table != null && reference != null) {
            double byP50 = table.p50 / reference.p50;
            target("the table path: p50 ≤ 2× the hand-coded model's, distinct requests covering the domain",
                    String.format(Locale.ROOT, "p50 %s µs, %.2f× the model's %s µs", micros(table.p50), byP50, micros(reference.p50)), byP50 <= 2);
        }
        if (table != null) {
            target("the table path: ≥ 5,000,000 decisions/s on 2 threads, the domain stream", count(table.throughput) + " /s",
                    table.throughput >= 5_000_000);
        }
        if (uncached != null && naive != null) {
            double byP50 = naive.p50 / uncached.p50;
            double byThroughput = uncached.throughput / naive.throughput;
            target("the engine path (`decisionCache(0)`): ≥ 1.5× naive Drools (the floor)", String.format(Locale.ROOT,
                    "%.2f× by p50, %.2f× by throughput", byP50, byThroughput), byP50 >= 1.5 && byThroughput >= 1.5);
        }
        Map<String, Double> cedar = medians(lines("cedar.txt").stream().filter(line -> line.startsWith("cedar-wasm")).toList());
        if (cedar.containsKey("p50_us")) {
            Figures mix = jmh.get(LIBRARY + "@mix");
            Figures tableOrMix = mix != null ? mix : table;
            if (tableOrMix != null) {
                double times = cedar.get("p50_us") / tableOrMix.p50;
                target("≥ 30× Cedar-wasm 4.13.0 by p50 (its 6-rule policy, the same 1,000-request mix; the table path)",
                        String.format(Locale.ROOT, "%.0f× (Cedar %s µs)", times, micros(cedar.get("p50_us"))), times >= 30);
            }
        }
        targets(table, ", the table path", reference, naive);
        targets(uncached, ", the engine path", reference, naive);
        if (startupJar.containsKey("build_to_first_decision_ms")) {
            double ready = startupJar.get("build_to_first_decision_ms");
            target("ready ≤ 300 ms after `build()` (precompiled jar, its table loaded)", String.format(Locale.ROOT, "%.0f ms", ready), ready <= 300);
        }
        if (startupCds.containsKey("build_to_first_decision_ms")) {
            double ready = startupCds.get("build_to_first_decision_ms");
            target("ready ≤ 300 ms after `build()`, the JVM given an AppCDS archive", String.format(Locale.ROOT, "%.0f ms", ready),
                    ready <= 300);
        }
        if (oneShot.containsKey("wall_s")) {
            target("CLI one-shot ≤ 0.8 s, `java -jar`", String.format(Locale.ROOT, "%.2f s", oneShot.get("wall_s")), oneShot.get("wall_s") <= 0.8);
        }
        if (oneShotLauncher.containsKey("wall_s")) {
            target("CLI one-shot ≤ 1 s, the launcher", String.format(Locale.ROOT, "%.2f s", oneShotLauncher.get("wall_s")),
                    oneShotLauncher.get("wall_s") <= 1);
        }
        if (validate.containsKey("wall_s")) {
            target("`validate` of the DH directory ≤ 1.5 s, `java -jar`", String.format(Locale.ROOT, "%.2f s", validate.get("wall_s")),
                    validate.get("wall_s") <= 1.5);
        }
        if (batchLarge.containsKey("wall_s")) {
            double rate = batchLarge.get("requests") / batchLarge.get("wall_s");
            target("batch ≥ 200,000 requests/s", count(rate) + " /s over " + count(batchLarge.get("requests")), rate >= 200_000);
        }
        return out.toString();
    }

    /** One stream's table: every subject on the same requests, in the same run. */
    private void steadyState(Map<String, Figures> jmh, String stream) {
        Figures library = jmh.get(LIBRARY + "@" + stream);
        if (jmh.keySet().stream().noneMatch(key -> key.endsWith("@" + stream))) {
            return;
        }
        out.append("domain".equals(stream)
                ? "#### Steady state: one decision, on a stream of distinct requests covering the domain (JMH `stream=domain`)\n\n"
                : "#### Steady state: one decision, on the 1,000-request mix (JMH `stream=mix`: a cache's best case)\n\n");
        out.append("| subject | answers | p50 µs | p99 µs | mean µs (± 99.9% CI) | 2 threads, decisions/s (± 99.9% CI) |"
                + " subject's p50 ÷ channel-policy's | channel-policy's throughput ÷ subject's |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (SubjectId id : SubjectId.values()) {
            Figures f = jmh.get(id.id() + "@" + stream);
            if (f == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s ± %s | %s ± %s | %s | %s |%n", id.id(), answers(id),
                    micros(f.p50), micros(f.p99), micros(f.mean), micros(f.meanError), count(f.throughput), count(f.throughputError),
                    library == null ? "" : String.format(Locale.ROOT, "%.3f", f.p50 / library.p50),
                    library == null ? "" : String.format(Locale.ROOT, "%.3f", library.throughput / f.throughput)));
        }
        out.append('\n');
    }

    /** A subject's figures on the domain stream, else on the mix. */
    private static Figures figures(Map<String, Figures> jmh, SubjectId id) {
        Figures domain = jmh.get(id.id() + "@domain");
        return domain != null ? domain : jmh.get(id.id() + "@mix");
    }

    private void targets(Figures subject, String which, Figures reference, Figures naive) {
        if (subject == null) {
            return;
        }
        target("p50 ≤ 3 µs with full decisions" + which, String.format(Locale.ROOT, "p50 %s µs", micros(subject.p50)), subject.p50 <= 3);
        target("≥ 400,000 decisions/s on 2 threads" + which, count(subject.throughput) + " /s", subject.throughput >= 400_000);
        if (reference != null) {
            double byP50 = subject.p50 / reference.p50;
            double byThroughput = reference.throughput / subject.throughput;
            target("≤ 10× the hand-coded model" + which, String.format(Locale.ROOT, "%.1f× slower by p50, %.1f× by throughput",
                    byP50, byThroughput), byP50 <= 10 && byThroughput <= 10);
        }
        if (naive != null) {
            double byP50 = naive.p50 / subject.p50;
            double byThroughput = subject.throughput / naive.throughput;
            target("≥ 2× the naive Drools usage" + which, String.format(Locale.ROOT, "%.2f× by p50, %.2f× by throughput", byP50, byThroughput),
                    byP50 >= 2 && byThroughput >= 2);
        }
    }

    private static String answers(SubjectId id) {
        return switch (id) {
            case CHANNEL_POLICY -> "full decision: reasons with citations, codes, obligations, advice, responsibilities, a"
                    + " NOT_APPLICABLE's explanation; the library's default, the table path: the jar's decision table, so every valid"
                    + " request is validated by its index and looked up";
            case REFERENCE_MODEL -> "outcome, channel type, codes";
            case NAIVE_DROOLS -> "raw findings (no validation, no decision)";
            case POOLED_DROOLS -> "what-if: raw findings, sessions pooled";
            case KEPT_DROOLS -> "what-if: raw findings, Drools alone on a session kept per thread and emptied, as the engine path drives it";
            case KEPT_DROOLS_COMPILED_ALPHA -> "what-if: the same with Drools' alpha network compiled to Java in memory";
            case CHANNEL_POLICY_UNCACHED -> "the same full decision, the engine path: every call evaluated by the rules (`decisionCache(0)`: no"
                    + " table, no cache), a NOT_APPLICABLE's explanation made the first time its request is seen";
            case EASY_RULES -> "outcome, channel type, codes, rule ids of reasons, obligations, advice, responsibilities";
            case JCASBIN -> "outcome, channel type";
        };
    }

    private void row(String what, Map<String, Double> jar, Map<String, Double> directory, String key, String unit) {
        out.append("| ").append(what).append(" | ").append(value(jar, key, unit)).append(" | ").append(value(directory, key, unit))
                .append(" |\n");
    }

    private static String value(Map<String, Double> figures, String key, String unit) {
        Double value = figures.get(key);
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, unit.equals("MB") ? "%.1f %s" : "%.0f %s", value, unit);
    }

    private void batchRow(Map<String, Double> batch, String how) {
        if (batch.isEmpty()) {
            return;
        }
        double requests = batch.get("requests");
        out.append(String.format(Locale.ROOT, "| `evaluate --jsonl`, %s requests, %s | %.1f s | %s | %.0f MB |%n", count(requests), how,
                batch.get("wall_s"), count(requests / batch.get("wall_s")), batch.get("max_rss_kb") / 1024));
    }

    private void target(String target, String figure, boolean met) {
        out.append("| ").append(target).append(" | ").append(figure).append(" | ").append(met ? "met" : "**missed**").append(" |\n");
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, value < 1 ? "%.3f" : value < 100 ? "%.2f" : "%.0f", value);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private List<String> lines(String name) throws IOException {
        Path file = results.resolve(name);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.contains("=")).toList();
    }

    /** The median of each numeric {@code key=value} over the lines. */
    private static Map<String, Double> medians(List<String> lines) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String line : lines) {
            for (String pair : line.trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(pair.substring(eq + 1));
                } catch (NumberFormatException e) {
                    continue; // a word such as mode=jar: not a figure
                }
                values.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        values.forEach((key, list) -> {
            double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            medians.put(key, n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        });
        return medians;
    }

    private static Map<String, Figures> readJmh(Path file) throws IOException {
        Map<String, Figures> figures = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return figures;
        }
        Map<String, JsonNode> latency = new LinkedHashMap<>();
        Map<String, JsonNode> throughput = new LinkedHashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
            String stream = result.path("params").path("stream").asText("mix");
            String subject = result.path("params").path("subject").asText() + "@" + stream;
            String benchmark = result.path("benchmark").asText();
            (benchmark.endsWith(".latency") ? latency : throughput).put(subject, result.path("primaryMetric"));
        }
        for (String subject : union(latency.keySet(), throughput.keySet())) {
            JsonNode l = latency.get(subject);
            JsonNode t = throughput.get(subject);
            figures.put(subject, new Figures(
                    l == null ? Double.NaN : l.path("scorePercentiles").path("50.0").asDouble(),
                    l == null ? Double.NaN : l.path("scorePercentiles").path("99.0").asDouble(),
                    l == null ? Double.NaN : l.path("score").asDouble(),
                    l == null ? Double.NaN : l.path("scoreError").asDouble(),
                    t == null ? Double.NaN : t.path("score").asDouble(),
                    t == null ? Double.NaN : t.path("scoreError").asDouble()));
        }
        return figures;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(s -> !a.contains(s)).forEach(all::add);
        return all;
    }
}
