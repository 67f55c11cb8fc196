package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.facts.Findings;
import uk.gov.channelpolicy.facts.Findings.Finding;
import uk.gov.channelpolicy.facts.Request;

/** Runs one request through a fresh stateless session and turns the findings into a decision. */
final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    private static final Comparator<Reason> REASON_ORDER = Comparator
            .comparing((Reason r) -> r.effect() == Effect.DENY ? 0 : 1)
            .thenComparing(Reason::rule);

    private final RuleSet ruleSet;
    private final Vocabulary vocabulary;

    Evaluator(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.vocabulary = ruleSet.vocabulary();
    }

    Decision decide(PolicyRequest request) {
        return decide(request, null);
    }

    /** Decides; when {@code firedRules} is given, adds the id of every rule that fired, in firing order. */
    Decision decide(PolicyRequest request, List<String> firedRules) {
        Findings findings = new Findings();
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.setGlobal(RuleSet.FINDINGS_GLOBAL, findings);
        if (firedRules != null) {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    RuleInfo rule = ruleSet.ruleByKey(event.getMatch().getRule().getPackageName(), event.getMatch().getRule().getName());
                    firedRules.add(rule.id());
                }
            });
        }
        try {
            session.execute(new Request(request));
        } catch (ConsequenceException e) {
            RuleInfo rule = ruleSet.ruleByKey(e.getRule().getPackageName(), e.getRule().getName());
            return failed(List.of(rule), "failed while evaluating: " + e.getCause(), e);
        } catch (RuntimeException e) {
            return failed(rulesNamedIn(e), "failed while evaluating: " + e, e);
        }
        return assemble(findings.all());
    }

    /** A constraint that throws is reported with a message naming its rule; find which of ours. */
    private List<RuleInfo> rulesNamedIn(RuntimeException e) {
        List<RuleInfo> named = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (RuleInfo rule : ruleSet.rules()) {
                if (message.contains("\"" + rule.name() + "\"") || message.contains("'" + rule.name() + "'")
                        || message.contains("[Rule name='" + rule.name() + "'")) {
                    if (!named.contains(rule)) {
                        named.add(rule);
                    }
                }
            }
        }
        return named;
    }

    private Decision failed(List<RuleInfo> rules, String message, RuntimeException e) {
        LOG.warn("rule set {} {}: rule {} {}", ruleSet.identity().id(), ruleSet.identity().version(),
                rules.stream().map(RuleInfo::id).toList(), e.getClass().getName());
        LOG.debug("rule failure detail", e);
        List<Reason> reasons = rules.stream()
                .map(rule -> new Reason(rule.id(), Effect.INDETERMINATE, rule.description() + " (" + message + ")", rule.citation()))
                .toList();
        return new Decision(Outcome.INDETERMINATE, null, List.of(), reasons, List.of(), List.of(), List.of(), ruleSet.identity());
    }

    private Decision assemble(List<Finding> all) {
        Map<String, RuleInfo> typeRules = new LinkedHashMap<>();
        Set<String> channelTypes = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        Map<String, Reason> reasons = new LinkedHashMap<>();
        Map<String, Obligation> obligations = new LinkedHashMap<>();
        Map<String, Advice> advice = new LinkedHashMap<>();
        Map<String, Responsibility> responsibilities = new LinkedHashMap<>();
        List<RuleInfo> badIds = new ArrayList<>();
        for (Finding finding : all) {
            RuleInfo rule = ruleSet.ruleByKey(finding.ruleName());
            switch (finding.kind()) {
                case PERMIT -> reasons.putIfAbsent(rule.id() + "/P", new Reason(rule.id(), Effect.PERMIT, rule.description(), rule.citation()));
                case DENY -> reasons.putIfAbsent(rule.id() + "/D", new Reason(rule.id(), Effect.DENY, rule.description(), rule.citation()));
                case CHANNEL_TYPE -> {
                    if (known(Vocabulary.Kind.CHANNEL_TYPES, finding.value(), rule, badIds)) {
                        channelTypes.add(finding.value());
                        typeRules.put(rule.id(), rule);
                    }
                }
                case CODE -> {
                    if (known(Vocabulary.Kind.CODES, finding.value(), rule, badIds)) {
                        codes.add(finding.value());
                    }
                }
                case OBLIGATION -> obligations.putIfAbsent(rule.id(), new Obligation(rule.id(), rule.description(), rule.citation()));
                case ADVICE -> {
                    if (finding.value() == null || known(Vocabulary.Kind.PRINCIPLES, finding.value(), rule, badIds)) {
                        advice.putIfAbsent(rule.id(), new Advice(rule.id(), finding.value(), rule.description(), rule.citation()));
                    }
                }
                case RESPONSIBILITY -> {
                    if (known(Vocabulary.Kind.ROLES, finding.value(), rule, badIds)) {
                        responsibilities.putIfAbsent(finding.value() + "/" + rule.id(),
                                new Responsibility(finding.value(), rule.id(), rule.description(), rule.citation()));
                    }
                }
            }
        }
        if (!badIds.isEmpty()) {
            return failed(badIds, "reported an id the vocabulary does not have", new IllegalStateException("unknown id"));
        }
        if (channelTypes.size() != 1) {
            return failed(List.copyOf(typeRules.values()), channelTypes.isEmpty()
                    ? "no rule classified the channel" : "the channel was classified as " + String.join(" and ", channelTypes),
                    new IllegalStateException("channel classification"));
        }
        List<Reason> sortedReasons = new ArrayList<>(reasons.values());
        sortedReasons.sort(REASON_ORDER);
        Outcome outcome = sortedReasons.isEmpty() ? Outcome.NOT_APPLICABLE
                : sortedReasons.get(0).effect() == Effect.DENY ? Outcome.DENY : Outcome.PERMIT;
        List<Obligation> sortedObligations = outcome == Outcome.PERMIT
                ? obligations.values().stream().sorted(Comparator.comparing(Obligation::rule)).toList()
                : List.of();
        return new Decision(
                outcome,
                channelTypes.iterator().next(),
                codes.stream().sorted(Comparator.comparingInt(c -> vocabulary.order(Vocabulary.Kind.CODES, c))).toList(),
                sortedReasons,
                sortedObligations,
                advice.values().stream().sorted(Comparator.comparing(Advice::rule)).toList(),
                responsibilities.values().stream()
                        .sorted(Comparator.comparingInt((Responsibility r) -> vocabulary.order(Vocabulary.Kind.ROLES, r.role()))
                                .thenComparing(Responsibility::rule))
                        .toList(),
                ruleSet.identity());
    }

    private boolean known(Vocabulary.Kind kind, String id, RuleInfo rule, List<RuleInfo> badIds) {
        if (vocabulary.contains(kind, id)) {
            return true;
        }
        if (!badIds.contains(rule)) {
            badIds.add(rule);
        }
        return false;
    }
}
