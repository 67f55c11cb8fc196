package uk.gov.channelpolicy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Decision.NotApplicable;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.Trace;
import uk.gov.channelpolicy.engine.Findings.Finding;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Failures;
import uk.gov.channelpolicy.load.RuleEffect;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.Vocabulary;

/** Runs one request through a session of the rule set, kept from one evaluation for the next, and turns the findings into a decision. */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    /** The reason given when an evaluation fails with no rule to name. */
    static final String ENGINE_RULE = "channel-policy.evaluation";
    private static final Citation ENGINE_CITATION = new Citation("channel-policy", "Evaluation limits",
            "An evaluation that fails, runs away or runs out of time is INDETERMINATE, never PERMIT.");

    private final RuleSet ruleSet;
    private final EvaluationLimits limits;
    private final boolean reuseSessions;
    private final Vocabulary vocabulary;
    /** Each rule's decision parts, made once at load: a decision is assembled from them, not rebuilt. */
    private final Map<RuleInfo, RuleParts> partsByRule;
    private final Comparator<String> codeOrder;
    private final Comparator<Responsibility> responsibilityOrder;
    private final NotApplicableExplainer notApplicable;
    /**
     * The rule-visible domain's index, for remembering what explanations need: null when the rule set reads beyond the
     * request (its decisions cannot be remembered) or its domain is too large to index.
     */
    private final DomainIndex domain;
    /**
     * By domain index, made when first needed: the bare decisions of requests a NOT_APPLICABLE explanation asked about,
     * and the explanations themselves. An explanation is a function of what the rules see of the request, as its
     * neighbours' decisions are; without these, explaining a NOT_APPLICABLE evaluated about 35 neighbours, up to a
     * thousand when no rule is one change away, every time, even when the policy remembers nothing for its callers
     * ({@code decisionCache(0)}: the request itself is still evaluated every time).
     */
    private volatile Remembered remembered;

    /**
     * What one rule contributes to a decision, whatever the request: its reasons, obligation, advice
     * (per principle it may name) and responsibility (per role it may name).
     */
    private static final class RuleParts {
        final RuleInfo rule;
        final Reason permit;
        final Reason deny;
        final Obligation obligation;
        final Advice plainAdvice;
        final Map<String, Advice> adviceByPrinciple;
        final Map<String, Responsibility> responsibilityByRole;
        /** What the rule declares it finds; null for a rule that only classifies. */
        final RuleEffect effect;

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

    /**
     * An evaluator for one compiled rule set: the serving version that owns it is swapped whole on a reload, so the
     * rule set never needs to know what runs it.
     *
     * @param ruleSet the compiled rule set
     * @param limits the firing limit, and the timeout with its threads
     */
    public Evaluator(RuleSet ruleSet, EvaluationLimits limits) {
        this(ruleSet, limits, true);
    }

    /**
     * An evaluator that may be told to use a fresh session for every evaluation: for tests that compare the kept
     * sessions' decisions with fresh ones'.
     *
     * @param ruleSet the compiled rule set
     * @param limits the firing limit, and the timeout with its threads
     * @param reuseSessions whether a session is kept for the next evaluation
     */
    public Evaluator(RuleSet ruleSet, EvaluationLimits limits, boolean reuseSessions) {
        this.reuseSessions = reuseSessions;
        this.ruleSet = ruleSet;
        this.limits = limits;
        this.vocabulary = ruleSet.vocabulary();
        Map<RuleInfo, RuleParts> parts = new IdentityHashMap<>();
        for (RuleInfo rule : ruleSet.rules()) {
            parts.put(rule, new RuleParts(rule, vocabulary, ruleSet.effectOf(rule)));
        }
        this.partsByRule = parts; // never changed after this: safe to read from every thread
        this.codeOrder = Comparator.comparingInt(code -> vocabulary.order(Vocabulary.Kind.CODES, code));
        this.notApplicable = new NotApplicableExplainer(vocabulary);
        this.domain = ruleSet.beyondRequest().isEmpty() ? indexable(vocabulary) : null;
        this.responsibilityOrder = Comparator
                .comparingInt((Responsibility r) -> vocabulary.order(Vocabulary.Kind.ROLES, r.role()))
                .thenComparing(Responsibility::rule);
    }

    /**
     * Decides one request, giving the decision the cache remembers for what the rules see of it when there is one. A
     * NOT_APPLICABLE decision comes with its explanation. The cache may hold a NOT_APPLICABLE decision without one,
     * remembered while explaining a neighbour: it is explained now and remembered again, whole.
     *
     * @param request a request the serving version's validator accepted
     * @param cache the decisions remembered for this rule set, or null to evaluate every time
     * @return the decision
     */
    public Decision decide(PolicyRequest request, DecisionCache cache) {
        Request fact = new Request(request, vocabulary);
        if (cache == null) {
            return explained(request, decide(fact, limits, null), null);
        }
        Decision remembered = cache.get(fact);
        if (remembered != null && (remembered.outcome() != Outcome.NOT_APPLICABLE || remembered.notApplicable() != null)) {
            return remembered;
        }
        Decision decision = explained(request, remembered != null ? remembered : decide(fact, limits, null), cache);
        cache.put(fact, decision);
        return decision;
    }

    /**
     * Decides one request and records every rule that fired, in firing order. The request itself is always evaluated;
     * a NOT_APPLICABLE decision's explanation uses the cache for the requests around it.
     *
     * @param request a request the serving version's validator accepted
     * @param cache the decisions remembered for this rule set, or null
     * @return the decision with the rules that fired
     */
    public Trace trace(PolicyRequest request, DecisionCache cache) {
        List<String> fired = java.util.Collections.synchronizedList(new ArrayList<>());
        Decision decision = explained(request, decide(new Request(request, vocabulary), limits, fired), cache);
        return new Trace(decision, List.copyOf(fired));
    }

    /**
     * Decides one request with the engine, without explaining a NOT_APPLICABLE and without any cache: the first pass of a
     * {@link DecisionTable}.
     *
     * @param request a request whose ids the vocabulary has (it may break a constraint: explanations ask about such too)
     * @return the decision
     */
    public Decision decideBare(PolicyRequest request) {
        return decide(new Request(request, vocabulary), limits, null);
    }

    /**
     * As {@link #decideBare(PolicyRequest)}, within other limits: a decision table's computation runs on threads of its
     * own, so that it never takes an evaluation thread a caller is waiting for.
     *
     * @param request the request
     * @param otherLimits the limits, and the threads, to evaluate within
     * @return the bare decision
     */
    public Decision decideBare(PolicyRequest request, EvaluationLimits otherLimits) {
        return decide(new Request(request, vocabulary), otherLimits, null);
    }

    /**
     * The limits callers' evaluations run within.
     *
     * @return the limits
     */
    public EvaluationLimits limits() {
        return limits;
    }

    /**
     * A NOT_APPLICABLE decision with its explanation, the requests around it decided by the given function; any other
     * decision as it is: the second pass of a {@link DecisionTable}.
     *
     * @param request the request
     * @param decision its bare decision
     * @param neighbours decides a changed request without explaining it
     * @return the decision, explained when NOT_APPLICABLE
     */
    public Decision explainedBy(PolicyRequest request, Decision decision, java.util.function.Function<PolicyRequest, Decision> neighbours) {
        if (decision.outcome() != Outcome.NOT_APPLICABLE) {
            return decision;
        }
        return decision.withNotApplicable(notApplicable.explain(request, decision, neighbours));
    }

    /**
     * As {@link #explainedBy(PolicyRequest, Decision, java.util.function.Function)}, remembering what second changes
     * reach from the requests around it, for a table's computation.
     */
    Decision explainedBy(PolicyRequest request, Decision decision, java.util.function.Function<PolicyRequest, Decision> neighbours,
            NotApplicableExplainer.SecondChanges remembered) {
        if (decision.outcome() != Outcome.NOT_APPLICABLE) {
            return decision;
        }
        return decision.withNotApplicable(notApplicable.explain(request, decision, neighbours, remembered));
    }

    /**
     * A NOT_APPLICABLE decision with its explanation; any other decision as it is. An explanation, and the bare decisions
     * of the requests around it that it asks about, are remembered by domain index, apart from any cache of the callers':
     * no caller is ever given a bare decision. A request outside the index has its neighbours from the callers' cache.
     */
    private Decision explained(PolicyRequest request, Decision decision, DecisionCache callersCache) {
        if (decision.outcome() != Outcome.NOT_APPLICABLE) {
            return decision;
        }
        long at = domain == null ? -1 : domain.indexOf(request);
        if (at >= 0) {
            NotApplicable known = explanations().get((int) at);
            if (known != null) {
                return decision.withNotApplicable(known);
            }
        }
        NotApplicable why = notApplicable.explain(request, decision, variant -> neighbour(variant, callersCache));
        if (at >= 0) {
            explanations().set((int) at, why);
        }
        return decision.withNotApplicable(why);
    }

    /** A changed request's bare decision: remembered by its index, else from the callers' cache, else evaluated. */
    private Decision neighbour(PolicyRequest variant, DecisionCache callersCache) {
        long at = domain == null ? -1 : domain.indexOf(variant);
        if (at >= 0) {
            Decision known = bares().get((int) at);
            if (known != null) {
                return known;
            }
        }
        Request fact = new Request(variant, vocabulary);
        Decision remembered = callersCache == null ? null : callersCache.get(fact);
        if (remembered != null) {
            return remembered;
        }
        Decision bare = decide(fact, limits, null);
        if (bare.outcome() != Outcome.INDETERMINATE) {
            if (at >= 0) {
                bares().set((int) at, bare);
            } else if (callersCache != null) {
                callersCache.put(fact, bare);
            }
        }
        return bare;
    }

    private static DomainIndex indexable(Vocabulary vocabulary) {
        try {
            DomainIndex index = DomainIndex.of(vocabulary);
            return index.size() <= DecisionTable.MAX_SIZE ? index : null;
        } catch (IllegalArgumentException e) {
            return null; // too many content categories to index: explanations are computed every time
        }
    }

    private AtomicReferenceArray<Decision> bares() {
        return remembered().bare;
    }

    private AtomicReferenceArray<NotApplicable> explanations() {
        return remembered().explanations;
    }

    /** Both arrays, made together the first time an explanation needs them: most policies never explain anything. */
    private Remembered remembered() {
        Remembered made = remembered;
        if (made == null) {
            synchronized (this) {
                made = remembered;
                if (made == null) {
                    made = new Remembered(new AtomicReferenceArray<>((int) domain.size()), new AtomicReferenceArray<>((int) domain.size()));
                    remembered = made;
                }
            }
        }
        return made;
    }

    private record Remembered(AtomicReferenceArray<Decision> bare, AtomicReferenceArray<NotApplicable> explanations) {
    }

    /**
     * A stateful session kept for the next evaluation with its monitor: a fresh session per evaluation spent a quarter of
     * the engine's time creating and disposing of it and allocating its node memories anew. After an evaluation that ends
     * normally it is emptied ({@link #emptied}) and kept; after one that fails, or that a timeout abandoned while it still
     * runs, it is disposed of and never used again. Sessions stay thread-safe, although one thread at a time uses each:
     * with Drools' {@code ThreadSafeOption.NO} the executable model's consequences share state between every session of a
     * kbase, and sessions on two threads at once fail.
     */
    private static final class PooledSession {
        final StatefulKnowledgeSessionImpl session;
        final FiringMonitor monitor;
        /** Whether the monitor listens to the session's events (for a timeout) rather than filtering its agenda. */
        final boolean listening;
        volatile boolean abandoned;

        PooledSession(StatefulKnowledgeSessionImpl session, RuleSet ruleSet, Findings findings, int maxFirings,
                List<String> firedRules, boolean listening) {
            this.session = session;
            this.listening = listening;
            this.monitor = new FiringMonitor(ruleSet, findings, maxFirings, firedRules, session::getFactCount);
            if (listening) {
                // Kept for the session's life: emptying it (unlike reset()) keeps its listeners.
                session.addEventListener((org.kie.api.event.rule.AgendaEventListener) monitor);
                session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) monitor);
            }
        }

        /** Fires the rules, the monitor watching as this session was made to be watched. */
        void fire() {
            if (listening) {
                session.fireAllRules();
                return;
            }
            session.fireAllRules(monitor);
            monitor.finished();
            monitor.checkFacts(session.getFactCount());
        }
    }

    /**
     * The most idle sessions kept of each kind: about one per thread that evaluates at once. A session whose monitor
     * listens (for evaluations with a timeout) and one whose monitor filters the agenda (the rest) are kept apart.
     */
    private static final int MAX_IDLE_SESSIONS = 64;
    private final ConcurrentLinkedQueue<PooledSession> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<PooledSession> idleListening = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleListeningCount = new AtomicInteger();

    /** Lets no rule fire: the deletions that empty a kept session are propagated, and nothing more happens. */
    private static final AgendaFilter NO_RULE = match -> false;

    /**
     * Empties a session for the next evaluation: deletes every fact in it (the request and whatever the rules inserted;
     * Drools retracts what was inserted logically with them), then has Drools propagate the deletions with no rule allowed
     * to fire, which cancels every match they leave. This costs about what the evaluation's inserts did, where
     * {@code reset()} walks the node memories of the whole kbase: the engine path decides about a third faster. The
     * session is kept only if nothing is left in it; the differential tests (kept sessions against fresh ones, in any
     * order, over the whole domain) check that nothing of one request reaches the next.
     */
    private static boolean emptied(StatefulKnowledgeSessionImpl session) {
        Object[] handles = session.getFactHandles().toArray();
        for (Object handle : handles) {
            session.delete((FactHandle) handle);
        }
        session.fireAllRules(NO_RULE);
        return session.getFactCount() == 0;
    }

    private PooledSession session(Findings findings, List<String> firedRules, boolean listening) {
        PooledSession pooled = reuseSessions ? (listening ? idleListening : idle).poll() : null;
        if (pooled != null) {
            (listening ? idleListeningCount : idleCount).decrementAndGet();
            pooled.monitor.start(findings, firedRules);
            return pooled;
        }
        return new PooledSession((StatefulKnowledgeSessionImpl) ruleSet.kieBase().newKieSession(), ruleSet, findings,
                limits.maxRuleFirings(), firedRules, listening);
    }

    private void release(PooledSession pooled, boolean clean) {
        if (reuseSessions && clean && !pooled.abandoned) {
            AtomicInteger count = pooled.listening ? idleListeningCount : idleCount;
            if (count.incrementAndGet() <= MAX_IDLE_SESSIONS) {
                try {
                    if (emptied(pooled.session)) {
                        (pooled.listening ? idleListening : idle).offer(pooled);
                        return;
                    }
                    LOG.debug("a session kept {} facts after it was emptied; disposing of it", pooled.session.getFactCount());
                } catch (RuntimeException e) {
                    LOG.debug("a session could not be emptied; disposing of it", e);
                }
            }
            count.decrementAndGet();
        }
        pooled.session.dispose();
    }

    private Decision decide(Request request, EvaluationLimits limits, List<String> firedRules) {
        Findings findings = new Findings();
        PooledSession pooled;
        try {
            // Only an evaluation with a timeout needs to know, from another thread, when a consequence has ended.
            pooled = session(findings, firedRules, limits.timeout() != null);
        } catch (RuntimeException e) {
            // A precompiled jar's kbase is built when first needed: should Drools fail to build it, nothing is decided.
            return failed(List.of(), "the rules could not be made ready to run: " + Failures.describe(e), e);
        }
        if (limits.timeout() == null) {
            return run(pooled, request, findings);
        }
        Future<Decision> running;
        try {
            running = limits.executor().submit(() -> run(pooled, request, findings));
        } catch (RejectedExecutionException e) {
            release(pooled, true);
            return failed(List.of(), "no evaluation thread is free: earlier evaluations are stuck past their timeout", e);
        }
        try {
            return running.get(limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pooled.abandoned = true;
            running.cancel(true);
            return failed(named(pooled.monitor.current()), "did not finish within the evaluation timeout of "
                    + limits.timeout().toMillis() + " ms", new IllegalStateException("evaluation timeout"));
        } catch (InterruptedException e) {
            pooled.abandoned = true;
            running.cancel(true);
            Thread.currentThread().interrupt();
            return failed(List.of(), "interrupted while evaluating", new IllegalStateException("interrupted"));
        } catch (ExecutionException e) {
            return failed(List.of(), "failed while evaluating: " + Failures.describe(e.getCause()), new IllegalStateException(e.getCause()));
        }
    }

    private Decision run(PooledSession pooled, Request request, Findings findings) {
        boolean clean = false;
        FiringMonitor monitor = pooled.monitor;
        try {
            pooled.session.insert(request);
            pooled.fire();
            clean = true;
        } catch (FiringMonitor.FiringLimitExceeded e) {
            return limitExceeded(monitor, e);
        } catch (ConsequenceException e) {
            if (causedByLimit(e)) {
                return limitExceeded(monitor, e);
            }
            RuleInfo rule = ruleSet.ruleOf(e.getRule());
            return failed(List.of(rule), "failed while evaluating: " + Failures.describe(e.getCause()), e);
        } catch (RuntimeException e) {
            if (causedByLimit(e)) {
                return limitExceeded(monitor, e);
            }
            return failed(rulesNamedIn(e), "failed while evaluating: " + Failures.describe(e), e);
        } catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
            // A rule that fails in any way fails closed, naming the rule whose consequence was running when it can.
            return failed(named(monitor.current()), "failed while evaluating: " + e.getClass().getSimpleName(),
                    new IllegalStateException(e));
        } finally {
            release(pooled, clean);
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
        if (monitor.facts() > FiringMonitor.MAX_FACTS) {
            return failed(named(monitor.current()), "rules inserted more than " + FiringMonitor.MAX_FACTS + " facts in one evaluation", e);
        }
        return failed(named(monitor.mostFired()),
                "rules fired more than " + (monitor.firings() - 1) + " times in one evaluation: a rule is running away", e);
    }

    /** The rule to blame, when there is one. */
    private static List<RuleInfo> named(RuleInfo rule) {
        return rule == null ? List.of() : List.of(rule);
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
        // A handful of findings per decision: small lists and identity checks beat maps keyed by built strings.
        List<Reason> reasons = new ArrayList<>(4);
        List<Obligation> obligations = new ArrayList<>(2);
        List<RuleParts> adviceRules = new ArrayList<>(4);
        List<Advice> advice = new ArrayList<>(4);
        List<Responsibility> responsibilities = new ArrayList<>(2);
        List<String> codes = new ArrayList<>(3);
        List<String> channelTypes = new ArrayList<>(1);
        List<RuleInfo> typeRules = new ArrayList<>(1);
        List<RuleInfo> badIds = new ArrayList<>(0);
        for (Finding finding : all) {
            RuleParts parts = parts(finding);
            String value = finding.value();
            switch (finding.kind()) {
                case PERMIT -> addOnce(reasons, parts.permit);
                case DENY -> addOnce(reasons, parts.deny);
                case CHANNEL_TYPE -> {
                    if (known(Vocabulary.Kind.CHANNEL_TYPES, value, parts.rule, badIds)) {
                        if (!channelTypes.contains(value)) {
                            channelTypes.add(value);
                        }
                        if (!typeRules.contains(parts.rule)) {
                            typeRules.add(parts.rule);
                        }
                    }
                }
                case CODE -> {
                    if (known(Vocabulary.Kind.CODES, value, parts.rule, badIds) && !codes.contains(value)) {
                        codes.add(value);
                    }
                }
                case OBLIGATION -> addOnce(obligations, parts.obligation);
                case ADVICE -> {
                    Advice given = value == null ? parts.plainAdvice : parts.adviceByPrinciple.get(value);
                    if (given == null) {
                        known(Vocabulary.Kind.PRINCIPLES, value, parts.rule, badIds);
                    } else if (!adviceRules.contains(parts)) { // a rule's first advice stands
                        adviceRules.add(parts);
                        advice.add(given);
                    }
                }
                case RESPONSIBILITY -> {
                    Responsibility responsibility = parts.responsibilityByRole.get(value);
                    if (responsibility == null) {
                        known(Vocabulary.Kind.ROLES, value, parts.rule, badIds);
                    } else {
                        addOnce(responsibilities, responsibility);
                    }
                }
            }
        }
        if (!badIds.isEmpty()) {
            return failed(badIds, "reported an id the vocabulary does not have", new IllegalStateException("unknown id"));
        }
        if (channelTypes.size() != 1) {
            return failed(typeRules, channelTypes.isEmpty()
                    ? "no rule classified the channel" : "the channel was classified as " + String.join(" and ", channelTypes),
                    new IllegalStateException("channel classification"));
        }
        reasons.sort(REASON_ORDER);
        Outcome outcome = reasons.isEmpty() ? Outcome.NOT_APPLICABLE
                : reasons.get(0).effect() == Effect.DENY ? Outcome.DENY : Outcome.PERMIT;
        List<Obligation> permitted = List.of();
        if (outcome == Outcome.PERMIT) {
            obligations.sort(OBLIGATION_ORDER);
            permitted = obligations;
        }
        codes.sort(codeOrder);
        // Advice declares the outcomes it applies to: a refusal carries only advice that helps the asker instead.
        for (int i = advice.size() - 1; i >= 0; i--) {
            RuleEffect effect = adviceRules.get(i).effect;
            if (effect != null && !effect.appliesTo(outcome)) {
                advice.remove(i);
                adviceRules.remove(i);
            }
        }
        advice.sort(ADVICE_ORDER);
        responsibilities.sort(responsibilityOrder);
        return new Decision(outcome, channelTypes.get(0), codes, reasons, permitted, advice, responsibilities, ruleSet.identity());
    }

    private static final Comparator<Obligation> OBLIGATION_ORDER = Comparator.comparing(Obligation::rule);
    private static final Comparator<Advice> ADVICE_ORDER = Comparator.comparing(Advice::rule);
    private static final Comparator<Reason> REASON_ORDER = (a, b) -> {
        int byEffect = Integer.compare(a.effect() == Effect.DENY ? 0 : 1, b.effect() == Effect.DENY ? 0 : 1);
        return byEffect != 0 ? byEffect : a.rule().compareTo(b.rule());
    };

    private RuleParts parts(Finding finding) {
        RuleInfo rule = ruleSet.ruleOf(finding.rule());
        RuleParts parts = rule == null ? null : partsByRule.get(rule);
        if (parts == null) {
            throw new IllegalStateException("a rule the rule set does not list reported a finding: " + finding.ruleName());
        }
        return parts;
    }

    private static <T> void addOnce(List<T> list, T item) {
        for (T present : list) {
            if (present == item) {
                return;
            }
        }
        list.add(item);
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
