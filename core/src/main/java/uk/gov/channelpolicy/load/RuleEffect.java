package uk.gov.channelpolicy.load;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.facts.DeclaredEffect;

/**
 * What a rule finds when it fires, as its {@code @effect} annotation declares, with the id its
 * {@code @value} names: a literal id, or the value of one of the rule's bindings. A rule reads as
 * guidance, and the engine, not the rule's consequence, records the finding.
 *
 * <pre>
 * rule "Civil-service resources are not used for partisan purposes"
 *     &#64;effect("deny")
 * ...
 * rule "Personal channels are subject to the Civil Service Code"
 *     &#64;effect("code") &#64;value("civil-service-code")
 * </pre>
 *
 * @param kind the kind of finding
 * @param value the id the finding names, or null (also null when it comes from a binding)
 * @param binding the binding whose value is the id, e.g. {@code $type}, or null
 * @param outcomes for advice, the outcomes it applies to ({@code @outcomes("permit, deny")}): a decision with
 *     another outcome does not carry it; empty for every other effect
 */
public record RuleEffect(DeclaredEffect kind, String value, String binding, java.util.Set<Outcome> outcomes) {

    /** The effects a rule may declare, in the order the docs list them. */
    static final List<String> NAMES = List.of("permit", "deny", "channel-type", "code", "obligation", "advice", "responsibility");

    private static final Map<String, DeclaredEffect> KINDS = Map.of("permit", DeclaredEffect.PERMIT, "deny", DeclaredEffect.DENY,
            "channel-type", DeclaredEffect.CHANNEL_TYPE, "code", DeclaredEffect.CODE, "obligation", DeclaredEffect.OBLIGATION,
            "advice", DeclaredEffect.ADVICE, "responsibility", DeclaredEffect.RESPONSIBILITY);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern BINDING = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]*");

    /** The outcomes advice may declare it applies to, as {@code @outcomes} spells them. */
    static final Map<String, Outcome> OUTCOMES = Map.of("permit", Outcome.PERMIT, "deny", Outcome.DENY,
            "not-applicable", Outcome.NOT_APPLICABLE);

    /**
     * What is wrong with an {@code @effect}, its {@code @value} and its {@code @outcomes}, or null when they fit.
     *
     * @param effect the effect's name
     * @param value the value, or null
     * @param outcomes the {@code @outcomes} text, or null
     * @return a problem in words, or null
     */
    static String problem(String effect, String value, String outcomes) {
        DeclaredEffect kind = KINDS.get(effect);
        if (kind == null) {
            return "@effect(\"" + effect + "\") is not an effect";
        }
        if (kind == DeclaredEffect.ADVICE && outcomes == null) {
            return "@effect(\"advice\") needs @outcomes(\"...\"), the outcomes it applies to, from " + OUTCOMES.keySet().stream().sorted().toList()
                    + ": advice on a refusal must help the asker do the right thing instead";
        }
        if (kind != DeclaredEffect.ADVICE && outcomes != null) {
            return "@outcomes is only for @effect(\"advice\")";
        }
        if (outcomes != null) {
            String wrong = outcomesProblem(outcomes);
            if (wrong != null) {
                return wrong;
            }
        }
        boolean needsValue = kind == DeclaredEffect.CHANNEL_TYPE || kind == DeclaredEffect.CODE || kind == DeclaredEffect.RESPONSIBILITY;
        boolean takesValue = needsValue || kind == DeclaredEffect.ADVICE;
        if (needsValue && value == null) {
            return "@effect(\"" + effect + "\") needs @value(\"id\") or @value(\"$binding\")";
        }
        if (!takesValue && value != null) {
            return "@effect(\"" + effect + "\") takes no @value";
        }
        if (value != null && !ID.matcher(value).matches() && !BINDING.matcher(value).matches()) {
            return "@value(\"" + value + "\") is neither an id nor a $binding";
        }
        return null;
    }

    private static String outcomesProblem(String outcomes) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : outcomes.split(",", -1)) {
            String name = part.strip();
            if (!OUTCOMES.containsKey(name)) {
                return "@outcomes(\"" + outcomes + "\") has \"" + name + "\", which is not one of " + OUTCOMES.keySet().stream().sorted().toList()
                        + " (comma-separated)";
            }
            if (!seen.add(name)) {
                return "@outcomes(\"" + outcomes + "\") lists \"" + name + "\" twice";
            }
        }
        return null;
    }

    /**
     * The effect a compiled rule's metadata declares.
     *
     * @param effect the {@code effect} metadata, or null
     * @param value the {@code value} metadata, or null
     * @param outcomes the {@code outcomes} metadata, or null
     * @return the effect, or null for a rule that only classifies
     * @throws IllegalArgumentException when they do not fit ({@link #problem})
     */
    static RuleEffect of(String effect, String value, String outcomes) {
        if (effect == null) {
            if (outcomes != null) {
                throw new IllegalArgumentException("@outcomes is only for @effect(\"advice\")");
            }
            return null;
        }
        String problem = problem(effect, value, outcomes);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        boolean bound = value != null && value.startsWith("$");
        java.util.Set<Outcome> applies = java.util.EnumSet.noneOf(Outcome.class);
        if (outcomes != null) {
            for (String part : outcomes.split(",")) {
                applies.add(OUTCOMES.get(part.strip()));
            }
        }
        return new RuleEffect(KINDS.get(effect), bound ? null : value, bound ? value : null, java.util.Collections.unmodifiableSet(applies));
    }

    /**
     * Whether a decision with this outcome carries what the rule finds: always, except advice declared for other outcomes.
     *
     * @param outcome the decision's outcome
     * @return true when the finding belongs in the decision
     */
    public boolean appliesTo(Outcome outcome) {
        return kind != DeclaredEffect.ADVICE || outcomes.contains(outcome);
    }
}
