package uk.gov.channelpolicy.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * What the rules of one evaluation report. Bound as the global {@code findings}; a fresh one per
 * evaluation, so it is never shared between threads. Each call records the firing rule, from
 * whose metadata the library reads the rule's id, description and citation: a rule
 * says only <em>what</em> it finds, never retypes who it is.
 *
 * <pre>
 * then
 *     findings.deny(kcontext);
 * </pre>
 */
public final class Findings {

    /** The kinds of finding a rule can report. */
    public enum Kind {
        /** The rule permits the action. */
        PERMIT,
        /** The rule denies the action. */
        DENY,
        /** The channel is of the type named by the value. */
        CHANNEL_TYPE,
        /** The code named by the value applies. */
        CODE,
        /** The rule's description is an obligation if the action goes ahead. */
        OBLIGATION,
        /** The rule's description is advice; the value names a principle or is null. */
        ADVICE,
        /** The work belongs to the role named by the value. */
        RESPONSIBILITY
    }

    /**
     * One report from one rule firing.
     *
     * @param kind what was reported
     * @param rule the rule that fired, as the engine knows it (its id is in its metadata)
     * @param value the id the finding names (channel type, code, principle, role), or null
     */
    public record Finding(Kind kind, Rule rule, String value) {
        /**
         * Checks the required parts.
         *
         * @param kind what was reported
         * @param rule the rule that fired, as the engine knows it (its id is in its metadata)
         * @param value the id the finding names (channel type, code, principle, role), or null
         */
        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * The package and name of the rule that fired, as {@code package:name}.
         *
         * @return the rule's qualified name
         */
        public String ruleName() {
            return rule.getPackageName() + ':' + rule.getName();
        }
    }

    private final List<Finding> findings = new ArrayList<>(16);

    /** Creates an empty collector for one evaluation. */
    public Findings() {
        // the library creates one per evaluation
    }

    /**
     * The firing rule permits the action.
     *
     * @param kcontext the rule context ({@code kcontext} in DRL)
     */
    public void permit(RuleContext kcontext) {
        add(Kind.PERMIT, kcontext, null);
    }

    /**
     * The firing rule denies the action.
     *
     * @param kcontext the rule context ({@code kcontext} in DRL)
     */
    public void deny(RuleContext kcontext) {
        add(Kind.DENY, kcontext, null);
    }

    /**
     * The channel is of this type.
     *
     * @param kcontext the rule context
     * @param channelType a channel-type id
     */
    public void channelType(RuleContext kcontext, String channelType) {
        add(Kind.CHANNEL_TYPE, kcontext, Objects.requireNonNull(channelType, "channelType"));
    }

    /**
     * This code of conduct applies.
     *
     * @param kcontext the rule context
     * @param code a code id
     */
    public void code(RuleContext kcontext, String code) {
        add(Kind.CODE, kcontext, Objects.requireNonNull(code, "code"));
    }

    /**
     * The firing rule's description is an obligation if the action goes ahead.
     *
     * @param kcontext the rule context
     */
    public void obligation(RuleContext kcontext) {
        add(Kind.OBLIGATION, kcontext, null);
    }

    /**
     * The firing rule's description is advice that applies the given principle.
     *
     * @param kcontext the rule context
     * @param principle a principle id
     */
    public void principle(RuleContext kcontext, String principle) {
        add(Kind.ADVICE, kcontext, Objects.requireNonNull(principle, "principle"));
    }

    /**
     * The firing rule's description is advice that is not one of the principles.
     *
     * @param kcontext the rule context
     */
    public void advice(RuleContext kcontext) {
        add(Kind.ADVICE, kcontext, null);
    }

    /**
     * The requested work belongs to this role.
     *
     * @param kcontext the rule context
     * @param role a role id
     */
    public void responsibility(RuleContext kcontext, String role) {
        add(Kind.RESPONSIBILITY, kcontext, Objects.requireNonNull(role, "role"));
    }

    /**
     * Everything reported so far, in firing order.
     *
     * @return an unmodifiable view
     */
    public List<Finding> all() {
        return Collections.unmodifiableList(findings);
    }

    private void add(Kind kind, RuleContext kcontext, String value) {
        // The rule object, not its name: no string is built or hashed per finding on the hot path.
        findings.add(new Finding(kind, kcontext.getRule(), value));
    }
}
