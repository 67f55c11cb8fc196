package uk.gov.channelpolicy.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision.ClosestRule;
import uk.gov.channelpolicy.Decision.NotApplicable;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * Writes a decision's JSON straight to UTF-8 bytes, byte for byte what the tree writer gives (the contract's field
 * order, Jackson's escaping: {@code DecisionWriterTest} checks it), without building a tree or a string.
 *
 * <p>A decision is made of parts a rule set has a few hundred of at most (a reason, an obligation, a citation, the
 * rule set's identity), shared objects made when the rule set loads, so each part's bytes are kept once written, keyed
 * by the part's identity: writing a decision is then mostly copying. A decision given again as the same object (from
 * the decision table or the cache) is kept whole. Text that belongs to one decision (a not-applicable summary) is encoded each time. The parts
 * kept are bounded, so a rule set with unbounded text cannot make them grow without limit. Thread-safe.
 */
final class DecisionWriter {
    /** Parts kept at most before starting afresh: far more than a rule set has. */
    private static final int MAX_PARTS = 8_192;
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    /** Decisions kept at most before starting afresh: a decision table of a rule set has hundreds or thousands. */
    private static final int MAX_DECISIONS = 4_096;

    private final Map<Identity, byte[]> parts = new ConcurrentHashMap<>();
    /**
     * Whole decisions' bytes, by identity: a decision table (and the decision cache) gives the same immutable
     * {@code Decision} object for every request that maps to it, so writing it again is one lookup and a copy. A
     * decision made afresh each time is written from its parts and displaces nothing for long: the map is bounded.
     */
    private final Map<Identity, byte[]> decisions = new ConcurrentHashMap<>();

    /**
     * A key comparing by identity: the parts and decisions a rule set gives are shared immutable objects, and hashing
     * one by value (a reason's citation, a closest rule's lists) cost more than writing it. An equal part that is not the
     * same object is written again, which is correct, only slower.
     */
    private record Identity(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** A growable buffer of bytes, one per thread. */
    static final class Utf8 {
        private byte[] bytes = new byte[4096];
        private int length;

        void reset() {
            length = 0;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        void add(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
        }

        void add(char ascii) {
            ensure(1);
            bytes[length++] = (byte) ascii;
        }

        void add(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
        }

        /** Ascii text (a key, with what comes before it), then a string value, quoted and escaped. */
        void field(String ascii, String text) {
            add(ascii);
            quoted(text);
        }

        void quoted(String text) {
            if (text == null) {
                add("null");
                return;
            }
            add('"');
            add(plain(text) ? text.getBytes(StandardCharsets.UTF_8) : ENCODER.quoteAsUTF8(text));
            add('"');
        }

        /**
         * Whether Jackson would write the text as it is, in UTF-8: no control character, quote or backslash to escape,
         * and no lone surrogate (which only Jackson's encoder handles as Jackson does). Most text is plain, and the JDK's
         * own encoder then copies it much faster than an escaping encoder can.
         */
        private static boolean plain(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    private final ThreadLocal<Utf8> buffers = ThreadLocal.withInitial(Utf8::new);

    /**
     * The decision's JSON in this thread's buffer, valid until the thread writes again.
     *
     * @param decision the decision
     * @return the buffer
     * @throws IllegalArgumentException for text with a lone surrogate (Jackson's encoder refuses it; its generator
     *     does not), which the caller writes through the tree instead
     */
    Utf8 write(Decision decision) {
        Utf8 out = buffers.get();
        out.reset();
        Identity key = new Identity(decision);
        byte[] kept = decisions.get(key);
        if (kept != null) {
            out.add(kept);
            return out;
        }
        render(out, decision);
        if (decisions.size() >= MAX_DECISIONS) {
            decisions.clear();
        }
        decisions.put(key, out.toByteArray());
        return out;
    }

    private void render(Utf8 out, Decision decision) {
        out.add("{\"outcome\":");
        out.add(part(decision.outcome().name()));
        out.field(",\"channelType\":", decision.channelType());
        out.add(",\"codes\":");
        strings(out, decision.codes());
        out.add(",\"reasons\":");
        list(out, decision.reasons());
        out.add(",\"obligations\":");
        list(out, decision.obligations());
        out.add(",\"advice\":");
        list(out, decision.advice());
        out.add(",\"responsibilities\":");
        list(out, decision.responsibilities());
        if (decision.notApplicable() != null) {
            out.add(",\"notApplicable\":");
            notApplicable(out, decision.notApplicable());
        }
        out.add(",\"ruleSet\":");
        out.add(part(decision.ruleSet()));
        out.add('}');
    }

    private void notApplicable(Utf8 out, NotApplicable explanation) {
        out.field("{\"summary\":", explanation.summary());
        out.add(",\"whoseWork\":");
        strings(out, explanation.whoseWork());
        out.add(",\"closest\":");
        list(out, explanation.closest());
        out.add('}');
    }

    private void strings(Utf8 out, List<String> values) {
        out.add('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.add(',');
            }
            out.add(part(values.get(i)));
        }
        out.add(']');
    }

    private void list(Utf8 out, List<?> values) {
        out.add('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.add(',');
            }
            out.add(part(values.get(i)));
        }
        out.add(']');
    }

    /** A part's bytes, written once. */
    private byte[] part(Object value) {
        if (value == null) {
            return NULL;
        }
        Identity key = new Identity(value);
        byte[] bytes = parts.get(key);
        if (bytes == null) {
            bytes = render(value);
            if (parts.size() >= MAX_PARTS) {
                parts.clear();
            }
            parts.put(key, bytes);
        }
        return bytes;
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static byte[] render(Object value) {
        Utf8 out = new Utf8();
        if (value instanceof String text) {
            out.quoted(text);
        } else if (value instanceof Reason reason) {
            out.field("{\"rule\":", reason.rule());
            out.field(",\"effect\":", reason.effect().name());
            out.field(",\"message\":", reason.message());
            citation(out, reason.citation());
        } else if (value instanceof Obligation obligation) {
            out.field("{\"rule\":", obligation.rule());
            out.field(",\"message\":", obligation.message());
            citation(out, obligation.citation());
        } else if (value instanceof Advice advice) {
            out.field("{\"rule\":", advice.rule());
            if (advice.principle() != null) {
                out.field(",\"principle\":", advice.principle());
            }
            out.field(",\"message\":", advice.message());
            citation(out, advice.citation());
        } else if (value instanceof Responsibility responsibility) {
            out.field("{\"role\":", responsibility.role());
            out.field(",\"rule\":", responsibility.rule());
            out.field(",\"message\":", responsibility.message());
            citation(out, responsibility.citation());
        } else if (value instanceof ClosestRule rule) {
            out.field("{\"rule\":", rule.rule());
            out.field(",\"effect\":", rule.effect().name());
            out.field(",\"message\":", rule.message());
            out.add(",\"lacking\":[");
            for (int i = 0; i < rule.lacking().size(); i++) {
                if (i > 0) {
                    out.add(',');
                }
                out.quoted(rule.lacking().get(i));
            }
            out.add(']');
            citation(out, rule.citation());
        } else if (value instanceof RuleSetIdentity identity) {
            out.field("{\"id\":", identity.id());
            out.field(",\"version\":", identity.version());
            out.field(",\"digest\":", identity.digest());
            out.add('}');
        } else {
            throw new IllegalArgumentException("not a part of a decision: " + value.getClass().getName());
        }
        return out.toByteArray();
    }

    /** The citation and the closing brace of the object it ends. */
    private static void citation(Utf8 out, Citation citation) {
        out.field(",\"citation\":{\"source\":", citation.source());
        out.field(",\"section\":", citation.section());
        out.field(",\"quote\":", citation.quote());
        out.add("}}");
    }
}
