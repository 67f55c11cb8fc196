package uk.gov.channelpolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.engine.DecisionCache;
import uk.gov.channelpolicy.engine.DecisionTable;
import uk.gov.channelpolicy.engine.DomainIndex;
import uk.gov.channelpolicy.engine.EvaluationLimits;
import uk.gov.channelpolicy.engine.Evaluator;
import uk.gov.channelpolicy.engine.WhyNot;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.Failures;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSetLoader;
import uk.gov.channelpolicy.load.RuleSetWatcher;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * May this person do this with this content on this social-media channel, and why?
 *
 * <p>The one entry point. Build it once with a rule set, then call {@link #evaluate} from any number
 * of threads:
 *
 * <pre>{@code
 * ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();
 * Decision decision = policy.evaluate(request);
 * if (decision.isPermitted()) { ... }   // anything but PERMIT means no
 * }</pre>
 *
 * <p>{@code evaluate} throws only when no decision can be made: an {@link InvalidRequestException}
 * for a request that does not fit the rule set's vocabulary. A rule that fails while evaluating
 * gives an {@link Outcome#INDETERMINATE} decision naming the rule.
 */
public final class ChannelPolicy implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChannelPolicy.class);

    /**
     * One serving version: the compiled rule set, the evaluator that runs it, the one validator (its vocabulary), the
     * JSON codec for that vocabulary and the decisions remembered for it. A reload swaps all of them as one, and every
     * call reads the version once, so a request is never read by one version and decided by another.
     */
    private record Serving(RuleSet ruleSet, Evaluator evaluator, Codec codec, DecisionCache cache, Table table) {
        Serving(RuleSet ruleSet, EvaluationLimits limits, PolicyJson.Limits jsonLimits, int cacheSize, DecisionTable shipped,
                Tabling tabling) {
            this(ruleSet, new Evaluator(ruleSet, limits), new Codec(ruleSet.vocabulary(), jsonLimits), cache(ruleSet, cacheSize),
                    new Table());
            if (tabling != Tabling.NONE) {
                table.start(this, shipped, cacheSize, tabling == Tabling.BEFORE_SERVING);
            }
        }

        private static DecisionCache cache(RuleSet ruleSet, int cacheSize) {
            if (cacheSize == 0) {
                return null;
            }
            if (!ruleSet.beyondRequest().isEmpty()) {
                LOG.info("rule set {} {}: decisions are not remembered, because its rules read beyond the request: {}",
                        ruleSet.identity().id(), ruleSet.identity().version(), ruleSet.beyondRequest());
                return null;
            }
            return new DecisionCache(cacheSize);
        }

        /**
         * The vocabulary check, against the version that will decide. A request with an index has only ids the vocabulary
         * knows (the index looked each up), so only the constraints between them are left to check; one without goes
         * through the whole validator ({@link Vocabulary#problems}), which names every problem.
         *
         * @return the request's index, the engine's way to it; -1 when it has none
         */
        long validate(PolicyRequest request) {
            Objects.requireNonNull(request, "request");
            long at = evaluator.indexOf(request);
            List<Problem> problems = at >= 0 ? ruleSet.vocabulary().contradictions(request) : ruleSet.vocabulary().problems(request);
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return at;
        }

        Decision decide(PolicyRequest request) {
            return evaluator.decide(request, cache);
        }

        /**
         * Validates and decides: from the decision table when there is one and it has the request (its index is the
         * vocabulary check, its filled slot the constraints' pass), else through the validator and the engine.
         */
        Decision validatedDecision(PolicyRequest request) {
            Objects.requireNonNull(request, "request");
            DecisionTable ready = table.ready;
            Decision decision = ready == null ? null : ready.get(request);
            if (decision != null) {
                return decision;
            }
            return evaluator.decide(request, validate(request), cache);
        }

        /** Decides a request the codec already validated. */
        Decision decideValid(PolicyRequest request) {
            DecisionTable ready = table.ready;
            Decision decision = ready == null ? null : ready.get(request);
            return decision != null ? decision : decide(request);
        }
    }

    /** Whether and when a serving version gets a decision table it does not ship. */
    private enum Tabling {
        /** None: a policy built for authoring runs scenarios once. */
        NONE,
        /** Computed on a background thread while the engine serves. */
        IN_BACKGROUND,
        /** Computed on every core before the version serves: for tools that decide the whole domain. */
        BEFORE_SERVING
    }

    /**
     * The decision table of a serving version: shipped in the rule-set jar, or computed by the engine on a background
     * thread while the engine serves (or before it serves, when asked). None for a policy that remembers nothing ({@code decisionCache(0)}: every call runs
     * the rules) or whose rules read beyond the request.
     */
    private static final class Table {
        volatile DecisionTable ready;
        /** Whether the table is ready, or will never be (none for this version, refused, cancelled). */
        volatile boolean settled = true;
        private volatile boolean cancelled;

        void start(Serving serving, DecisionTable shipped, int cacheSize, boolean beforeServing) {
            RuleSet ruleSet = serving.ruleSet();
            settled = true;
            if (cacheSize == 0 || !ruleSet.beyondRequest().isEmpty()) {
                return;
            }
            if (shipped != null) {
                ready = shipped;
                return;
            }
            long size;
            try {
                size = DomainIndex.of(ruleSet.vocabulary()).size();
            } catch (IllegalArgumentException e) {
                LOG.info("rule set {} {}: no decision table: {}", ruleSet.identity().id(), ruleSet.identity().version(), e.getMessage());
                return;
            }
            if (size > DecisionTable.MAX_SIZE) {
                LOG.info("rule set {} {}: no decision table: its domain has {} combinations, more than {}", ruleSet.identity().id(),
                        ruleSet.identity().version(), size, DecisionTable.MAX_SIZE);
                return;
            }
            settled = false;
            if (beforeServing) {
                compute(serving, true);
                return;
            }
            Thread thread = new Thread(() -> compute(serving, false), "channel-policy-table-" + ruleSet.identity().id());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }

        private void compute(Serving serving, boolean parallel) {
            RuleSet ruleSet = serving.ruleSet();
            long started = System.nanoTime();
            try {
                DecisionTable computed = DecisionTable.compute(serving.evaluator(), ruleSet.identity(), ruleSet.vocabulary(), parallel,
                        () -> cancelled);
                if (computed != null && !cancelled) {
                    ready = computed;
                    LOG.info("rule set {} {}: decision table of {} combinations computed in {} ms", ruleSet.identity().id(),
                            ruleSet.identity().version(), computed.size(), (System.nanoTime() - started) / 1_000_000);
                }
            } catch (RuntimeException e) {
                // The engine keeps serving, and gives every INDETERMINATE afresh.
                LOG.warn("rule set {} {}: no decision table: {}", ruleSet.identity().id(), ruleSet.identity().version(), e.getMessage());
            } finally {
                settled = true;
            }
        }

        void cancel() {
            cancelled = true;
        }
    }

    /**
     * The JSON codec for a vocabulary, made when first asked for: an embedder that never reads JSON through the
     * policy does not wait at start-up for Jackson's object mapper to load.
     */
    private static final class Codec {
        private final Vocabulary vocabulary;
        private final PolicyJson.Limits limits;
        private volatile PolicyJson json;

        Codec(Vocabulary vocabulary, PolicyJson.Limits limits) {
            this.vocabulary = vocabulary;
            this.limits = limits;
        }

        PolicyJson get() {
            PolicyJson made = json;
            if (made == null) {
                synchronized (this) {
                    made = json;
                    if (made == null) {
                        made = PolicyJson.forVocabulary(vocabulary, limits);
                        json = made;
                    }
                }
            }
            return made;
        }
    }

    /**
     * Decisions remembered per rule-set version unless the builder says otherwise: more than the 46,624 valid
     * requests of DH's version-1 vocabulary; DH 2.0.0's domain (179,738) is larger, so a sweep of it refills the cache.
     */
    public static final int DEFAULT_DECISION_CACHE_SIZE = 65_536;

    /** Alternatives {@link #explain} lists unless the builder says otherwise. */
    public static final int DEFAULT_MAX_ALTERNATIVES = 5;

    /** Rule firings allowed per evaluation unless the builder says otherwise; DH requests fire about 15. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 10_000;

    private volatile Serving serving;
    private final EvaluationLimits limits;
    private final Path directory;
    private final RuleSetLoader loader;
    private final RuleSetListener listener;
    private final DecisionSink decisionSink;
    private final PolicyJson.Limits jsonLimits;
    private final RuleSetWatcher watcher;
    private final Object reloadLock = new Object();
    private final int cacheSize;
    private final int maxAlternatives;
    /** Whether and when serving versions get a decision table their jar does not ship. */
    private final Tabling tabling;

    private ChannelPolicy(RuleSet ruleSet, DecisionTable shipped, EvaluationLimits limits, RuleSetLoader loader, Path directory,
            RuleSetListener listener, Duration debounce, DecisionSink decisionSink, PolicyJson.Limits jsonLimits, int cacheSize,
            int maxAlternatives, Tabling tabling) {
        this.maxAlternatives = maxAlternatives;
        this.decisionSink = decisionSink;
        this.jsonLimits = jsonLimits;
        this.cacheSize = cacheSize;
        this.tabling = tabling;
        this.serving = new Serving(ruleSet, limits, jsonLimits, cacheSize, shipped, tabling);
        this.limits = limits;
        this.loader = loader;
        this.directory = directory;
        this.listener = listener;
        this.watcher = debounce == null ? null : RuleSetWatcher.watch(directory, debounce, this::reloadQuietly);
    }

    /**
     * Starts configuring a policy.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides a request. Thread-safe.
     *
     * @param request the request
     * @return the decision; only {@link Outcome#PERMIT} allows the action
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     * @throws NullPointerException if the request is null
     */
    public Decision evaluate(PolicyRequest request) {
        return evaluate(serving, request); // one read: the whole evaluation uses this version
    }

    private Decision evaluate(Serving current, PolicyRequest request) {
        return recorded(request, current.validatedDecision(request), current.ruleSet);
    }

    /**
     * Reads a request from JSON and decides it, both with the version serving when the call starts: a reload in
     * between cannot make the request be read by one version's vocabulary and decided by another's. Thread-safe.
     *
     * @param json one request, as in the contract
     * @return the decision; only {@link Outcome#PERMIT} allows the action
     * @throws InvalidRequestException listing every problem with the request: its shape, and every id the vocabulary
     *     does not have, each with its JSON path
     */
    public Decision evaluateJson(String json) {
        return evaluateJson(serving, json);
    }

    private Decision evaluateJson(Serving current, String json) {
        // The codec checks the shape and, through the same vocabulary, every id: the request it gives is valid.
        PolicyRequest request = current.codec.get().readRequest(json);
        return recorded(request, current.decideValid(request), current.ruleSet);
    }

    /**
     * Decides a request exactly as {@link #evaluate} does, validation included, but does not record it in the decision
     * log: for enumerations over the vocabulary (a search for the actions an actor may take), whose answers are
     * candidates a caller may go on to ask about, not decisions anyone acts on. Every decision that is acted on goes
     * through {@link #evaluate}. Thread-safe.
     *
     * @param request the request
     * @return the decision; only {@link Outcome#PERMIT} allows the action
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     * @throws NullPointerException if the request is null
     */
    public Decision evaluateUnrecorded(PolicyRequest request) {
        return serving.validatedDecision(request);
    }

    /**
     * The version serving now, to decide several requests by one rule set even when a reload comes between them: the items
     * of a batch, or a search over the vocabulary. A version stays usable after a reload has replaced it. Thread-safe.
     *
     * @return the version serving when the call is made
     */
    public Version version() {
        return new Version(serving);
    }

    /**
     * One version of the rule set, as {@link ChannelPolicy#version()} found it serving: its rule set, vocabulary and JSON
     * codec, and evaluation by it alone. Its decisions are recorded in the policy's decision sink as
     * {@link ChannelPolicy#evaluate} records them. Thread-safe.
     */
    public final class Version {
        private final Serving pinned;

        private Version(Serving pinned) {
            this.pinned = pinned;
        }

        /**
         * The rule set of this version.
         *
         * @return the rule set
         */
        public RuleSet ruleSet() {
            return pinned.ruleSet;
        }

        /**
         * The ids requests may use in this version.
         *
         * @return the vocabulary
         */
        public Vocabulary vocabulary() {
            return pinned.ruleSet.vocabulary();
        }

        /**
         * The JSON codec for this version's vocabulary.
         *
         * @return the codec
         */
        public PolicyJson json() {
            return pinned.codec.get();
        }

        /**
         * Decides a request by this version, as {@link ChannelPolicy#evaluate} does by the version serving.
         *
         * @param request the request
         * @return the decision; only {@link Outcome#PERMIT} allows the action
         * @throws InvalidRequestException listing every id in the request that this version's vocabulary does not have
         */
        public Decision evaluate(PolicyRequest request) {
            return ChannelPolicy.this.evaluate(pinned, request);
        }

        /**
         * Reads a request from JSON and decides it by this version, as {@link ChannelPolicy#evaluateJson} does.
         *
         * @param json one request, as in the contract
         * @return the decision; only {@link Outcome#PERMIT} allows the action
         * @throws InvalidRequestException listing every problem with the request, each with its JSON path
         */
        public Decision evaluateJson(String json) {
            return ChannelPolicy.this.evaluateJson(pinned, json);
        }

        /**
         * Decides a request by this version without recording it, as {@link ChannelPolicy#evaluateUnrecorded} does.
         *
         * @param request the request
         * @return the decision; only {@link Outcome#PERMIT} allows the action
         * @throws InvalidRequestException listing every id in the request that this version's vocabulary does not have
         */
        public Decision evaluateUnrecorded(PolicyRequest request) {
            return pinned.validatedDecision(request);
        }
    }

    /** How many times the serving version's engine has run the rules: for the library's own tests (see {@link Evaluator#runs()}). */
    long engineRuns() {
        return serving.evaluator.runs();
    }

    /** The decision once the decision sink, if any, has recorded it; INDETERMINATE if it could not be. */
    private Decision recorded(PolicyRequest request, Decision decision, RuleSet ruleSet) {
        if (decisionSink != null) {
            try {
                decisionSink.record(request, decision);
            } catch (RuntimeException e) {
                // A decision that cannot be recorded is not given: audit is part of the answer.
                LOG.error("decision log write failed; answering INDETERMINATE: {}", e.toString());
                return new Decision(Outcome.INDETERMINATE, null, List.of(), List.of(new Reason("channel-policy.decision-log",
                        Effect.INDETERMINATE, "The decision could not be recorded in the decision log.",
                        new Citation("channel-policy", "Decision log", "A decision that cannot be recorded is not given."))),
                        List.of(), List.of(), List.of(), ruleSet.identity());
            }
        }
        return decision;
    }

    /**
     * Decides a request and records every rule that fired, classification and advice rules
     * included: for explaining, coverage and debugging. Slower than {@link #evaluate}; thread-safe.
     *
     * @param request the request
     * @return the decision, the same as {@link #evaluate} gives and recorded in the decision log as it records, with the
     *     rules that fired; if the decision cannot be recorded, INDETERMINATE with no rules
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     */
    public Trace trace(PolicyRequest request) {
        Serving current = serving;
        current.validate(request);
        Trace trace = current.evaluator.trace(request, current.cache);
        Decision decision = recorded(request, trace.decision(), current.ruleSet);
        return decision == trace.decision() ? trace : new Trace(decision, List.of());
    }

    /**
     * Decides a request and says why not otherwise: the rules that fired, and the smallest changes the person asking
     * could make themselves ({@link Change}: content, action, channel, or asking the person whose work it is; never
     * who is acting) that would change the outcome, found by searching the rule set's finite vocabulary. Lists at most
     * the builder's {@link Builder#maxAlternatives(int)} ({@value #DEFAULT_MAX_ALTERNATIVES} unless set). Evaluates up
     * to a few hundred variants: for people asking why, not for a hot path.
     *
     * @param request the request
     * @return the explanation; its decision is recorded in the decision log as {@link #evaluate} records (the variants
     *     searched are not), and if it cannot be, the decision is INDETERMINATE with no rules and no alternatives
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     */
    public Explanation explain(PolicyRequest request) {
        return explain(request, maxAlternatives);
    }

    /**
     * Decides a request and says why not otherwise, as {@link #explain(PolicyRequest)} does, listing at most the given
     * number of alternatives.
     *
     * @param request the request
     * @param maxAlternatives the most alternatives to list, at least 1
     * @return the explanation
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     * @throws IllegalArgumentException if maxAlternatives is less than 1
     */
    public Explanation explain(PolicyRequest request, int maxAlternatives) {
        if (maxAlternatives < 1) {
            throw new IllegalArgumentException("maxAlternatives must be at least 1, not " + maxAlternatives);
        }
        Serving current = serving;
        current.validate(request);
        Trace trace = current.evaluator.trace(request, current.cache);
        Decision decision = recorded(request, trace.decision(), current.ruleSet);
        if (decision != trace.decision()) {
            return new Explanation(decision, List.of(), List.of());
        }
        List<Alternative> alternatives = new WhyNot(current.ruleSet.vocabulary(), current::decideValid)
                .alternatives(request, trace.decision(), maxAlternatives);
        return new Explanation(trace.decision(), trace.firedRules(), alternatives);
    }

    /**
     * Recompiles the rule-set directory this policy was built from and, if it loads, serves it from
     * the next evaluation on. Evaluations in flight finish on the version they started with. If it
     * does not load, the current version keeps serving and the problems are thrown.
     *
     * @return the identity of the version now serving
     * @throws RuleSetException if the edited rule set cannot be loaded; nothing changes
     * @throws IllegalStateException if the policy was built from the classpath, which cannot change
     */
    public RuleSetIdentity reload() {
        if (directory == null) {
            throw new IllegalStateException("only a policy built with ruleSetDirectory(...) can reload");
        }
        synchronized (reloadLock) {
            RuleSet previous = serving.ruleSet;
            RuleSet next = loader.fromDirectory(directory);
            Serving replaced = serving;
            serving = new Serving(next, limits, jsonLimits, cacheSize, null, tabling);
            replaced.table.cancel();
            if (listener != null && !next.identity().equals(previous.identity())) {
                listener.loaded(previous.identity(), next.identity());
            }
            return next.identity();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuleSetException e) {
            rejected(e);
        } catch (RuntimeException | Error e) {
            // Any failure while loading leaves the serving version in place and the watcher running: the next save is
            // tried again. The loader already turns the failures it knows into problems; this is the backstop.
            LOG.debug("rule set reload failure detail", e);
            rejected(new RuleSetException("rule set in " + directory + " could not be loaded",
                    List.of(Problem.at(String.valueOf(directory), "loading failed: " + Failures.describe(e)))));
        }
    }

    private void rejected(RuleSetException e) {
        LOG.warn("rule set in {} was edited but does not load; still serving {} {}", directory,
                serving.ruleSet.identity().id(), serving.ruleSet.identity().version());
        if (listener != null) {
            listener.rejected(serving.ruleSet.identity(), e);
        }
    }

    /**
     * Stops watching the rule-set directory, if this policy watches one, and stops the evaluation
     * threads of a policy with a timeout. Evaluation without a timeout keeps working.
     */
    @Override
    public void close() {
        serving.table.cancel();
        if (watcher != null) {
            watcher.close();
        }
        if (limits.executor() != null) {
            limits.executor().shutdownNow();
        }
    }

    /**
     * Whether the version serving now decides from its decision table: every decision of the rule set computed ahead, so
     * that deciding a valid request is a lookup. A precompiled rule-set jar ships its table; a rule set loaded from a
     * directory has it computed in the background after {@link Builder#build()} and a {@link #reload()}, and the engine
     * decides until then. Never for a policy built with {@code decisionCache(0)}, for authoring, or whose rules read
     * beyond the request. Decisions are the same either way.
     *
     * @return true when decisions come from the table
     */
    public boolean decidesFromTable() {
        return serving.table.ready != null;
    }

    /** The serving version's table, when it has one: for the library's own tests. */
    DecisionTable decisionTable() {
        return serving.table.ready;
    }

    /** Whether the serving version's table is ready or will never be: for the library's own tests. */
    boolean decisionTableSettled() {
        return serving.table.settled;
    }

    /**
     * The JSON codec for this policy's vocabulary.
     *
     * @return the codec
     */
    public PolicyJson json() {
        return serving.codec.get();
    }

    /**
     * The loaded rule set: manifest, rule catalogue, guidance text, identity.
     *
     * @return the rule set
     */
    public RuleSet ruleSet() {
        return serving.ruleSet;
    }

    /**
     * The ids requests may use.
     *
     * @return the rule set's vocabulary
     */
    public Vocabulary vocabulary() {
        return serving.ruleSet.vocabulary();
    }

    /**
     * Configures a {@link ChannelPolicy}: choose exactly one rule set, from the classpath by id or
     * from a directory. Not thread-safe; build once and share the policy.
     */
    public static final class Builder {
        private String ruleSetId;
        private Path ruleSetDirectory;
        private ClassLoader classLoader;
        private RuleSetListener listener;
        private Duration watchDebounce;
        private int maxRuleFirings = DEFAULT_MAX_RULE_FIRINGS;
        private int decisionCacheSize = DEFAULT_DECISION_CACHE_SIZE;
        private int maxAlternatives = DEFAULT_MAX_ALTERNATIVES;
        private boolean verifyFileDigests = true;
        private boolean checkProfile = true;
        private boolean forAuthoring;
        private boolean tableBeforeServing;
        private DecisionSink decisionSink;
        private PolicyJson.Limits jsonLimits = PolicyJson.Limits.DEFAULT;
        private Duration evaluationTimeout;
        private int evaluationThreads = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /**
         * Uses the precompiled rule set with this id from the classpath: its jar holds
         * {@code rulesets/<id>/manifest.json} and a kbase named {@code id}. The DH rule set is {@code "dh"}
         * in {@code channel-policy-rules-dh}.
         *
         * @param id the rule set's id
         * @return this builder
         * @throws IllegalArgumentException if the id is blank
         */
        public Builder ruleSet(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("rule set id is blank");
            }
            this.ruleSetId = id;
            return this;
        }

        /**
         * Compiles the rule set in a directory (a {@code manifest.json}, the guidance text it names, and
         * {@code .drl} files) when {@link #build()} is called.
         *
         * @param directory the rule-set directory
         * @return this builder
         */
        public Builder ruleSetDirectory(Path directory) {
            this.ruleSetDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The class loader to find a classpath rule set with; defaults to this library's.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Watches the rule-set directory and reloads it when its files change, once they have been
         * quiet for the debounce period. A broken edit keeps the last good version serving. Call
         * {@link ChannelPolicy#close()} to stop watching.
         *
         * @param debounce how long the files must be quiet before reloading, e.g. 200 ms
         * @return this builder
         * @throws IllegalArgumentException if the debounce is negative
         */
        public Builder watch(Duration debounce) {
            Objects.requireNonNull(debounce, "debounce");
            if (debounce.isNegative()) {
                throw new IllegalArgumentException("debounce is negative: " + debounce);
            }
            this.watchDebounce = debounce;
            return this;
        }

        /**
         * How many decisions to remember per rule-set version, by what the rules can see of a request
         * (roles, action, stated type, owner's role and capacity, own channel, content; never ids or
         * names); 0 turns remembering off. Defaults to {@value ChannelPolicy#DEFAULT_DECISION_CACHE_SIZE}.
         *
         * <p>A remembered decision is the same immutable {@link Decision} evaluation gave, so answers do
         * not change; only the time to give them. It is used only for rule sets whose compiled rules read
         * nothing but the request: a rule set that uses a clock, randomness, or date-bound or timed rules
         * is always evaluated (logged at INFO when built). INDETERMINATE decisions are never remembered;
         * a reload starts afresh; when full, the cache empties and refills. The decision log, when set,
         * still records every call. {@link ChannelPolicy#trace} always evaluates. With 0, explaining a NOT_APPLICABLE
         * decision still remembers the decisions of the neighbouring requests it asks about (bounded as this cache is),
         * for explanations only: none is ever given to a caller.
         *
         * @param maxEntries the most decisions remembered, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if maxEntries is negative
         */
        public Builder decisionCache(int maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("decisionCache must be 0 (off) or more, not " + maxEntries);
            }
            this.decisionCacheSize = maxEntries;
            return this;
        }

        /**
         * The most alternatives {@link ChannelPolicy#explain(PolicyRequest)} lists: the smallest changes first, near-identical
         * ones collapsed. Defaults to {@value ChannelPolicy#DEFAULT_MAX_ALTERNATIVES}.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if max is less than 1
         */
        public Builder maxAlternatives(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxAlternatives must be at least 1, not " + max);
            }
            this.maxAlternatives = max;
            return this;
        }

        /**
         * The most rule firings one evaluation may make; past it the decision is INDETERMINATE naming
         * the rule that fired most. Defaults to {@value ChannelPolicy#DEFAULT_MAX_RULE_FIRINGS}.
         *
         * @param limit at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is less than 1
         */
        public Builder maxRuleFirings(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("maxRuleFirings must be at least 1, not " + limit);
            }
            this.maxRuleFirings = limit;
            return this;
        }

        /**
         * The longest one evaluation may take; past it the decision is INDETERMINATE naming the rule
         * that was firing. Evaluations then run on a bounded pool of daemon threads, so a caller is never
         * held longer than the timeout; a rule stuck in an endless loop keeps its thread, and when every
         * thread is stuck, evaluations are INDETERMINATE at once. Without a timeout (the default),
         * evaluations run on the caller's thread.
         *
         * @param timeout a positive duration
         * @param threads how many evaluations may run at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the timeout is not positive or threads is less than 1
         */
        public Builder evaluationTimeout(Duration timeout, int threads) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("evaluation timeout must be positive, not " + timeout);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            this.evaluationTimeout = timeout;
            this.evaluationThreads = threads;
            return this;
        }

        /**
         * Loads a sealed rule set even when its files no longer match the digests in its manifest. For
         * a policy writer editing rules before resealing them ({@code channel-policy seal}); never for
         * production, where a changed file must not serve unnoticed.
         *
         * @return this builder
         */
        public Builder ignoreFileDigests() {
            this.verifyFileDigests = false;
            return this;
        }

        /**
         * The size limits {@link ChannelPolicy#json()} reads requests with; default
         * {@link PolicyJson.Limits#DEFAULT} (64 KiB, 16 levels, 4,096-character strings).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder jsonLimits(PolicyJson.Limits limits) {
            this.jsonLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sends every decision {@link ChannelPolicy#evaluate}, {@link ChannelPolicy#evaluateJson},
         * {@link ChannelPolicy#trace} and {@link ChannelPolicy#explain} give to a sink, for audit (not the variants
         * {@code explain} searches). If the sink throws, that decision is INDETERMINATE; the next one tries the sink
         * again. The library's file sink is {@code uk.gov.channelpolicy.log.DecisionLog}.
         *
         * @param sink the sink; the policy does not close it
         * @return this builder
         */
        public Builder decisionSink(DecisionSink sink) {
            this.decisionSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Hears about reloads: new versions serving, and broken edits refused.
         *
         * @param newListener the listener
         * @return this builder
         */
        public Builder listener(RuleSetListener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        /**
         * Loads and checks the rule set and builds the policy.
         *
         * @return the policy, ready to evaluate
         * @throws IllegalStateException if no rule set or both kinds were chosen, or watching was asked
         *     for a classpath rule set
         * @throws RuleSetException if the rule set cannot be loaded, listing every problem
         */
        public ChannelPolicy build() {
            if ((ruleSetId == null) == (ruleSetDirectory == null)) {
                throw new IllegalStateException("choose exactly one rule set: ruleSet(id) or ruleSetDirectory(path)");
            }
            if (watchDebounce != null && ruleSetDirectory == null) {
                throw new IllegalStateException("watch(...) needs ruleSetDirectory(...): a classpath rule set cannot change");
            }
            RuleSetLoader loader = new RuleSetLoader(classLoader != null ? classLoader : ChannelPolicy.class.getClassLoader(),
                    verifyFileDigests, checkProfile, forAuthoring);
            // A precompiled jar's table is read while the rule set loads, and matched with it once both are in.
            java.util.concurrent.CompletableFuture<DecisionTable.Unchecked> reading = ruleSetId != null && decisionCacheSize != 0
                    && !forAuthoring ? readShippedTable(ruleSetId) : null;
            RuleSet ruleSet = ruleSetId != null ? loader.fromClasspath(ruleSetId) : loader.fromDirectory(ruleSetDirectory);
            DecisionTable shipped = reading != null && ruleSet.beyondRequest().isEmpty() ? shippedTable(ruleSet, reading) : null;
            return new ChannelPolicy(ruleSet, shipped, new EvaluationLimits(maxRuleFirings, evaluationTimeout,
                    evaluationTimeout == null ? null : evaluationThreads(evaluationThreads)), loader, ruleSetDirectory, listener,
                    watchDebounce, decisionSink, jsonLimits, decisionCacheSize, maxAlternatives,
                    forAuthoring ? Tabling.NONE : tableBeforeServing ? Tabling.BEFORE_SERVING : Tabling.IN_BACKGROUND);
        }

        /**
         * Computes the decision table of a rule set whose jar ships none (a directory) before {@link #build()} returns, on
         * every core, instead of on a background thread while the engine serves; a {@link ChannelPolicy#reload()} does
         * the same before the new version serves. For a tool that decides every request of the domain (the command
         * line's {@code check} and {@code diff}): each decision is then a lookup, and the table is not computed a second
         * time beside the sweep. DH's 871,038 requests take about 36 s on two cores. Changes nothing where there is no
         * table: a shipped one, {@code decisionCache(0)}, {@link #forAuthoring()}, rules that read beyond the request, or a
         * domain of more than 4,000,000 combinations. If the rules give an INDETERMINATE anywhere in the domain there is no
         * table, as in the background, and the engine serves.
         *
         * @return this builder
         */
        public Builder decisionTableBeforeServing() {
            this.tableBeforeServing = true;
            return this;
        }

        /**
         * Compiles a rule-set directory for a tool that checks and tests rules while they are written (the command
         * line's {@code test} and {@code --watch}): with Drools' classic compiler, about three times faster from a cold
         * start. The rule text is checked against the policy profile either way; the executable model, whose compiled
         * classes are checked against an allow-list as a second wall, is kept for serving, so do not serve decisions from
         * a policy built this way.
         *
         * @return this builder
         */
        public Builder forAuthoring() {
            this.forAuthoring = true;
            return this;
        }

        /**
         * Loads rule text the policy profile would refuse. Package-private on purpose: only the library's own tests of
         * its backstops (the firing limit, the timeout, a rule that throws) use it, because no rule inside the profile
         * can fail that way; nothing public turns the check off.
         *
         * @return this builder
         */
        Builder skipProfileCheckForBackstopTests() {
            this.checkProfile = false;
            return this;
        }

        /**
         * The decision table a precompiled rule-set jar ships, when it is the loaded rule set's; else null, and the table
         * is computed in the background. A table that does not match (another digest: the jar was rebuilt without it) is
         * never served.
         */
        private java.util.concurrent.CompletableFuture<DecisionTable.Unchecked> readShippedTable(String id) {
            ClassLoader from = classLoader != null ? classLoader : ChannelPolicy.class.getClassLoader();
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.io.InputStream in = from.getResourceAsStream(DecisionTable.resource(id))) {
                    return in == null ? null : DecisionTable.readUnchecked(in);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, task -> {
                Thread thread = new Thread(task, "channel-policy-table-" + id);
                thread.setDaemon(true);
                thread.start();
            });
        }

        private static DecisionTable shippedTable(RuleSet ruleSet, java.util.concurrent.CompletableFuture<DecisionTable.Unchecked> reading) {
            String resource = DecisionTable.resource(ruleSet.identity().id());
            try {
                DecisionTable.Unchecked read = reading.join();
                if (read == null) {
                    LOG.info("rule set {} {}: its jar ships no decision table ({}): computing one in the background",
                            ruleSet.identity().id(), ruleSet.identity().version(), resource);
                    return null;
                }
                return read.checkedFor(ruleSet.identity(), ruleSet.vocabulary());
            } catch (java.io.IOException | java.util.concurrent.CompletionException e) {
                LOG.warn("rule set {} {}: the decision table its jar ships is not used: {}", ruleSet.identity().id(),
                        ruleSet.identity().version(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                return null;
            }
        }

        /** A bounded pool that refuses work when full, so stuck evaluations cannot queue up callers. */
        private static java.util.concurrent.ExecutorService evaluationThreads(int threads) {
            java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
            return new java.util.concurrent.ThreadPoolExecutor(0, threads, 60, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "channel-policy-evaluation-" + number.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }
}
