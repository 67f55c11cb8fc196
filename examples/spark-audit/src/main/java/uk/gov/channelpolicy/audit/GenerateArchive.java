package uk.gov.channelpolicy.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import uk.gov.channelpolicy.audit.SyntheticRecord.Defect;

/**
 * Writes a synthetic archive from the shell (see {@link ArchiveGenerator}). Needs no Spark.
 *
 * <pre>{@code
 * java @examples/spark-audit/target/spark-audit.args uk.gov.channelpolicy.audit.GenerateArchive \
 *     --records 1000000 --seed 42 --output archive.jsonl --requests requests.jsonl
 * }</pre>
 */
@Command(name = "generate-archive", mixinStandardHelpOptions = true,
        description = "Writes a synthetic archive of activity records as JSON Lines, the same for the same seed.")
public final class GenerateArchive implements Callable<Integer> {
    @Option(names = "--records", required = true, paramLabel = "N", description = "How many records to write.")
    private long records;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "The seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--invalid-share", defaultValue = "0.01", paramLabel = "SHARE",
            description = "The share of records with a defect, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double invalidShare;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The archive to write (JSON Lines).")
    private Path output;

    @Option(names = "--requests", paramLabel = "FILE",
            description = "Also write each record's request part alone, line for line: the same questions for a plain "
                    + "request reader such as 'channel-policy evaluate --jsonl'.")
    private Path requests;

    private GenerateArchive() {
    }

    /**
     * Writes an archive and exits.
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateArchive()).execute(args));
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws IOException if a file cannot be written
     */
    @Override
    public Integer call() throws IOException {
        if (records < 0) {
            System.err.println("generate-archive: --records must not be negative");
            return 2;
        }
        ArchiveGenerator generator = new ArchiveGenerator(seed, invalidShare);
        long start = System.nanoTime();
        Map<Defect, Long> defects = generator.write(output, records, requests);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.printf("Wrote %,d records to %s in %.1f s (seed %d)%n", records, output, (System.nanoTime() - start) / 1e9, seed);
        defects.forEach((defect, count) -> out.printf("  %-20s %,d%n", defect.name().toLowerCase(Locale.ROOT), count));
        return 0;
    }
}
