package uk.gov.channelpolicy.engine;

import java.util.Arrays;
import java.util.Objects;
import org.kie.api.definition.rule.Rule;

/**
 * What the rules of one evaluation found, in firing order: for each firing of a rule that declares an {@code @effect},
 * the rule's parts and the id the finding names (a channel type, code, principle or role; null when there is none).
 * The engine records them as rules fire; rules never do. One is kept with each session and cleared for each evaluation,
 * so recording allocates nothing.
 *
 * <p>A decision is a function of its findings alone, so findings are also the key an evaluator remembers assembled
 * decisions by: two are equal when the same rules found the same ids in the same order. A key is a {@link #copy()},
 * never changed; a session's own recording is only ever looked up with.
 */
final class Firings {
    private RuleParts[] rules;
    private String[] values;
    private int size;
    private int hash;
    /** A rule that fired but that the rule set does not list, or null: its evaluation fails closed. */
    private Rule unlisted;

    Firings() {
        this(new RuleParts[16], new String[16], 0, 1);
    }

    private Firings(RuleParts[] rules, String[] values, int size, int hash) {
        this.rules = rules;
        this.values = values;
        this.size = size;
        this.hash = hash;
    }

    /** Forgets the last evaluation's findings. */
    void clear() {
        Arrays.fill(values, 0, size, null);
        Arrays.fill(rules, 0, size, null);
        size = 0;
        hash = 1;
        unlisted = null;
    }

    /**
     * Records one finding.
     *
     * @param rule the parts of the rule that found it
     * @param value the id it names, or null
     */
    void add(RuleParts rule, String value) {
        if (size == rules.length) {
            rules = Arrays.copyOf(rules, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        rules[size] = rule;
        values[size] = value;
        size++;
        hash = 31 * (31 * hash + System.identityHashCode(rule)) + Objects.hashCode(value);
    }

    /**
     * Notes a rule that fired although the rule set does not list it.
     *
     * @param rule the rule, as the engine knows it
     */
    void unlisted(Rule rule) {
        if (unlisted == null) {
            unlisted = rule;
        }
    }

    /** The rule that fired unlisted, or null. */
    Rule unlisted() {
        return unlisted;
    }

    int size() {
        return size;
    }

    RuleParts rule(int i) {
        return rules[i];
    }

    String value(int i) {
        return values[i];
    }

    /** These findings as a key that never changes. */
    Firings copy() {
        return new Firings(Arrays.copyOf(rules, size), Arrays.copyOf(values, size), size, hash);
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof Firings that) || that.size != size || that.hash != hash || that.unlisted != null || unlisted != null) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (rules[i] != that.rules[i] || !Objects.equals(values[i], that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
