package uk.gov.channelpolicy.tools;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.facts.RequestField;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Every valid request a vocabulary can express, up to the identity of people: each role × stated channel
 * type (or none) × owner (none; the actor in each capacity or none; another person of each role in
 * each capacity or none) × action slot × non-empty set of content categories, less the requests that break one of
 * the vocabulary's constraints (which are invalid, not decided). Finite, so properties of a rule set can be
 * checked exhaustively. Generated lazily, in a fixed order.
 *
 * <p>The action slots, action by action in vocabulary order: an action that takes no source
 * ({@link Vocabulary#takesSource}) has one slot, without a source; an action that takes one has
 * {@code 1 + 1 + capacities' * (1 + roles)} slots, in this order: no source; a source with no owner (a corporate
 * account's tweet); then, for each capacity in {@code [none, ...capacities]}, a source owned by the actor (role the
 * actor's, id {@link #ACTOR_ID}) and then by another person of each role (id {@link #OTHER_ID}), exactly as the
 * channel's owner is enumerated.
 */
public final class RequestDomain implements Iterable<PolicyRequest> {
    /** The id every generated actor has; an owner with this id is the actor. */
    public static final String ACTOR_ID = "actor";
    /** The id of an owner who is someone other than the actor. */
    public static final String OTHER_ID = "someone-else";

    private final List<String> roles;
    private final List<String> types;
    private final List<String> capacities;
    private final List<String> actions;
    private final List<String> content;
    /** For each action slot, its action's index in {@link #actions}. */
    private final int[] slotAction;
    /** For each action slot, its source number: -1 for none, then as {@link #owner} numbers owners (0 = no owner). */
    private final int[] slotSource;
    private final Vocabulary vocabulary;
    /** How many valid requests there are, once counted; -1 before. */
    private volatile long size = -1;

    private RequestDomain(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        // The dimensions are the rule-visible fields of the one request-field description, each with its vocabulary;
        // an optional field (the stated type, the capacity) may also be absent.
        this.roles = ids(vocabulary, RequestField.ACTOR_ROLE);
        this.types = withNull(ids(vocabulary, RequestField.CHANNEL_TYPE));
        this.capacities = withNull(ids(vocabulary, RequestField.OWNER_CAPACITY));
        this.actions = ids(vocabulary, RequestField.ACTION);
        this.content = ids(vocabulary, RequestField.CONTENT);
        if (content.size() > 20) {
            throw new IllegalArgumentException("too many content categories to enumerate every combination: " + content.size());
        }
        int owners = ownerCount();
        List<int[]> slots = new ArrayList<>();
        for (int a = 0; a < actions.size(); a++) {
            slots.add(new int[] {a, -1});
            if (vocabulary.takesSource(actions.get(a))) {
                for (int owner = 0; owner < owners; owner++) {
                    slots.add(new int[] {a, owner});
                }
            }
        }
        this.slotAction = slots.stream().mapToInt(slot -> slot[0]).toArray();
        this.slotSource = slots.stream().mapToInt(slot -> slot[1]).toArray();
    }

    /** How many owners a channel (or a source) can have: none, then per capacity the actor and each role. */
    private int ownerCount() {
        return 1 + capacities.size() * (1 + roles.size());
    }

    /**
     * How many action slots there are: one per action that takes no source, {@code 1 + 1 + capacities' * (1 + roles)}
     * per action that takes one.
     *
     * @return the number of action slots
     */
    public int actionSlots() {
        return slotAction.length;
    }

    /**
     * The domain of a vocabulary.
     *
     * @param vocabulary the vocabulary
     * @return the domain
     */
    public static RequestDomain of(Vocabulary vocabulary) {
        return new RequestDomain(vocabulary);
    }

    private static List<String> ids(Vocabulary vocabulary, RequestField field) {
        return vocabulary.ids(Kind.forKey(field.vocabulary()));
    }

    private static List<String> withNull(List<String> ids) {
        List<String> list = new ArrayList<>();
        list.add(null);
        list.addAll(ids);
        return list;
    }

    /**
     * How many requests the domain holds.
     *
     * @return the size
     */
    public long size() {
        long counted = size;
        if (counted < 0) {
            // Constraints never test the content (Constraint.FIELDS), so each content set shares its request's validity:
            // count one content set per combination of the other dimensions and multiply.
            long masks = (1L << content.size()) - 1;
            counted = vocabulary.constraints().isEmpty() ? combinations() : java.util.stream.LongStream.range(0, combinations() / masks)
                    .filter(index -> vocabulary.contradictions(request(index * masks)).isEmpty()).count() * masks;
            size = counted;
        }
        return counted;
    }

    /**
     * How many requests the vocabulary can express, valid or not: the rule-visible domain before its constraints.
     *
     * @return roles × stated types (or none) × channel owners × action slots × non-empty content sets
     */
    public long combinations() {
        return (long) roles.size() * types.size() * ownerCount() * slotAction.length * ((1L << content.size()) - 1);
    }

    /**
     * The requests as a stream, in the domain's fixed order.
     *
     * @return a sequential stream
     */
    public Stream<PolicyRequest> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size(), Spliterator.ORDERED | Spliterator.SIZED), false);
    }

    @Override
    public Iterator<PolicyRequest> iterator() {
        return new Iterator<>() {
            private long index;
            private final long combinations = combinations();
            private PolicyRequest next = advance();

            private PolicyRequest advance() {
                while (index < combinations) {
                    PolicyRequest request = request(index++);
                    if (vocabulary.contradictions(request).isEmpty()) {
                        return request;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public PolicyRequest next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                PolicyRequest request = next;
                next = advance();
                return request;
            }
        };
    }

    /** The request with this number among all the vocabulary can express, valid or not. */
    private PolicyRequest request(long number) {
        long index = number;
        int masks = (1 << content.size()) - 1;
        int mask = (int) (index % masks) + 1;
        index /= masks;
        int slot = (int) (index % slotAction.length);
        index /= slotAction.length;
        String action = actions.get(slotAction[slot]);
        int ownerCount = ownerCount();
        int owner = (int) (index % ownerCount);
        index /= ownerCount;
        String type = types.get((int) (index % types.size()));
        index /= types.size();
        String role = roles.get((int) index);
        List<String> categories = new ArrayList<>();
        for (int bit = 0; bit < content.size(); bit++) {
            if ((mask & 1 << bit) != 0) {
                categories.add(content.get(bit));
            }
        }
        return PolicyRequest.builder(Actor.of(role, ACTOR_ID), action)
                .channel(new Channel(type, null, owner(owner, role))).content(categories)
                .source(slotSource[slot] < 0 ? null : new Source(null, owner(slotSource[slot], role))).build();
    }

    /** Owner number 0 is none; then, per capacity, the actor and then another person of each role. */
    private Owner owner(int number, String actorRole) {
        if (number == 0) {
            return null;
        }
        int index = number - 1;
        String capacity = capacities.get(index / (1 + roles.size()));
        int who = index % (1 + roles.size());
        return who == 0 ? new Owner(actorRole, ACTOR_ID, null, capacity) : new Owner(roles.get(who - 1), OTHER_ID, null, capacity);
    }
}
