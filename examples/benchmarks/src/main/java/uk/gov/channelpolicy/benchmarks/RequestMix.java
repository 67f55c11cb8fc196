package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * Valid requests drawn at random, from a fixed seed, from a rule set's vocabulary: every role, action and content
 * category, stated or classified channel types, unattributed channels, the actor's own channel and other people's,
 * in either capacity. The same seed always gives the same requests, so every subject of a run, and every run,
 * decides the same mix.
 */
public final class RequestMix {
    /** The seed the benchmarks and the batch files use unless told otherwise. */
    public static final long DEFAULT_SEED = 20261126L;
    /** How many distinct requests the benchmarks cycle through. */
    public static final int DEFAULT_SIZE = 1_000;

    private final List<String> roles;
    private final List<String> types;
    private final List<String> capacities;
    private final List<String> actions;
    private final List<String> content;
    private final SplittableRandom random;
    private final Vocabulary vocabulary;
    private long drawn;

    /**
     * Starts drawing requests.
     *
     * @param vocabulary the ids requests may use
     * @param seed the seed: the same seed gives the same sequence of requests
     */
    public RequestMix(Vocabulary vocabulary, long seed) {
        this.roles = vocabulary.ids(Kind.ROLES);
        this.types = vocabulary.ids(Kind.CHANNEL_TYPES);
        this.capacities = vocabulary.ids(Kind.CAPACITIES);
        this.actions = vocabulary.ids(Kind.ACTIONS);
        this.content = vocabulary.ids(Kind.CONTENT);
        this.random = new SplittableRandom(seed);
        this.vocabulary = vocabulary;
    }

    /**
     * The benchmarks' mix: {@code size} distinct requests, in the order first drawn.
     *
     * @param vocabulary the ids requests may use
     * @param seed the seed
     * @param size how many distinct requests, at most the size of the domain
     * @return the requests
     */
    public static List<PolicyRequest> distinct(Vocabulary vocabulary, long seed, int size) {
        RequestMix mix = new RequestMix(vocabulary, seed);
        Map<PolicyRequest, Boolean> seen = new LinkedHashMap<>();
        while (seen.size() < size) {
            seen.putIfAbsent(mix.next(), Boolean.TRUE);
            if (mix.drawn > 100L * size) {
                throw new IllegalArgumentException("the vocabulary has fewer than " + size + " distinct requests");
            }
        }
        return List.copyOf(seen.keySet());
    }

    /**
     * Every valid request of the vocabulary's domain once, shuffled from a seed, each with ids and a handle of its own:
     * the actor {@code a<n>}, an owner who is the actor or {@code o<n>}, the handle {@code @h<n>}. What the rules see is
     * each domain request's; nothing else repeats.
     *
     * @param vocabulary the ids requests may use
     * @param seed the seed of the shuffle
     * @return the requests
     */
    public static List<PolicyRequest> domain(Vocabulary vocabulary, long seed) {
        List<PolicyRequest> requests = new ArrayList<>();
        int n = 0;
        for (PolicyRequest request : RequestDomain.of(vocabulary)) {
            String actor = "a" + n;
            Owner owner = request.channel().owner();
            Owner renamed = owner == null ? null
                    : new Owner(owner.role(), request.actsOnOwnChannel() ? actor : "o" + n, null, owner.capacity());
            requests.add(request.toBuilder().actor(Actor.of(request.actor().role(), actor))
                    .channel(new Channel(request.channel().type(), "@h" + n, renamed)).build());
            n++;
        }
        java.util.Collections.shuffle(requests, new java.util.Random(seed));
        return List.copyOf(requests);
    }

    /**
     * The next request: one actor (with an id, so "acts on own channel" can be true), a channel that is
     * unattributed in about a quarter of requests, the actor's own in about a quarter, and someone else's in
     * the rest; a stated type in about a third; one to three content categories.
     *
     * @return a valid request: one that contradicts itself by the vocabulary's constraints is drawn again
     */
    public PolicyRequest next() {
        PolicyRequest request = draw();
        while (!vocabulary.contradictions(request).isEmpty()) {
            request = draw();
        }
        return request;
    }

    private PolicyRequest draw() {
        drawn++;
        String role = pick(roles);
        Owner owner;
        int whose = random.nextInt(4);
        String capacity = random.nextInt(3) == 0 ? null : pick(capacities);
        if (whose == 0) {
            owner = null;
        } else if (whose == 1) {
            owner = new Owner(role, "actor", null, capacity);
        } else {
            owner = new Owner(pick(roles), "someone-else", null, capacity);
        }
        String type = random.nextInt(3) == 0 ? pick(types) : null;
        List<String> categories = new ArrayList<>(3);
        int wanted = 1 + random.nextInt(Math.min(3, content.size()));
        while (categories.size() < wanted) {
            String category = pick(content);
            if (!categories.contains(category)) {
                categories.add(category);
            }
        }
        return PolicyRequest.builder(Actor.of(role, "actor"), pick(actions))
                .channel(new Channel(type, null, owner))
                .content(categories)
                .build();
    }

    private String pick(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
