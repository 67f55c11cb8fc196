package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.kie.api.definition.rule.Rule;
import uk.gov.channelpolicy.facts.DeclaredEffect;

/**
 * What the rules of one bare Drools evaluation found, as the naive and pooled Drools subjects record it: one record per
 * firing of a rule that declares an {@code @effect}, made by the subject's listener as the rule fires. A fresh one per
 * evaluation, so it is never shared between threads. A rule says only <em>what</em> it finds, in its annotations, and its
 * consequence holds no engine plumbing, so any user of the rule files records findings this way. (The library's engine
 * records its own, by the rule's parts, in a record kept with each session.)
 *
 * <pre>
 * rule "Civil-service resources are not used for partisan purposes"
 *     &#64;effect("deny")
 *     ...
 * </pre>
 */
public final class Findings {

    /**
     * One report from one rule firing.
     *
     * @param kind what was reported
     * @param rule the rule that fired, as the engine knows it (its id is in its metadata)
     * @param value the id the finding names (channel type, code, principle, role), or null
     */
    public record Finding(DeclaredEffect kind, Rule rule, String value) {
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
        // a subject creates one per evaluation
    }

    /**
     * Records what a firing rule found, as its {@code @effect} declares. The subject's listener calls this when a
     * rule fires; rules never do.
     *
     * @param kind what the rule found
     * @param rule the rule, as the engine knows it
     * @param value the id the finding names (channel type, code, principle, role), or null
     */
    public void record(DeclaredEffect kind, Rule rule, String value) {
        // The rule object, not its name: no string is built or hashed per finding on the hot path.
        findings.add(new Finding(kind, rule, value));
    }

    /**
     * Everything reported so far, in firing order.
     *
     * @return an unmodifiable view
     */
    public List<Finding> all() {
        return Collections.unmodifiableList(findings);
    }

}
