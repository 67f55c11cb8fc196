package uk.gov.channelpolicy;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Watches one evaluation's firings: stops a runaway rule set at the firing limit, knows which rule
 * is firing now (for a timeout), and records the trace when asked.
 *
 * <p>It runs on every firing of every decision, so the common case does no more than count: it
 * remembers which rule is firing only when a timeout may ask, and counts firings per rule only in the
 * second half of the firing budget, where a rule running away is the one firing most.
 */
final class FiringMonitor extends DefaultAgendaEventListener {

    /** Thrown inside the engine to stop an evaluation that fired too many rules. */
    static final class FiringLimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FiringLimitExceeded() {
            super("firing limit exceeded", null, false, false);
        }
    }

    private final int maxFirings;
    private final int countFrom;
    private final List<String> trace;
    private final RuleSet ruleSet;
    private final boolean watchCurrent;
    private Map<Rule, int[]> firingsByRule;
    private volatile Rule current;
    private int firings;

    /**
     * @param watchCurrent whether another thread may ask which rule is firing (an evaluation timeout)
     */
    FiringMonitor(RuleSet ruleSet, int maxFirings, List<String> trace, boolean watchCurrent) {
        this.ruleSet = ruleSet;
        this.maxFirings = maxFirings;
        this.countFrom = maxFirings / 2;
        this.trace = trace;
        this.watchCurrent = watchCurrent;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (watchCurrent) {
            current = event.getMatch().getRule();
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (watchCurrent) {
            current = null;
        }
        if (trace != null) {
            trace.add(ruleSet.ruleOf(event.getMatch().getRule()).id());
        }
        if (++firings > countFrom) {
            if (firingsByRule == null) {
                firingsByRule = new IdentityHashMap<>();
            }
            firingsByRule.computeIfAbsent(event.getMatch().getRule(), r -> new int[1])[0]++;
            if (firings > maxFirings) {
                throw new FiringLimitExceeded();
            }
        }
    }

    /** The rule whose consequence is running now, or null between firings or when not watched. */
    RuleInfo current() {
        Rule rule = current;
        return rule == null ? null : ruleSet.ruleOf(rule);
    }

    /** The rule that fired most often in the second half of the budget: the one running away when the limit is hit. */
    RuleInfo mostFired() {
        if (firingsByRule == null) {
            return null;
        }
        return firingsByRule.entrySet().stream().max((a, b) -> Integer.compare(a.getValue()[0], b.getValue()[0]))
                .map(e -> ruleSet.ruleOf(e.getKey())).orElse(null);
    }

    int firings() {
        return firings;
    }
}
