package uk.gov.channelpolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Vocabulary.Kind;
import uk.gov.channelpolicy.json.PolicyJson;

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
     * A rule set with the codec for its vocabulary and the decisions remembered for it: swapped as one,
     * so all three always agree.
     */
    private record Serving(RuleSet ruleSet, Codec codec, DecisionCache cache) {
        Serving(RuleSet ruleSet, PolicyJson.Limits limits, int cacheSize) {
            this(ruleSet, new Codec(ruleSet.vocabulary(), limits), cache(ruleSet, cacheSize));
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

    /** Rule firings allowed per evaluation unless the builder says otherwise; DH requests fire about 15. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 10_000;

    private volatile Serving serving;
    private final EvaluationLimits limits;
    private final Path directory;
    private final RuleSetLoader loader;
    private final RuleSetListener listener;
    private final DecisionLog decisionLog;
    private final PolicyJson.Limits jsonLimits;
    private final RuleSetWatcher watcher;
    private final Object reloadLock = new Object();
    private final int cacheSize;

    private ChannelPolicy(RuleSet ruleSet, EvaluationLimits limits, RuleSetLoader loader, Path directory, RuleSetListener listener,
            Duration debounce, DecisionLog decisionLog, PolicyJson.Limits jsonLimits, int cacheSize) {
        this.decisionLog = decisionLog;
        this.jsonLimits = jsonLimits;
        this.cacheSize = cacheSize;
        this.serving = new Serving(ruleSet, jsonLimits, cacheSize);
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
        Serving current = serving; // one read: the whole evaluation uses this version
        RuleSet ruleSet = current.ruleSet;
        validate(request, ruleSet);
        return recorded(request, ruleSet.decide(request, limits, current.cache), ruleSet);
    }

    /** The decision once the decision log, if any, has recorded it; INDETERMINATE if it could not be. */
    private Decision recorded(PolicyRequest request, Decision decision, RuleSet ruleSet) {
        if (decisionLog != null) {
            try {
                decisionLog.record(request, decision);
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
        RuleSet ruleSet = serving.ruleSet;
        validate(request, ruleSet);
        Trace trace = ruleSet.trace(request, limits);
        Decision decision = recorded(request, trace.decision(), ruleSet);
        return decision == trace.decision() ? trace : new Trace(decision, List.of());
    }

    /**
     * Decides a request and says why not otherwise: the rules that fired, and the smallest changes
     * to the request (another role, action, channel type, owner, or one content category more or
     * fewer) that would change the outcome, found by searching the rule set's finite vocabulary.
     * Evaluates up to a few hundred variants: for people asking why, not for a hot path.
     *
     * @param request the request
     * @return the explanation; its decision is recorded in the decision log as {@link #evaluate} records (the variants
     *     searched are not), and if it cannot be, the decision is INDETERMINATE with no rules and no alternatives
     * @throws InvalidRequestException listing every id in the request that the vocabulary does not have
     */
    public Explanation explain(PolicyRequest request) {
        Serving current = serving;
        RuleSet ruleSet = current.ruleSet;
        validate(request, ruleSet);
        Trace trace = ruleSet.trace(request, limits);
        Decision decision = recorded(request, trace.decision(), ruleSet);
        if (decision != trace.decision()) {
            return new Explanation(decision, List.of(), List.of());
        }
        List<Alternative> alternatives = new WhyNot(ruleSet.vocabulary(), variant -> ruleSet.decide(variant, limits, current.cache))
                .alternatives(request, trace.decision());
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
            serving = new Serving(next, jsonLimits, cacheSize);
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
                    List.of(Problem.at(String.valueOf(directory), "loading failed: " + Evaluator.describe(e)))));
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
        if (watcher != null) {
            watcher.close();
        }
        if (limits.executor() != null) {
            limits.executor().shutdownNow();
        }
    }

    /** Validates against the vocabulary of the version that will decide, so the two never disagree. */
    private static void validate(PolicyRequest request, RuleSet ruleSet) {
        Objects.requireNonNull(request, "request");
        List<Problem> problems = check(request, ruleSet.vocabulary());
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
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

    private static List<Problem> check(PolicyRequest request, Vocabulary vocabulary) {
        // Every request passes through here: the common case (every id known) allocates nothing.
        Owner owner = request.channel().owner();
        String type = request.channel().type();
        boolean known = vocabulary.contains(Kind.ROLES, request.actor().role())
                && vocabulary.contains(Kind.ACTIONS, request.action())
                && (type == null || vocabulary.contains(Kind.CHANNEL_TYPES, type))
                && (owner == null || vocabulary.contains(Kind.ROLES, owner.role())
                        && (owner.capacity() == null || vocabulary.contains(Kind.CAPACITIES, owner.capacity())));
        List<String> content = request.content();
        for (int i = 0; known && i < content.size(); i++) {
            known = vocabulary.contains(Kind.CONTENT, content.get(i));
        }
        if (known) {
            // Known ids may still contradict each other (a corporate channel with a named owner): the manifest's
            // constraints say so, here, in the one validator, so no rule ever decides a contradictory request.
            return vocabulary.contradictions(request);
        }
        List<Problem> problems = new ArrayList<>();
        vocabulary.check(Kind.ROLES, request.actor().role(), "$.actor.role").ifPresent(problems::add);
        vocabulary.check(Kind.ACTIONS, request.action(), "$.action").ifPresent(problems::add);
        if (type != null) {
            vocabulary.check(Kind.CHANNEL_TYPES, type, "$.channel.type").ifPresent(problems::add);
        }
        if (owner != null) {
            vocabulary.check(Kind.ROLES, owner.role(), "$.channel.owner.role").ifPresent(problems::add);
            if (owner.capacity() != null) {
                vocabulary.check(Kind.CAPACITIES, owner.capacity(), "$.channel.owner.capacity").ifPresent(problems::add);
            }
        }
        for (int i = 0; i < content.size(); i++) {
            vocabulary.check(Kind.CONTENT, content.get(i), "$.content[" + i + "]").ifPresent(problems::add);
        }
        return problems;
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
        private boolean verifyFileDigests = true;
        private boolean checkProfile = true;
        private boolean forAuthoring;
        private DecisionLog decisionLog;
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
         * still records every call. {@link ChannelPolicy#trace} always evaluates.
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
         * Records one line in an audit log for every decision {@link ChannelPolicy#evaluate}, {@link ChannelPolicy#trace}
         * and {@link ChannelPolicy#explain} give (not for the variants {@code explain} searches). If a record cannot be
         * written, that decision is INDETERMINATE; the next one tries the log again.
         *
         * @param log the log; the policy does not close it
         * @return this builder
         */
        public Builder decisionLog(DecisionLog log) {
            this.decisionLog = Objects.requireNonNull(log, "log");
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
            RuleSet ruleSet = ruleSetId != null ? loader.fromClasspath(ruleSetId) : loader.fromDirectory(ruleSetDirectory);
            return new ChannelPolicy(ruleSet, new EvaluationLimits(maxRuleFirings, evaluationTimeout,
                    evaluationTimeout == null ? null : evaluationThreads(evaluationThreads)), loader, ruleSetDirectory, listener,
                    watchDebounce, decisionLog, jsonLimits, decisionCacheSize);
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
