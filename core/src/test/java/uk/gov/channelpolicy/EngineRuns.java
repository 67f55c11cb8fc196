package uk.gov.channelpolicy;

/**
 * For tests in other packages: how many times a policy's engine has run the rules, through the library's package-private
 * hook. An evaluated decision may be the very object given before (a decision is assembled once for its findings), so a
 * test that must see whether the rules ran, rather than memory answering, counts runs.
 */
public final class EngineRuns {
    private EngineRuns() {
    }

    /**
     * The runs so far of the version serving now.
     *
     * @param policy the policy
     * @return how many times its engine has run the rules
     */
    public static long of(ChannelPolicy policy) {
        return policy.engineRuns();
    }
}
