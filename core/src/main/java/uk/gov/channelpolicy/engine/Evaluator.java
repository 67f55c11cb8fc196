package uk.gov.channelpolicy.engine;

import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.concurrent.ConcurrentHashMap;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
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
    /**
     * The same parts by the engine's rule object, for the one lookup a firing makes: made when the first session is,
     * since a precompiled jar's kbase is built after the rule set loads.
     */
    private volatile Map<Rule, RuleParts> partsByEngineRule;
    /**
     * Decisions assembled, by the findings they were assembled from: a decision is a function of its findings, and a
     * rule set gives few distinct sets of them (DH: some hundreds), so the rules run for every request and the decision
     * they reach is assembled once. Null for an evaluator that makes a fresh session every time, the reference the
     * differential tests compare kept sessions with. Once {@link #MAX_ASSEMBLED} are kept no more are added (threads
     * adding at the same moment may each add one), and decisions past them are assembled each time. A failure is never
     * kept: each is logged as it happens.
     */
    private final ConcurrentHashMap<Firings, Decision> assembled;
    /** The most distinct sets of findings whose decisions are kept. */
    static final int MAX_ASSEMBLED = 4096;
    /** How many times the rules have run: a decision given again may be the same object either way, so tests count. */
    private final java.util.concurrent.atomic.LongAdder runs = new java.util.concurrent.atomic.LongAdder();
    /**
     * The facts the rules see, kept by index: {@link #FACTS} slots, an index's slot a hash of it, the last fact made for a
     * slot standing. A request the rules see as they saw one before is inserted as the same fact: it is never changed,
     * and a session holds its handle only while it decides. Null for the reference evaluator (fresh sessions), which makes every fact
     * from its request, so that the differential tests compare against facts made with no help from the index.
     */
    private final IndexedFact[] facts;
    private static final int FACTS = 8192;

    /** A fact and the index it was made for; its final fields make it safe to read from any thread without a lock. */
    private record IndexedFact(long index, Request fact) {
    }
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
     * An evaluator that may be told to evaluate the plain way, as the reference for tests that compare the kept
     * sessions' decisions with it: a fresh session for every evaluation, every fact made from its request and every
     * decision assembled from its findings.
     *
     * @param ruleSet the compiled rule set
     * @param limits the firing limit, and the timeout with its threads
     * @param reuseSessions whether a session is kept for the next evaluation (and facts and assembled decisions with it)
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
        this.assembled = reuseSessions ? new ConcurrentHashMap<>() : null;
        this.facts = reuseSessions ? new IndexedFact[FACTS] : null;
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
        return decide(request, indexOf(request), cache);
    }

    /**
     * As {@link #decide(PolicyRequest, DecisionCache)}, for a request whose index the caller has already taken (as the
     * vocabulary check): a request is indexed once.
     *
     * @param request a request the serving version's validator accepted
     * @param at its {@link #indexOf index}
     * @param cache the decisions remembered for this rule set, or null to evaluate every time
     * @return the decision
     */
    public Decision decide(PolicyRequest request, long at, DecisionCache cache) {
        Request fact = fact(request, at);
        if (cache == null) {
            return explained(request, at, decide(fact, limits, null), null);
        }
        Decision remembered = cache.get(fact);
        if (remembered != null && (remembered.outcome() != Outcome.NOT_APPLICABLE || remembered.notApplicable() != null)) {
            return remembered;
        }
        Decision decision = explained(request, at, remembered != null ? remembered : decide(fact, limits, null), cache);
        cache.put(fact, decision);
        return decision;
    }

    /**
     * The index of what the rules see of a request, which is also the check that the vocabulary has each of its ids: -1
     * when the rule set's decisions cannot be indexed (its rules read beyond the request, or its domain is too large) or
     * the index cannot represent the request (an id the vocabulary does not have, among others).
     *
     * @param request a request, valid or not
     * @return the index, or -1
     */
    public long indexOf(PolicyRequest request) {
        return domain == null ? -1 : domain.indexOf(request);
    }

    /**
     * The fact the rules see for a request: one per index, made once and inserted again and again (it is never changed,
     * and a session keeps its handle only while it decides), so that an evaluation neither rebuilds it nor has the JVM
     * hash a new object's identity. A request with no index gets a fact of its own.
     */
    private Request fact(PolicyRequest request, long at) {
        if (at < 0 || facts == null) {
            return new Request(request, vocabulary);
        }
        int slot = (int) (at ^ (at >>> 17)) & (FACTS - 1);
        IndexedFact known = facts[slot];
        if (known != null && known.index == at) {
            return known.fact;
        }
        Request fact = new Request(request, vocabulary);
        facts[slot] = new IndexedFact(at, fact); // a race only makes a fact twice: each is the same request, never changed
        return fact;
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
        Decision decision = explained(request, indexOf(request), decide(new Request(request, vocabulary), limits, fired), cache);
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
     * How many times this evaluator has run the rules on a request: once for each evaluation, traced or not, and once for
     * each request around a NOT_APPLICABLE one that its explanation asked about and no memory held; a decision table
     * computed with this evaluator counts its runs here too. A decision given from memory adds nothing. An evaluated
     * decision may be the very object given before (a decision is assembled once for its findings), so this, not
     * identity, tells whether the rules ran.
     *
     * @return the number of runs so far
     */
    public long runs() {
        return runs.sum();
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
    private Decision explained(PolicyRequest request, long at, Decision decision, DecisionCache callersCache) {
        if (decision.outcome() != Outcome.NOT_APPLICABLE) {
            return decision;
        }
        if (at >= 0) {
            Explained known = explanations().get((int) at);
            if (known != null) {
                // The rules reached the very decision explained before (it was assembled once): give the explained one.
                return known.bare == decision ? known.explained : decision.withNotApplicable(known.explained.notApplicable());
            }
        }
        NotApplicable why = notApplicable.explain(request, decision, variant -> neighbour(variant, callersCache));
        Decision explained = decision.withNotApplicable(why);
        if (at >= 0) {
            explanations().set((int) at, new Explained(decision, explained));
        }
        return explained;
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

    private AtomicReferenceArray<Explained> explanations() {
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

    /** A NOT_APPLICABLE decision as the rules reached it, and with its explanation. */
    private record Explained(Decision bare, Decision explained) {
    }

    private record Remembered(AtomicReferenceArray<Decision> bare, AtomicReferenceArray<Explained> explanations) {
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

        PooledSession(StatefulKnowledgeSessionImpl session, Map<Rule, RuleParts> parts, java.util.function.Function<Rule, RuleParts> partsByName,
                RuleSet ruleSet, int maxFirings, List<String> firedRules, boolean listening) {
            this.session = session;
            this.listening = listening;
            this.monitor = new FiringMonitor(ruleSet, parts, partsByName, maxFirings, firedRules, session::getFactCount, listening);
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

    private PooledSession session(List<String> firedRules, boolean listening) {
        PooledSession pooled = reuseSessions ? (listening ? idleListening : idle).poll() : null;
        if (pooled != null) {
            (listening ? idleListeningCount : idleCount).decrementAndGet();
            pooled.monitor.start(firedRules);
            return pooled;
        }
        StatefulKnowledgeSessionImpl session = (StatefulKnowledgeSessionImpl) ruleSet.kieBase().newKieSession();
        return new PooledSession(session, partsByEngineRule(), this::partsByName, ruleSet,
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
        PooledSession pooled;
        try {
            // Only an evaluation with a timeout needs to know, from another thread, when a consequence has ended.
            pooled = session(firedRules, limits.timeout() != null);
        } catch (RuntimeException e) {
            // A precompiled jar's kbase is built when first needed: should Drools fail to build it, nothing is decided.
            return failed(List.of(), "the rules could not be made ready to run: " + Failures.describe(e), e);
        }
        if (limits.timeout() == null) {
            return run(pooled, request);
        }
        Future<Decision> running;
        try {
            running = limits.executor().submit(() -> run(pooled, request));
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

    /**
     * Runs the rules on the request and assembles the decision from their findings, which belong to the session: they are
     * read before the session is released for another evaluation.
     */
    private Decision run(PooledSession pooled, Request request) {
        runs.increment();
        boolean clean = false;
        FiringMonitor monitor = pooled.monitor;
        try {
            pooled.session.insert(request);
            pooled.fire();
            clean = true;
            return assemble(monitor.found());
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

    /**
     * The decision the findings make: assembled once for each distinct set of findings by an evaluator that keeps
     * sessions, and given again, the same object, whenever the rules find the same again.
     */
    private Decision assemble(Firings firings) {
        if (assembled == null || firings.unlisted() != null) {
            return assembleAnew(firings);
        }
        Decision known = assembled.get(firings);
        if (known != null) {
            return known;
        }
        Decision decision = assembleAnew(firings);
        if (decision.outcome() == Outcome.INDETERMINATE || assembled.size() >= MAX_ASSEMBLED) {
            return decision;
        }
        Decision first = assembled.putIfAbsent(firings.copy(), decision);
        return first != null ? first : decision;
    }

    private Decision assembleAnew(Firings firings) {
        if (firings.unlisted() != null) {
            Rule rule = firings.unlisted();
            return failed(List.of(), "fired a rule the rule set does not list: " + rule.getPackageName() + ":" + rule.getName(),
                    new IllegalStateException("unlisted rule"));
        }
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
        for (int i = 0; i < firings.size(); i++) {
            RuleParts parts = firings.rule(i);
            String value = firings.value(i);
            switch (parts.effect.kind()) {
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

    /** A rule's parts found by its package and name: for a rule object the engine hands out that is not the kbase's own. */
    private RuleParts partsByName(Rule rule) {
        RuleInfo info = ruleSet.ruleOf(rule);
        return info == null ? null : partsByRule.get(info);
    }

    /** Each rule's parts by the kbase's rule objects; the kbase is built (or waited for) the first time. */
    private Map<Rule, RuleParts> partsByEngineRule() {
        Map<Rule, RuleParts> made = partsByEngineRule;
        if (made == null) {
            Map<Rule, RuleParts> byEngineRule = new IdentityHashMap<>();
            for (KiePackage kiePackage : ruleSet.kieBase().getKiePackages()) {
                for (Rule rule : kiePackage.getRules()) {
                    RuleParts parts = partsByName(rule);
                    if (parts != null) {
                        byEngineRule.put(rule, parts);
                    }
                }
            }
            made = byEngineRule; // never changed after this; another thread may make its own, equal, map
            partsByEngineRule = made;
        }
        return made;
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
