package uk.gov.channelpolicy;

import java.util.List;
import java.util.Objects;

/**
 * Why a request is {@link Outcome#NOT_APPLICABLE}, carried by the decision itself: whose work the request is, and
 * the rules that came closest to deciding it with what the request lacked for each, every one with the guidance it
 * quotes. Found by asking the same rule set about requests one or two changes away (another role, action, channel or
 * content), so it says only what the rules themselves say.
 *
 * @param summary the explanation in one paragraph, in the rule set's words (labels, rule ids; never personal data)
 * @param whoseWork the roles whose work the request is, as the decision's {@code responsibilities} name them (with
 *     the guidance they quote), in the same order; empty when the guidance gives the work to no role
 * @param closest the rules that came closest, fewest changes first, rules that would permit before rules that would
 *     deny, then by id; at most {@link #MAX_CLOSEST}; empty when no rule applies within two changes
 */
public record NotApplicable(String summary, List<String> whoseWork, List<ClosestRule> closest) {

    /** The most rules {@link #closest()} lists. */
    public static final int MAX_CLOSEST = 3;

    /**
     * Checks and copies the components.
     *
     * @param summary the explanation in one paragraph
     * @param whoseWork the roles whose work the request is
     * @param closest the rules that came closest
     */
    public NotApplicable {
        Objects.requireNonNull(summary, "summary");
        whoseWork = List.copyOf(whoseWork);
        closest = List.copyOf(closest);
        if (closest.size() > MAX_CLOSEST) {
            throw new IllegalArgumentException("at most " + MAX_CLOSEST + " closest rules, not " + closest.size());
        }
    }
}
