package uk.gov.channelpolicy.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Writes seeded valid DH requests as JSON Lines, one request per line, in the contract's JSON: the input for the
 * CLI's batch figures ({@code evaluate --jsonl}). The same count, seed and kind always write the same file.
 *
 * <ul>
 *   <li>{@code domain} (the default): every request of the rule set's domain ({@link RequestDomain}), shuffled with
 *       the seed, then again in a new order, until {@code COUNT} are written; every line is distinct, because each
 *       has its own actor id, channel handle and other owner's id (numbered by line), so a batch cannot be answered
 *       by repeating one line's work: every line is read, and what the rules can see covers the domain.</li>
 *   <li>{@code hits}: the benchmarks' 1,000-request mix ({@link RequestMix#distinct}) over and over, each line with
 *       its own ids and handle as in {@code domain}: every decision after the first thousand is one the library
 *       remembers, so a batch over it times reading, validating and writing, not the rules.</li>
 *   <li>{@code mix}: {@link RequestMix}'s random draw, with the benchmarks' fixed ids and no handle (the figures in
 *       docs/performance.md before issue 20).</li>
 * </ul>
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
     * @param args {@code COUNT FILE [SEED [domain|hits|mix]]}
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: GenerateRequests COUNT FILE [SEED [domain|hits|mix]]");
        }
        long count = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : RequestMix.DEFAULT_SEED;
        String kind = args.length > 3 ? args[3] : "domain";
        if (!List.of("domain", "hits", "mix").contains(kind)) {
            throw new IllegalArgumentException("the kind of requests is domain, hits or mix, not " + kind);
        }
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            PolicyJson json = policy.json();
            if (kind.equals("mix")) {
                RequestMix mix = new RequestMix(policy.vocabulary(), seed);
                for (long i = 0; i < count; i++) {
                    out.write(json.write(mix.next()));
                    out.write('\n');
                }
                return;
            }
            if (kind.equals("hits")) {
                List<PolicyRequest> mix = RequestMix.distinct(policy.vocabulary(), seed, RequestMix.DEFAULT_SIZE);
                for (long line = 0; line < count; line++) {
                    out.write(json.write(distinct(mix.get((int) (line % mix.size())), line + 1)));
                    out.write('\n');
                }
                return;
            }
            List<PolicyRequest> domain = new ArrayList<>(RequestDomain.of(policy.vocabulary()).stream().toList());
            Random random = new Random(seed);
            for (long line = 0; line < count; line++) {
                int at = (int) (line % domain.size());
                if (at == 0) {
                    Collections.shuffle(domain, random);
                }
                out.write(json.write(distinct(domain.get(at), line + 1)));
                out.write('\n');
            }
        }
    }

    /**
     * The request with ids and a handle of its own: the actor {@code p<line>}, an owner who is the actor keeps that
     * id, another owner {@code o<line>}, the handle {@code @h<line>}. What the rules see is unchanged.
     */
    static PolicyRequest distinct(PolicyRequest request, long line) {
        String actorId = "p" + line;
        Owner owner = request.channel().owner();
        Owner renamed = owner == null ? null
                : new Owner(owner.role(), RequestDomain.ACTOR_ID.equals(owner.id()) ? actorId : "o" + line, owner.name(), owner.capacity());
        return request.toBuilder()
                .actor(new Actor(request.actor().role(), actorId, request.actor().name()))
                .channel(new Channel(request.channel().type(), "@h" + line, renamed))
                .build();
    }
}
