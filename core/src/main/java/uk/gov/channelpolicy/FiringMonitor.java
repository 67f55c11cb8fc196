package uk.gov.channelpolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Watches one evaluation's firings: stops a runaway rule set at the firing limit, knows which rule
 * is firing now (for a timeout), and records the trace when asked.
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
    private final List<String> trace;
    private final RuleSet ruleSet;
    private final Map<String, Integer> firingsByRule = new HashMap<>();
    private volatile Rule current;
    private int firings;

    FiringMonitor(RuleSet ruleSet, int maxFirings, List<String> trace) {
        this.ruleSet = ruleSet;
        this.maxFirings = maxFirings;
        this.trace = trace;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        current = null;
        String key = RuleSet.key(rule.getPackageName(), rule.getName());
        if (trace != null) {
            trace.add(ruleSet.ruleByKey(key).id());
        }
        firingsByRule.merge(key, 1, Integer::sum);
        if (++firings > maxFirings) {
            throw new FiringLimitExceeded();
        }
    }

    /** The rule whose consequence is running now, or null between firings. */
    RuleInfo current() {
        Rule rule = current;
        return rule == null ? null : ruleSet.ruleByKey(rule.getPackageName(), rule.getName());
    }

    /** The rule that fired most often: the one running away when the limit is hit. */
    RuleInfo mostFired() {
        return firingsByRule.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> ruleSet.ruleByKey(e.getKey())).orElse(null);
    }

    int firings() {
        return firings;
    }
}
