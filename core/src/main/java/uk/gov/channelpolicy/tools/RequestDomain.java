package uk.gov.channelpolicy.tools;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.engine.DomainIndex;
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
    public static final String ACTOR_ID = DomainIndex.ACTOR_ID;
    /** The id of every generated owner who is not the actor. */
    public static final String OTHER_ID = DomainIndex.OTHER_ID;

    private final DomainIndex index;
    private final long masks;
    private final Vocabulary vocabulary;
    /** How many valid requests there are, once counted; -1 before. */
    private volatile long size = -1;

    private RequestDomain(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        // One definition of the dimensions and their order: the engine's index of the rule-visible request, which a
        // decision table is laid out by.
        this.index = DomainIndex.of(vocabulary);
        this.masks = (1L << vocabulary.ids(Kind.forKey(RequestField.CONTENT.vocabulary())).size()) - 1;
    }

    /**
     * The domain of a vocabulary.
     *
     * @param vocabulary the vocabulary
     * @return its domain
     * @throws IllegalArgumentException when the vocabulary has more than {@value DomainIndex#MAX_CONTENT} content categories
     */
    public static RequestDomain of(Vocabulary vocabulary) {
        return new RequestDomain(vocabulary);
    }

    /**
     * How many action slots there are: one per action that takes no source, {@code 1 + 1 + capacities' * (1 + roles)}
     * per action that takes one.
     *
     * @return the number of action slots
     */
    public int actionSlots() {
        return index.actionSlots();
    }

    /**
     * How many valid requests there are; counted once, then remembered.
     *
     * @return the number of requests the iterator gives
     */
    public long size() {
        long counted = size;
        if (counted < 0) {
            // Constraints never test the content (Constraint.FIELDS), so each content set shares its request's validity:
            // count one content set per combination of the other dimensions and multiply.
            counted = vocabulary.constraints().isEmpty() ? combinations() : java.util.stream.LongStream.range(0, combinations() / masks)
                    .filter(at -> vocabulary.contradictions(index.request(at * masks)).isEmpty()).count() * masks;
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
        return index.size();
    }

    /**
     * The valid requests as a stream, in the iterator's order.
     *
     * @return a sequential, sized stream
     */
    public Stream<PolicyRequest> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size(), Spliterator.ORDERED | Spliterator.SIZED), false);
    }

    @Override
    public Iterator<PolicyRequest> iterator() {
        return new Iterator<>() {
            private long at;
            private final long combinations = combinations();
            private PolicyRequest next = advance();

            private PolicyRequest advance() {
                while (at < combinations) {
                    PolicyRequest request = index.request(at++);
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
}
