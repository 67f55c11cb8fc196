package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** The reason given when an evaluation fails with no rule to name. */
    static final String ENGINE_RULE = "channel-policy.evaluation";
    private static final Citation ENGINE_CITATION = new Citation("channel-policy", "Evaluation limits",
            "An evaluation that fails, runs away or runs out of time is INDETERMINATE, never PERMIT.");

    private final RuleSet ruleSet;
    private final Vocabulary vocabulary;

    Evaluator(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.vocabulary = ruleSet.vocabulary();
    }

    /**
     * Decides one request within the limits; when {@code firedRules} is given, adds the id of every
     * rule that fired, in firing order.
     */
    Decision decide(PolicyRequest request, EvaluationLimits limits, List<String> firedRules) {
        Findings findings = new Findings();
        FiringMonitor monitor = new FiringMonitor(ruleSet, limits.maxRuleFirings(), firedRules);
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.setGlobal(RuleSet.FINDINGS_GLOBAL, findings);
        session.addEventListener(monitor);
        if (limits.timeout() == null) {
            return run(session, request, findings, monitor);
        }
        Future<Decision> running;
        try {
            running = limits.executor().submit(() -> run(session, request, findings, monitor));
        } catch (RejectedExecutionException e) {
            return failed(List.of(), "no evaluation thread is free: earlier evaluations are stuck past their timeout", e);
        }
        try {
            return running.get(limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            RuleInfo stuck = monitor.current();
            return failed(stuck == null ? List.of() : List.of(stuck), "did not finish within the evaluation timeout of "
                    + limits.timeout().toMillis() + " ms", new IllegalStateException("evaluation timeout"));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return failed(List.of(), "interrupted while evaluating", new IllegalStateException("interrupted"));
        } catch (ExecutionException e) {
            return failed(List.of(), "failed while evaluating: " + e.getCause(), new IllegalStateException(e.getCause()));
        }
    }

    private Decision run(StatelessKieSession session, PolicyRequest request, Findings findings, FiringMonitor monitor) {
        try {
            session.execute(new Request(request));
        } catch (FiringMonitor.FiringLimitExceeded e) {
            return limitExceeded(monitor, e);
        } catch (ConsequenceException e) {
            if (causedByLimit(e)) {
                return limitExceeded(monitor, e);
            }
            RuleInfo rule = ruleSet.ruleByKey(e.getRule().getPackageName(), e.getRule().getName());
            return failed(List.of(rule), "failed while evaluating: " + e.getCause(), e);
        } catch (RuntimeException e) {
            if (causedByLimit(e)) {
                return limitExceeded(monitor, e);
            }
            return failed(rulesNamedIn(e), "failed while evaluating: " + e, e);
        }
        return assemble(findings.all());
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FiringMonitor.FiringLimitExceeded) {
                return true;
            }
        }
        return false;
    }

    private Decision limitExceeded(FiringMonitor monitor, RuntimeException e) {
        RuleInfo runaway = monitor.mostFired();
        return failed(runaway == null ? List.of() : List.of(runaway),
                "rules fired more than " + (monitor.firings() - 1) + " times in one evaluation: a rule is running away", e);
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
        if (reasons.isEmpty()) {
            // No rule to blame (a timeout between firings, no free thread): say so rather than give no reason.
            reasons = List.of(new Reason(ENGINE_RULE, Effect.INDETERMINATE, "The evaluation " + message + ".", ENGINE_CITATION));
        }
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
