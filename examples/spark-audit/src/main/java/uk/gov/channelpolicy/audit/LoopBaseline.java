package uk.gov.channelpolicy.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;

/**
 * The floor the Spark job is measured against: the same archive read and decided by the library in
 * a plain Java loop in one JVM, with the same {@link RecordParser}, writing nothing. Needs no Spark.
 *
 * <pre>{@code
 * java @examples/spark-audit/target/spark-audit.args uk.gov.channelpolicy.audit.LoopBaseline --input archive.jsonl --threads 1
 * }</pre>
 */
@Command(name = "loop-baseline", mixinStandardHelpOptions = true,
        description = "Decides every record of a JSON Lines archive in a plain Java loop and prints records/s.")
public final class LoopBaseline implements Callable<Integer> {
    private static final int BATCH = 1024;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The archive (one local JSON Lines file).")
    private Path input;

    @Option(names = "--rule-set", defaultValue = "dh", paramLabel = "ID", description = "The precompiled rule set (default: ${DEFAULT-VALUE}).")
    private String ruleSetId;

    @Option(names = "--rules", paramLabel = "DIR", description = "A rule-set directory instead.")
    private Path rulesDirectory;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Threads deciding records, sharing one policy (default: ${DEFAULT-VALUE}).")
    private int threads;

    private LoopBaseline() {
    }

    /**
     * Runs the baseline and exits.
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoopBaseline()).execute(args));
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws IOException if the archive cannot be read
     * @throws InterruptedException if interrupted while waiting for the threads
     * @throws ExecutionException if a thread failed
     */
    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        if (threads < 1) {
            System.err.println("loop-baseline: --threads must be at least 1");
            return 2;
        }
        long start = System.nanoTime();
        RuleSource source = rulesDirectory != null ? RuleSource.directory(rulesDirectory) : RuleSource.classpath(ruleSetId);
        ChannelPolicy policy = source.build();
        double buildSeconds = (System.nanoTime() - start) / 1e9;

        long loopStart = System.nanoTime();
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        long invalid = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            Lines lines = new Lines(input.toString(), reader);
            List<Future<Counts>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> decide(policy, lines)));
            }
            for (Future<Counts> worker : workers) {
                Counts counts = worker.get();
                counts.outcomes.forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum));
                invalid += counts.invalid;
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - loopStart) / 1e9;
        long decided = outcomes.values().stream().mapToLong(Long::longValue).sum();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.printf("Loop baseline, %d thread(s): %,d records (%,d decided, %,d invalid) in %.1f s: %,.0f records/s "
                + "(policy built in %.1f s, not counted)%n", threads, decided + invalid, decided, invalid, seconds,
                (decided + invalid) / seconds, buildSeconds);
        out.printf("  outcomes: %s%n", outcomes);
        return 0;
    }

    private static Counts decide(ChannelPolicy policy, Lines lines) throws IOException {
        RecordParser parser = new RecordParser(policy.json());
        Counts counts = new Counts();
        for (List<SourceLine> batch = lines.next(); !batch.isEmpty(); batch = lines.next()) {
            for (SourceLine line : batch) {
                if (parser.parse(line) instanceof ActivityRecord record) {
                    counts.outcomes.merge(policy.evaluate(record.request()).outcome(), 1L, Long::sum);
                } else {
                    counts.invalid++;
                }
            }
        }
        return counts;
    }

    /** What one thread counted. */
    private static final class Counts {
        final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        long invalid;
    }

    /** Hands out batches of lines, with their byte offsets, to the threads. */
    private static final class Lines {
        private final String file;
        private final BufferedReader reader;
        private long offset;

        Lines(String file, BufferedReader reader) {
            this.file = file;
            this.reader = reader;
        }

        synchronized List<SourceLine> next() throws IOException {
            List<SourceLine> batch = new ArrayList<>(BATCH);
            String text;
            while (batch.size() < BATCH && (text = reader.readLine()) != null) {
                batch.add(new SourceLine(file, offset, text));
                offset += utf8Length(text) + 1;
            }
            return batch;
        }

        private static long utf8Length(String text) {
            long bytes = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    bytes += 1;
                } else if (c < 0x800) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 4;
                    i++;
                } else {
                    bytes += 3;
                }
            }
            return bytes;
        }
    }
}
