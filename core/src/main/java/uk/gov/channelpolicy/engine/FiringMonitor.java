package uk.gov.channelpolicy.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;
import uk.gov.channelpolicy.load.RuleEffect;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.RuleSet;

/**
 * Watches one evaluation's firings and inserts: records what each firing rule finds, as its {@code @effect}
 * declares (the value of a binding read from the match), stops a runaway rule set at the firing limit or
 * at the cap on inserted facts, knows which rule is firing now (for a timeout, and to name the rule an
 * Error came from), and records the trace when asked.
 *
 * <p>It watches in one of two ways, chosen for the session it is kept with:
 * <ul>
 * <li><b>As the agenda filter</b> of {@code fireAllRules} (an evaluation with no timeout, the common case). Drools
 * asks the filter about each match just before its consequence runs, so the filter records the finding, counts the
 * firing and checks the facts inserted so far there. The session has no event listener, so Drools makes no event
 * object for each match created, fired or cancelled and each fact inserted or deleted: on DH that was about a fifth of
 * what the engine path spent outside Drools' own matching. A rule whose consequence throws an Error is the rule
 * accepted last.</li>
 * <li><b>As an event listener</b> (an evaluation with a timeout). A timeout is noticed on another thread, which asks
 * which rule is running now: only the listener knows when a consequence has ended, so that a rule stuck between
 * firings is not blamed on the rule before it.</li>
 * </ul>
 *
 * <p>It runs on every firing of every decision, so the common case does little: it looks the rule up once (its
 * parts, by the engine's rule object), records its finding, notes the rule firing and counts, and counts firings per
 * rule only in the second half of the firing budget, where a rule running away is the one firing most.
 */
public final class FiringMonitor extends DefaultAgendaEventListener implements org.kie.api.event.rule.RuleRuntimeEventListener, AgendaFilter {
    /**
     * The most facts one evaluation may have in its session, the request included. A classification inserts a handful
     * (DH: at most 4); past this the engine's joins of declared facts would grow without bound, so the evaluation fails
     * closed instead. Facts are counted as the session holds them: Drools keeps no fact of a type no rule matches.
     */
    public static final int MAX_FACTS = 64;

    /** Thrown inside the engine to stop an evaluation that fired too many rules. */
    static final class FiringLimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FiringLimitExceeded() {
            super("firing limit exceeded", null, false, false);
        }
    }

    private final int maxFirings;
    private final int countFrom;
    private final RuleSet ruleSet;
    /** The facts in the monitored session now: the listener is told of every insert, the filter sees none. */
    private final java.util.function.LongSupplier factCount;
    /** Each rule's parts by the engine's rule object: one lookup per firing. */
    private final Map<Rule, RuleParts> parts;
    /** A rule's parts by its package and name, for a rule object the map does not have. */
    private final Function<Rule, RuleParts> partsByName;
    private final Firings found;
    private List<String> trace;
    private Map<Rule, int[]> firingsByRule;
    /** Whether the monitor listens to its session's events (for a timeout) rather than filtering its agenda. */
    private final boolean listening;
    /** As the listener: the rule whose consequence runs now, read by the thread that notices a timeout. */
    private volatile Rule current;
    /**
     * As the filter: the rule accepted last, until the firing ends. Only the evaluating thread reads it (no timeout
     * watches a filtering session), so a plain field does, and a match costs no memory barrier.
     */
    private Rule accepted;
    private Rule last;
    private int firings;
    private int facts;

    FiringMonitor(RuleSet ruleSet, Map<Rule, RuleParts> parts, Function<Rule, RuleParts> partsByName, int maxFirings,
            List<String> trace, java.util.function.LongSupplier factCount, boolean listening) {
        this.ruleSet = ruleSet;
        this.listening = listening;
        this.parts = parts;
        this.partsByName = partsByName;
        this.found = new Firings();
        this.factCount = factCount;
        this.maxFirings = maxFirings;
        this.countFrom = maxFirings / 2;
        start(trace);
    }

    /**
     * Starts watching one evaluation afresh: a monitor is kept with its session and reused, one evaluation at a time.
     * The last evaluation's findings are forgotten.
     *
     * @param newTrace where the rules that fire are listed, or null
     */
    void start(List<String> newTrace) {
        this.found.clear();
        this.trace = newTrace;
        this.firingsByRule = null;
        this.current = null;
        this.accepted = null;
        this.last = null;
        this.firings = 0;
        this.facts = 0;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        // Always known: a timeout asks from another thread, and an Error thrown in a consequence names no rule itself.
        current = event.getMatch().getRule();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
        fired(event.getMatch());
    }

    /**
     * As the agenda filter: called by Drools for each match just before its consequence runs. Checks the facts the
     * consequences before it inserted, then records the firing; it always lets the match fire.
     *
     * @param match the match about to fire
     * @return true
     * @throws FiringLimitExceeded past the firing limit, or past the cap on facts (blaming the rule that fired last,
     *     whose consequence inserted them)
     */
    @Override
    public boolean accept(Match match) {
        checkFacts(factCount.getAsLong());
        accepted = match.getRule();
        fired(match);
        return true;
    }

    /**
     * Fails the evaluation if the facts in the session, the request included, are more than an evaluation may make.
     *
     * @param count the facts in the session now
     * @throws FiringLimitExceeded past the cap
     */
    void checkFacts(long count) {
        if (count > MAX_FACTS) {
            facts = (int) Math.min(count, Integer.MAX_VALUE);
            throw new FiringLimitExceeded();
        }
    }

    private void fired(Match match) {
        Rule rule = match.getRule();
        last = rule;
        RuleParts parts = this.parts.get(rule);
        if (parts == null) {
            parts = partsByName.apply(rule);
        }
        if (parts == null) {
            found.unlisted(rule);
        } else if (parts.effect != null) {
            RuleEffect effect = parts.effect;
            // A bound value that is not a non-empty string is recorded as the empty id, which no vocabulary has: the
            // decision is INDETERMINATE naming the rule, for advice too (whose absent value would mean plain advice).
            String value = effect.binding() == null ? effect.value()
                    : match.getDeclarationValue(effect.binding()) instanceof String id ? id : "";
            found.add(parts, value);
        }
        if (trace != null) {
            trace.add(parts != null ? parts.rule.id() : rule.getPackageName() + ":" + rule.getName());
        }
        if (++firings > countFrom) {
            if (firingsByRule == null) {
                firingsByRule = new IdentityHashMap<>();
            }
            firingsByRule.computeIfAbsent(rule, r -> new int[1])[0]++;
            if (firings > maxFirings) {
                throw new FiringLimitExceeded();
            }
        }
    }

    @Override
    public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
        checkFacts(factCount.getAsLong());
    }

    @Override
    public void objectUpdated(org.kie.api.event.rule.ObjectUpdatedEvent event) {
        // rules under the policy profile never update
    }

    @Override
    public void objectDeleted(org.kie.api.event.rule.ObjectDeletedEvent event) {
        // rules under the policy profile never delete
    }

    /** Notes that no consequence runs now: the agenda filter sees no consequence end, so the evaluation says so when it ends. */
    void finished() {
        accepted = null;
    }

    /** The rule whose consequence is running now, or null between firings (as the filter, the rule accepted last). */
    RuleInfo current() {
        Rule rule = listening ? current : accepted;
        return rule == null ? null : ruleSet.ruleOf(rule);
    }

    /**
     * The rule that fired most often in the second half of the budget, the one running away when the limit is hit;
     * of rules that fired as often, the one that fired last.
     */
    RuleInfo mostFired() {
        if (firingsByRule == null) {
            return null;
        }
        // Ties go to the rule that fired last, the one whose firing broke the limit: a map's order would blame any of them.
        Rule most = last;
        int count = last == null ? 0 : firingsByRule.getOrDefault(last, new int[1])[0];
        for (Map.Entry<Rule, int[]> entry : firingsByRule.entrySet()) {
            if (entry.getValue()[0] > count) {
                most = entry.getKey();
                count = entry.getValue()[0];
            }
        }
        return most == null ? null : ruleSet.ruleOf(most);
    }

    /** This evaluation's findings so far. */
    Firings found() {
        return found;
    }

    int facts() {
        return facts;
    }

    int firings() {
        return firings;
    }
}
