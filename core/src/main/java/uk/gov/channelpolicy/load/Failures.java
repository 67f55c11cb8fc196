package uk.gov.channelpolicy.load;

/** How a failure reads in a problem or a reason: its message, never a stack trace. */
public final class Failures {
    private Failures() {
    }

    /**
     * A failure in a few words for a problem or a reason.
     *
     * @param e the failure, or null
     * @return its message, or its class's simple name when it has none
     */
    public static String describe(Throwable e) {
        if (e == null) {
            return "an unknown error";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
