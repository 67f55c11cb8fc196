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
     * @param problems why it was refused, briefly (at most {@link #PROBLEMS_SHOWN}), empty when it loaded
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
                problems.problems().stream().limit(PROBLEMS_SHOWN).map(ReloadStatus::brief).toList(), problems.problems().size());
    }

    /**
     * A problem as /health, which anyone may read, shows it: the file's name, the line and what kind of problem it is,
     * but not the rule text or the directory's path (the log has the whole problem).
     */
    static String brief(Problem problem) {
        String path = problem.path();
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String message = problem.message();
        String kind;
        if (message.startsWith(PROFILE)) {
            int end = message.indexOf(':', PROFILE.length());
            kind = end < 0 ? message : message.substring(0, end);
        } else if (message.contains("SHA-256") || message.contains("sealed")) {
            kind = "the seal does not match";
        } else {
            kind = "does not load";
        }
        return file + (problem.line() > 0 ? ":" + problem.line() : "") + ": " + kind;
    }

    private static final String PROFILE = "not in the policy profile: ";

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
