package uk.gov.channelpolicy.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Every decision of a rule set, computed ahead by its rules over the whole rule-visible domain: a slot per
 * {@link DomainIndex} index holding the ready {@link Decision} (explanation included for NOT_APPLICABLE), or nothing for
 * a combination the vocabulary's constraints refuse. Deciding a request is then an index and two array reads.
 *
 * <p>A table exists only for a rule set whose rules read nothing but the request (its decisions are a function of the
 * rule-visible request) and whose domain is at most {@value #MAX_SIZE} combinations. It is computed by the engine
 * itself ({@link #compute}): at packaging time for a precompiled rule-set jar, which ships it ({@link #write}), or in the
 * background after a policy is built from a directory. A shipped table is read back ({@link #read}) only for the rule
 * set it was computed for: the same id, version, digest and rule-visible vocabulary, else it is refused.
 *
 * <p>Decisions are kept once each (a palette) and slots refer to them by number: DH's 282,100 combinations hold a few
 * thousand distinct decisions.
 */
public final class DecisionTable {
    /** The most combinations a table is computed for; larger domains are served by the engine. */
    public static final long MAX_SIZE = 4_000_000L;
    /** Where a precompiled rule-set jar keeps its table: {@code META-INF/channel-policy/<id>.decisions}. */
    public static final String RESOURCE_PREFIX = "META-INF/channel-policy/";
    /** The file name suffix of a shipped table. */
    public static final String RESOURCE_SUFFIX = ".decisions";
    private static final int MAGIC = 0x43504454; // "CPDT"
    private static final int FORMAT = 1;
    private static final int REFUSED = -1;

    private final RuleSetIdentity identity;
    private final DomainIndex index;
    private final int[] slots;
    private final Decision[] palette;

    private DecisionTable(RuleSetIdentity identity, DomainIndex index, int[] slots, Decision[] palette) {
        this.identity = identity;
        this.index = index;
        this.slots = slots;
        this.palette = palette;
    }

    /**
     * The table's path on the classpath for a rule set id.
     *
     * @param ruleSetId the rule set's id
     * @return the resource name
     */
    public static String resource(String ruleSetId) {
        return RESOURCE_PREFIX + ruleSetId + RESOURCE_SUFFIX;
    }

    /**
     * The decision for a request, or null when the table has none: the index cannot represent it, or the vocabulary's
     * constraints refuse it (then the validator says why). A decision given here is of a valid request: every id is known
     * (the index looked each up) and no constraint refuses it (its slot is filled).
     *
     * @param request a request
     * @return the decision, or null
     */
    public Decision get(PolicyRequest request) {
        long at = index.indexOf(request);
        if (at < 0) {
            return null;
        }
        int slot = slots[(int) at];
        return slot == REFUSED ? null : palette[slot];
    }

    /**
     * Which rule set the table decides for.
     *
     * @return its identity
     */
    public RuleSetIdentity identity() {
        return identity;
    }

    /**
     * How many combinations the table covers, valid or not.
     *
     * @return the number of slots
     */
    public int size() {
        return slots.length;
    }

    /**
     * How many distinct decisions the slots share.
     *
     * @return the palette's size
     */
    public int distinctDecisions() {
        return palette.length;
    }

    /**
     * How many slots hold a decision: the valid requests of the domain.
     *
     * @return the number of filled slots
     */
    public long decided() {
        return Arrays.stream(slots).filter(slot -> slot != REFUSED).count();
    }

    /**
     * Computes the table with the engine: first every valid combination's bare decision, on every core; then each
     * NOT_APPLICABLE's explanation from those (and from the bare decisions of the refused combinations it asks about:
     * an explanation asks about its neighbours whatever they are). Refused when a combination is INDETERMINATE: a rule that fails is asked
     * again on every call, never remembered.
     *
     * @param evaluator the engine of the rule set
     * @param identity the rule set's identity
     * @param vocabulary its vocabulary
     * @param parallel whether to use every core (at packaging time) or only the calling thread (in the background of a
     *     serving policy, which must not take the cores its callers need)
     * @param cancelled asked now and then; when it says true, computing stops and this returns null
     * @return the table, or null when cancelled
     * @throws IllegalArgumentException when the domain is larger than {@value #MAX_SIZE}
     * @throws IllegalStateException when a combination's decision is INDETERMINATE, naming it
     */
    public static DecisionTable compute(Evaluator evaluator, RuleSetIdentity identity, Vocabulary vocabulary, boolean parallel,
            BooleanSupplier cancelled) {
        DomainIndex index = DomainIndex.of(vocabulary);
        if (index.size() > MAX_SIZE) {
            throw new IllegalArgumentException("the domain has " + index.size() + " combinations, more than " + MAX_SIZE);
        }
        int size = (int) index.size();
        // The same firing limit and timeout as callers' evaluations, on threads of the computation's own: a background
        // table that took the callers' bounded evaluation threads (a slow rule, stuck past its timeout) would leave a
        // caller "no evaluation thread is free".
        EvaluationLimits callers = evaluator.limits();
        java.util.concurrent.ExecutorService threads = callers.timeout() == null ? null
                : tableThreads(parallel ? Runtime.getRuntime().availableProcessors() + 1 : 1);
        EvaluationLimits limits = new EvaluationLimits(callers.maxRuleFirings(), callers.timeout(), threads);
        try {
            return compute(evaluator, limits, index, identity, vocabulary, parallel, cancelled);
        } finally {
            if (threads != null) {
                threads.shutdown(); // an evaluation stuck past its timeout finishes on its own daemon thread
            }
        }
    }

    /**
     * One thread for each thread that computes: work waits in a queue rather than being refused (a refusal would be an
     * INDETERMINATE, and no table), and an evaluation stuck past its timeout is still answered by the timeout.
     */
    private static java.util.concurrent.ExecutorService tableThreads(int threads) {
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 10,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "channel-policy-table-evaluation-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static DecisionTable compute(Evaluator evaluator, EvaluationLimits limits, DomainIndex index, RuleSetIdentity identity,
            Vocabulary vocabulary, boolean parallel, BooleanSupplier cancelled) {
        int size = (int) index.size();
        Decision[] bare = new Decision[size];
        boolean[] valid = new boolean[size];
        int chunk = 4096;
        // Every decision is kept once, as it is made: DH's 871,038 valid combinations have some 800 distinct decisions,
        // and kept one per combination (each NOT_APPLICABLE one with its explanation's text) they took more than 700 MB.
        Map<Decision, Decision> distinct = new java.util.concurrent.ConcurrentHashMap<>();
        // First every valid combination's bare decision; a combination the constraints refuse only when an explanation
        // asks about it (then remembered: a decision is immutable, so two threads computing the same one agree).
        parts(size, chunk, parallel).forEach(part -> {
            for (int at = part * chunk; at < Math.min(size, (part + 1) * chunk) && !cancelled.getAsBoolean(); at++) {
                PolicyRequest request = index.request(at);
                valid[at] = vocabulary.contradictions(request).isEmpty();
                if (valid[at]) {
                    Decision decision = evaluator.decideBare(request, limits);
                    if (decision.outcome() == Outcome.INDETERMINATE) {
                        throw new IllegalStateException("no decision table: " + request + " is INDETERMINATE: " + decision.reasons());
                    }
                    bare[at] = once(distinct, decision);
                }
            }
        });
        if (cancelled.getAsBoolean()) {
            return null;
        }
        Decision[] decided = new Decision[size];
        // What the second changes reach from each request in the domain, by its index and the field it was changed in:
        // each is asked for by the many requests one change from it that need two changes to reach a rule.
        // A slot per request and field but the last (no field follows it); the answers are immutable, so a thread that
        // misses another's answer only computes the same one again.
        @SuppressWarnings("unchecked")
        List<NotApplicableExplainer.Reached>[] secondChanges = new List[size * NotApplicableExplainer.FIELDS_FOLLOWED];
        NotApplicableExplainer.SecondChanges remembered = (changed, after, compute) -> {
            long at = index.indexOf(changed);
            if (at < 0 || after >= NotApplicableExplainer.FIELDS_FOLLOWED) {
                return compute.get();
            }
            int slot = (int) at * NotApplicableExplainer.FIELDS_FOLLOWED + after;
            List<NotApplicableExplainer.Reached> known = secondChanges[slot];
            if (known == null) {
                known = compute.get();
                secondChanges[slot] = known;
            }
            return known;
        };
        parts(size, chunk, parallel).forEach(part -> {
            for (int at = part * chunk; at < Math.min(size, (part + 1) * chunk) && !cancelled.getAsBoolean(); at++) {
                if (valid[at]) {
                    decided[at] = once(distinct, evaluator.explainedBy(index.request(at), bare[at], neighbour -> {
                        long near = index.indexOf(neighbour);
                        if (near < 0) {
                            return evaluator.decideBare(neighbour, limits);
                        }
                        Decision known = bare[(int) near];
                        if (known == null) {
                            known = once(distinct, evaluator.decideBare(neighbour, limits));
                            bare[(int) near] = known;
                        }
                        return known;
                    }, remembered));
                }
            }
        });
        if (cancelled.getAsBoolean()) {
            return null;
        }
        Map<Decision, Integer> numbers = new HashMap<>();
        List<Decision> palette = new ArrayList<>();
        int[] slots = new int[size];
        for (int at = 0; at < size; at++) {
            if (decided[at] == null) {
                slots[at] = REFUSED;
            } else {
                Integer number = numbers.get(decided[at]);
                if (number == null) {
                    number = palette.size();
                    numbers.put(decided[at], number);
                    palette.add(decided[at]);
                }
                slots[at] = number;
            }
        }
        return new DecisionTable(identity, index, slots, palette.toArray(Decision[]::new));
    }

    /** The one kept decision equal to this one: this one, if it is the first. */
    private static Decision once(Map<Decision, Decision> distinct, Decision decision) {
        Decision kept = distinct.putIfAbsent(decision, decision);
        return kept == null ? decision : kept;
    }

    private static IntStream parts(int size, int chunk, boolean parallel) {
        IntStream parts = IntStream.range(0, (size + chunk - 1) / chunk);
        return parallel ? parts.parallel() : parts;
    }

    /**
     * Writes the table, compressed, in a form only {@link #read} reads: the same table gives the same bytes.
     *
     * @param out where to write; not closed
     * @param vocabulary the vocabulary the table was computed with
     * @throws IOException when writing fails
     */
    public void write(OutputStream out, Vocabulary vocabulary) throws IOException {
        DeflaterOutputStream deflated = new DeflaterOutputStream(out);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(deflated, 1 << 16));
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(identity.id());
        data.writeUTF(identity.version());
        data.writeUTF(identity.digest());
        data.writeUTF(fingerprint(vocabulary));
        Strings strings = new Strings();
        for (Decision decision : palette) {
            strings.collect(decision);
        }
        data.writeInt(strings.list.size());
        for (String string : strings.list) {
            data.writeUTF(string);
        }
        data.writeInt(palette.length);
        for (Decision decision : palette) {
            strings.write(data, decision);
        }
        data.writeInt(slots.length);
        for (int slot : slots) {
            data.writeInt(slot);
        }
        data.flush();
        deflated.finish();
    }

    /**
     * Reads a table {@link #write} wrote, for the rule set it must belong to.
     *
     * @param in the bytes; not closed
     * @param identity the loaded rule set's identity: the table must have been computed for exactly it
     * @param vocabulary the loaded rule set's vocabulary: its rule-visible ids must be the table's
     * @return the table
     * @throws IOException when the bytes cannot be read, or are not a table for this rule set (the message says which)
     */
    public static DecisionTable read(InputStream in, RuleSetIdentity identity, Vocabulary vocabulary) throws IOException {
        return readUnchecked(in).checkedFor(identity, vocabulary);
    }

    /**
     * Reads a table's bytes before the rule set it must belong to is loaded, so that a start-up reads both side by side.
     * Nothing read here is served until {@link Unchecked#checkedFor} has matched it with the loaded rule set.
     *
     * @param in the bytes; not closed
     * @return the table as read, not yet matched with a rule set
     * @throws IOException when the bytes are not a table this library wrote
     */
    public static Unchecked readUnchecked(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(new InflaterInputStream(in, new java.util.zip.Inflater(), 1 << 16), 1 << 16));
        if (data.readInt() != MAGIC || data.readInt() != FORMAT) {
            throw new IOException("not a decision table of this library's format " + FORMAT);
        }
        RuleSetIdentity computedFor = new RuleSetIdentity(data.readUTF(), data.readUTF(), data.readUTF());
        String fingerprint = data.readUTF();
        String[] strings = new String[count(data, Integer.MAX_VALUE)];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = data.readUTF().intern();
        }
        Reader reader = new Reader(data, strings, computedFor);
        Decision[] palette = new Decision[count(data, Integer.MAX_VALUE)];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = reader.decision();
        }
        int size = count(data, Integer.MAX_VALUE / Integer.BYTES);
        // In one block: a start-up reads it before the first decision, when a loop of readInt calls is still interpreted.
        byte[] block = new byte[size * Integer.BYTES];
        data.readFully(block);
        int[] slots = new int[size];
        java.nio.ByteBuffer.wrap(block).asIntBuffer().get(slots);
        for (int i = 0; i < size; i++) {
            int slot = slots[i];
            if (slot != REFUSED && (slot < 0 || slot >= palette.length)) {
                throw new IOException("slot " + i + " names decision " + slot + " of " + palette.length);
            }
        }
        if (data.read() != -1) {
            throw new IOException("has bytes after its last slot");
        }
        return new Unchecked(computedFor, fingerprint, slots, palette);
    }

    /**
     * A table as read, and what it says it was computed for.
     *
     * @param computedFor the identity of the rule set it was computed for
     * @param fingerprint the rule-visible vocabulary it was computed for
     * @param slots its slots
     * @param palette its decisions
     */
    public record Unchecked(RuleSetIdentity computedFor, String fingerprint, int[] slots, Decision[] palette) {
        /**
         * The table, if it was computed for exactly this rule set.
         *
         * @param identity the loaded rule set's identity
         * @param vocabulary the loaded rule set's vocabulary
         * @return the table
         * @throws IOException when it was computed for another rule set or vocabulary (the message says which)
         */
        public DecisionTable checkedFor(RuleSetIdentity identity, Vocabulary vocabulary) throws IOException {
            if (!computedFor.equals(identity)) {
                throw new IOException("computed for " + computedFor + ", not for the loaded " + identity);
            }
            if (!fingerprint.equals(DecisionTable.fingerprint(vocabulary))) {
                throw new IOException("computed for another vocabulary than the loaded rule set's");
            }
            DomainIndex index = DomainIndex.of(vocabulary);
            if (slots.length != index.size()) {
                throw new IOException("has " + slots.length + " slots, but the vocabulary's domain has " + index.size());
            }
            return new DecisionTable(identity, index, slots, palette);
        }
    }

    private static int count(DataInputStream data, int max) throws IOException {
        int count = data.readInt();
        if (count < 0 || count > max) {
            throw new IOException("a count of " + count + " is out of range");
        }
        return count;
    }

    /** The rule-visible ids, kind by kind, in order, and the actions that take a source: a table's slots mean nothing for any other. */
    private static String fingerprint(Vocabulary vocabulary) {
        StringBuilder text = new StringBuilder();
        for (Vocabulary.Kind kind : List.of(Vocabulary.Kind.ROLES, Vocabulary.Kind.CHANNEL_TYPES, Vocabulary.Kind.CAPACITIES,
                Vocabulary.Kind.ACTIONS, Vocabulary.Kind.CONTENT)) {
            text.append(kind.key()).append('=').append(String.join(",", vocabulary.ids(kind))).append(';');
        }
        text.append("sources=").append(String.join(",", vocabulary.ids(Vocabulary.Kind.ACTIONS).stream()
                .filter(vocabulary::takesSource).toList())).append(';');
        return text.toString();
    }

    /** The string pool: every text of the palette once, in first-seen order. */
    private static final class Strings {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> numbers = new HashMap<>();

        void collect(Decision decision) {
            add(decision.channelType());
            decision.codes().forEach(this::add);
            for (Reason reason : decision.reasons()) {
                add(reason.rule());
                add(reason.message());
                add(reason.citation());
            }
            for (Obligation obligation : decision.obligations()) {
                add(obligation.rule());
                add(obligation.message());
                add(obligation.citation());
            }
            for (Advice advice : decision.advice()) {
                add(advice.rule());
                add(advice.principle());
                add(advice.message());
                add(advice.citation());
            }
            for (Responsibility responsibility : decision.responsibilities()) {
                add(responsibility.role());
                add(responsibility.rule());
                add(responsibility.message());
                add(responsibility.citation());
            }
            Decision.NotApplicable why = decision.notApplicable();
            if (why != null) {
                add(why.summary());
                why.whoseWork().forEach(this::add);
                for (Decision.ClosestRule closest : why.closest()) {
                    add(closest.rule());
                    add(closest.message());
                    closest.lacking().forEach(this::add);
                    add(closest.citation());
                }
            }
        }

        private void add(Citation citation) {
            add(citation.source());
            add(citation.section());
            add(citation.quote());
        }

        private void add(String string) {
            if (string != null && !numbers.containsKey(string)) {
                numbers.put(string, list.size());
                list.add(string);
            }
        }

        private void string(DataOutputStream data, String string) throws IOException {
            data.writeInt(string == null ? -1 : numbers.get(string));
        }

        private void strings(DataOutputStream data, List<String> strings) throws IOException {
            data.writeInt(strings.size());
            for (String string : strings) {
                string(data, string);
            }
        }

        private void citation(DataOutputStream data, Citation citation) throws IOException {
            string(data, citation.source());
            string(data, citation.section());
            string(data, citation.quote());
        }

        void write(DataOutputStream data, Decision decision) throws IOException {
            data.writeByte(decision.outcome().ordinal());
            string(data, decision.channelType());
            strings(data, decision.codes());
            data.writeInt(decision.reasons().size());
            for (Reason reason : decision.reasons()) {
                string(data, reason.rule());
                data.writeByte(reason.effect().ordinal());
                string(data, reason.message());
                citation(data, reason.citation());
            }
            data.writeInt(decision.obligations().size());
            for (Obligation obligation : decision.obligations()) {
                string(data, obligation.rule());
                string(data, obligation.message());
                citation(data, obligation.citation());
            }
            data.writeInt(decision.advice().size());
            for (Advice advice : decision.advice()) {
                string(data, advice.rule());
                string(data, advice.principle());
                string(data, advice.message());
                citation(data, advice.citation());
            }
            data.writeInt(decision.responsibilities().size());
            for (Responsibility responsibility : decision.responsibilities()) {
                string(data, responsibility.role());
                string(data, responsibility.rule());
                string(data, responsibility.message());
                citation(data, responsibility.citation());
            }
            Decision.NotApplicable why = decision.notApplicable();
            data.writeBoolean(why != null);
            if (why != null) {
                string(data, why.summary());
                strings(data, why.whoseWork());
                data.writeInt(why.closest().size());
                for (Decision.ClosestRule closest : why.closest()) {
                    string(data, closest.rule());
                    data.writeByte(closest.effect().ordinal());
                    string(data, closest.message());
                    strings(data, closest.lacking());
                    citation(data, closest.citation());
                }
            }
        }
    }

    /** Reads decisions back, checking every number against what it indexes; equal parts are made once. */
    private static final class Reader {
        private static final int MAX_LIST = 1_000;
        private final DataInputStream data;
        private final String[] strings;
        private final RuleSetIdentity identity;
        private final Map<Object, Object> made = new HashMap<>();

        Reader(DataInputStream data, String[] strings, RuleSetIdentity identity) {
            this.data = data;
            this.strings = strings;
            this.identity = identity;
        }

        @SuppressWarnings("unchecked")
        private <T> T once(T value) {
            return (T) made.computeIfAbsent(value, v -> v);
        }

        private String string() throws IOException {
            int number = data.readInt();
            if (number == -1) {
                return null;
            }
            if (number < 0 || number >= strings.length) {
                throw new IOException("names text " + number + " of " + strings.length);
            }
            return strings[number];
        }

        private String required() throws IOException {
            return Objects.requireNonNull(string(), "a required text is missing");
        }

        private List<String> strings() throws IOException {
            int size = count(data, MAX_LIST);
            List<String> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(required());
            }
            return once(List.copyOf(list));
        }

        private <E extends Enum<E>> E constant(E[] values) throws IOException {
            int ordinal = data.readUnsignedByte();
            if (ordinal >= values.length) {
                throw new IOException("names constant " + ordinal + " of " + values.length);
            }
            return values[ordinal];
        }

        private Citation citation() throws IOException {
            return once(new Citation(string(), string(), string()));
        }

        Decision decision() throws IOException {
            try {
                Outcome outcome = constant(Outcome.values());
                String channelType = string();
                List<String> codes = strings();
                List<Reason> reasons = new ArrayList<>();
                for (int i = count(data, MAX_LIST); i > 0; i--) {
                    reasons.add(once(new Reason(required(), constant(Effect.values()), required(), citation())));
                }
                List<Obligation> obligations = new ArrayList<>();
                for (int i = count(data, MAX_LIST); i > 0; i--) {
                    obligations.add(once(new Obligation(required(), required(), citation())));
                }
                List<Advice> advice = new ArrayList<>();
                for (int i = count(data, MAX_LIST); i > 0; i--) {
                    advice.add(once(new Advice(required(), string(), required(), citation())));
                }
                List<Responsibility> responsibilities = new ArrayList<>();
                for (int i = count(data, MAX_LIST); i > 0; i--) {
                    responsibilities.add(once(new Responsibility(required(), required(), required(), citation())));
                }
                Decision.NotApplicable why = null;
                if (data.readBoolean()) {
                    String summary = required();
                    List<String> whoseWork = strings();
                    List<Decision.ClosestRule> closest = new ArrayList<>();
                    for (int i = count(data, Decision.NotApplicable.MAX_CLOSEST); i > 0; i--) {
                        closest.add(once(new Decision.ClosestRule(required(), constant(Effect.values()), required(), strings(), citation())));
                    }
                    why = new Decision.NotApplicable(summary, whoseWork, closest);
                }
                return new Decision(outcome, channelType, codes, reasons, obligations, advice, responsibilities, identity, why);
            } catch (RuntimeException e) {
                // A record's own checks (an obligation on a DENY, a missing text): the bytes are not a table we wrote.
                throw new IOException("holds a decision the library would not make: " + e.getMessage(), e);
            }
        }
    }
}
