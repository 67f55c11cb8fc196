package uk.gov.channelpolicy;

/**
 * For other modules' tests: loads rules the policy profile refuses, through the library's package-private hook, to show
 * what a program answers when the library's backstops act (a rule that stalls, a rule that overflows the stack). No rule
 * inside the profile can fail these ways. It is in core's test jar only, so it is on no classpath but tests'.
 */
public final class BackstopRules {
    private BackstopRules() {
    }

    /**
     * Turns the profile check off on a builder.
     *
     * @param builder the builder
     * @return the same builder, which will load rules outside the profile
     */
    public static ChannelPolicy.Builder outsideTheProfile(ChannelPolicy.Builder builder) {
        return builder.skipProfileCheckForBackstopTests();
    }
}
