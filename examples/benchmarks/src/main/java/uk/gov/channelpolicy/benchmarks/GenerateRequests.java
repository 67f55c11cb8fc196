package uk.gov.channelpolicy.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * Writes seeded random valid DH requests as JSON Lines, one request per line, in the contract's JSON: the input
 * for the CLI's batch figures ({@code evaluate --jsonl}). The same count and seed always write the same file.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.GenerateRequests 1000000 target/requests-1m.jsonl
 * </pre>
 */
public final class GenerateRequests {
    private GenerateRequests() {
    }

    /**
     * Writes the file.
     *
     * @param args {@code COUNT FILE [SEED]}
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: GenerateRequests COUNT FILE [SEED]");
        }
        long count = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : RequestMix.DEFAULT_SEED;
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            PolicyJson json = policy.json();
            RequestMix mix = new RequestMix(policy.vocabulary(), seed);
            for (long i = 0; i < count; i++) {
                out.write(json.write(mix.next()));
                out.write('\n');
            }
        }
    }
}
