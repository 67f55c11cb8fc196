package uk.gov.channelpolicy.load;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 */
public record RuleEffect(DeclaredEffect kind, String value, String binding) {

    /** The effects a rule may declare, in the order the docs list them. */
    static final List<String> NAMES = List.of("permit", "deny", "channel-type", "code", "obligation", "advice", "responsibility");

    private static final Map<String, DeclaredEffect> KINDS = Map.of("permit", DeclaredEffect.PERMIT, "deny", DeclaredEffect.DENY,
            "channel-type", DeclaredEffect.CHANNEL_TYPE, "code", DeclaredEffect.CODE, "obligation", DeclaredEffect.OBLIGATION,
            "advice", DeclaredEffect.ADVICE, "responsibility", DeclaredEffect.RESPONSIBILITY);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern BINDING = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]*");

    /**
     * What is wrong with an {@code @effect} and its {@code @value}, or null when they fit.
     *
     * @param effect the effect's name
     * @param value the value, or null
     * @return a problem in words, or null
     */
    static String problem(String effect, String value) {
        DeclaredEffect kind = KINDS.get(effect);
        if (kind == null) {
            return "@effect(\"" + effect + "\") is not an effect";
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

    /**
     * The effect a compiled rule's metadata declares.
     *
     * @param effect the {@code effect} metadata, or null
     * @param value the {@code value} metadata, or null
     * @return the effect, or null for a rule that only classifies
     * @throws IllegalArgumentException when they do not fit ({@link #problem})
     */
    static RuleEffect of(String effect, String value) {
        if (effect == null) {
            return null;
        }
        String problem = problem(effect, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        boolean bound = value != null && value.startsWith("$");
        return new RuleEffect(KINDS.get(effect), bound ? null : value, bound ? value : null);
    }
}
