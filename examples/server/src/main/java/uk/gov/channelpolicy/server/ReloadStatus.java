package uk.gov.channelpolicy.server;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.RuleSetListener;

/**
 * What the hot reload of a watched rule-set directory has done: how many edits loaded and how many were refused,
 * and the last attempt with its problems. The log, {@code /health} and {@code /metrics} all read it, so an operator
 * sees that an edit was refused, and why, while the last good version keeps serving.
 */
final class ReloadStatus implements RuleSetListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadStatus.class);
    /** How many of a refused attempt's problems {@code /health} shows; the log has them all. */
    static final int PROBLEMS_SHOWN = 20;

    /**
     * One reload attempt.
     *
     * @param at when it finished
     * @param result {@code loaded} or {@code rejected}
     * @param serving the version serving after it
     * @param problems why it was refused (at most {@link #PROBLEMS_SHOWN}), empty when it loaded
     * @param problemCount how many problems there were in all
     */
    record Attempt(Instant at, String result, RuleSetIdentity serving, List<String> problems, int problemCount) {
    }

    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Attempt last;

    @Override
    public void loaded(RuleSetIdentity previous, RuleSetIdentity current) {
        LOG.info("rule set reloaded: now serving {}", DecisionServer.headerValue(current));
        loaded.incrementAndGet();
        last = new Attempt(Instant.now(), "loaded", current, List.of(), 0);
    }

    @Override
    public void rejected(RuleSetIdentity serving, RuleSetException problems) {
        LOG.warn("edited rule set does not load ({} problems); still serving {}", problems.problems().size(),
                DecisionServer.headerValue(serving));
        problems.problems().forEach(problem -> LOG.warn("  {}", problem.describe()));
        rejected.incrementAndGet();
        last = new Attempt(Instant.now(), "rejected", serving,
                problems.problems().stream().limit(PROBLEMS_SHOWN).map(Problem::describe).toList(), problems.problems().size());
    }

    long loadedCount() {
        return loaded.get();
    }

    long rejectedCount() {
        return rejected.get();
    }

    /** The last attempt, or null before the first edit. */
    Attempt last() {
        return last;
    }
}
