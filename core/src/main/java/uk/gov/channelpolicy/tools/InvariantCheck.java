package uk.gov.channelpolicy.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Invariant;
import uk.gov.channelpolicy.load.RuleSet;

/**
 * The invariants a rule set declares (its own and its base's), checked over its whole request domain.
 *
 * @param ruleSet the rule set checked
 * @param domainSize how many requests were evaluated
 * @param results one result per invariant, in manifest order (a base's first)
 */
public record InvariantCheck(RuleSetIdentity ruleSet, long domainSize, List<Result> results) {

    /**
     * How one invariant fared.
     *
     * @param invariant the invariant
     * @param selected how many requests it applied to
     * @param violations how many of those broke it
     * @param example the first request that broke it, or {@code null}
     * @param decision the decision for that request, or {@code null}
     * @param why what was wrong with that decision, or {@code null}
     */
    public record Result(Invariant invariant, long selected, long violations, PolicyRequest example, Decision decision, String why) {
        /**
         * Checks the invariant is given.
         *
         * @param invariant the invariant
         * @param selected requests selected
         * @param violations requests that broke it
         * @param example first counterexample or null
         * @param decision its decision or null
         * @param why what was wrong or null
         */
        public Result {
            Objects.requireNonNull(invariant, "invariant");
        }

        /**
         * Whether the invariant held for every selected request.
         *
         * @return true when it held
         */
        public boolean holds() {
            return violations == 0;
        }
    }

    /**
     * Copies the components.
     *
     * @param ruleSet the identity
     * @param domainSize the domain size
     * @param results the results
     */
    public InvariantCheck {
        results = List.copyOf(results);
    }

    /**
     * Whether every invariant held.
     *
     * @return true when none was broken
     */
    public boolean holds() {
        return results.stream().allMatch(Result::holds);
    }

    /**
     * Checks a policy's invariants over its whole domain.
     *
     * @param policy the policy
     * @return the check
     */
    public static InvariantCheck run(ChannelPolicy policy) {
        RuleSet ruleSet = policy.ruleSet();
        List<Invariant> invariants = new ArrayList<>();
        ruleSet.baseManifest().ifPresent(base -> invariants.addAll(base.invariants()));
        invariants.addAll(ruleSet.manifest().invariants());
        long[] selected = new long[invariants.size()];
        long[] violations = new long[invariants.size()];
        PolicyRequest[] examples = new PolicyRequest[invariants.size()];
        Decision[] decisions = new Decision[invariants.size()];
        String[] why = new String[invariants.size()];
        long size = 0;
        for (PolicyRequest request : RequestDomain.of(ruleSet.vocabulary())) {
            Decision decision = policy.evaluate(request);
            size++;
            for (int i = 0; i < invariants.size(); i++) {
                if (invariants.get(i).selects(request, decision)) {
                    selected[i]++;
                    String violation = invariants.get(i).violation(decision);
                    if (violation != null && violations[i]++ == 0) {
                        examples[i] = request;
                        decisions[i] = decision;
                        why[i] = violation;
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < invariants.size(); i++) {
            results.add(new Result(invariants.get(i), selected[i], violations[i], examples[i], decisions[i], why[i]));
        }
        return new InvariantCheck(ruleSet.identity(), size, results);
    }
}
