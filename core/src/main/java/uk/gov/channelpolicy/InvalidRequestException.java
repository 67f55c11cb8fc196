package uk.gov.channelpolicy;

import java.util.List;

/**
 * The request cannot be evaluated: a field is missing, unknown, of the wrong type, names an id the
 * rule set's vocabulary does not have, or the JSON is malformed. No decision is made. The
 * exception lists every problem found, each with its JSON path, the allowed values and, for near
 * misses, a suggestion.
 */
public final class InvalidRequestException extends ChannelPolicyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, at least one
     */
    public InvalidRequestException(List<Problem> problems) {
        super("invalid request (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"), problems);
    }
}
