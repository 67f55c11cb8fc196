package uk.gov.channelpolicy.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.facts.Request;

/**
 * Decisions remembered for one rule-set version, by what its rules can see of a request.
 *
 * <p>The rules see only the flattened {@link Request}: roles, action, stated type, the owner's role and
 * capacity, whether the actor acts on their own channel, and the content; never ids, names or handles.
 * A rule set whose compiled rules read nothing else (checked at load: no clock, no randomness, no
 * time-dependent rule attributes) decides the same {@code Request} the same way every time, so its
 * {@link Decision}, an immutable value, can be given again. INDETERMINATE decisions are never kept: a
 * rule that failed once is asked again. The map is bounded: when full it is emptied and fills afresh
 * with the requests that come next, so memory stays bounded whatever arrives. A reload makes a new cache.
 */
public final class DecisionCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Request, Decision> decisions;
    private final AtomicLong clears = new AtomicLong();

    /**
     * A cache holding at most {@code maxEntries} decisions; when it is full, it starts afresh.
     *
     * @param maxEntries the most decisions remembered, at least 1
     */
    public DecisionCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a decision cache holds at least one decision, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.decisions = new ConcurrentHashMap<>(Math.min(maxEntries, 1 << 16));
    }

    /** The remembered decision for this request, or null. */
    Decision get(Request request) {
        return decisions.get(request);
    }

    /** Remembers a decision unless it is INDETERMINATE. */
    void put(Request request, Decision decision) {
        if (decision.outcome() == Outcome.INDETERMINATE) {
            return;
        }
        if (decisions.size() >= maxEntries) {
            decisions.clear(); // races with other writers only by a few entries over the bound, never unbounded
            clears.incrementAndGet();
        }
        decisions.put(request, decision);
    }

    int size() {
        return decisions.size();
    }

    long clears() {
        return clears.get();
    }
}
