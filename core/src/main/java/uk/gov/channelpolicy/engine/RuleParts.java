package uk.gov.channelpolicy.engine;

import java.util.HashMap;
import java.util.Map;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.load.RuleEffect;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * What one rule contributes to a decision, whatever the request, made once when the rule set loads: the rule, what it
 * declares it finds, its reasons, obligation, advice (per principle it may name) and responsibility (per role it may
 * name). A firing is looked up once, by the engine's rule object, and a decision is assembled from these, not rebuilt.
 */
final class RuleParts {
    final RuleInfo rule;
    /** What the rule declares it finds; null for a rule that only classifies. */
    final RuleEffect effect;
    final Reason permit;
    final Reason deny;
    final Obligation obligation;
    final Advice plainAdvice;
    final Map<String, Advice> adviceByPrinciple;
    final Map<String, Responsibility> responsibilityByRole;

    RuleParts(RuleInfo rule, Vocabulary vocabulary, RuleEffect effect) {
        this.rule = rule;
        this.effect = effect;
        this.permit = new Reason(rule.id(), Effect.PERMIT, rule.description(), rule.citation());
        this.deny = new Reason(rule.id(), Effect.DENY, rule.description(), rule.citation());
        this.obligation = new Obligation(rule.id(), rule.description(), rule.citation());
        this.plainAdvice = new Advice(rule.id(), null, rule.description(), rule.citation());
        Map<String, Advice> advice = new HashMap<>();
        for (String principle : vocabulary.ids(Vocabulary.Kind.PRINCIPLES)) {
            advice.put(principle, new Advice(rule.id(), principle, rule.description(), rule.citation()));
        }
        this.adviceByPrinciple = Map.copyOf(advice);
        Map<String, Responsibility> responsibilities = new HashMap<>();
        for (String role : vocabulary.ids(Vocabulary.Kind.ROLES)) {
            responsibilities.put(role, new Responsibility(role, rule.id(), rule.description(), rule.citation()));
        }
        this.responsibilityByRole = Map.copyOf(responsibilities);
    }
}
