package uk.gov.channelpolicy.load;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.RequestField;

/**
 * A property every decision in part of the request domain must have, declared in a manifest and
 * checked exhaustively: "no civil servant action on party-political content is ever permitted".
 *
 * <p>{@code when} selects requests (and decisions) by field; each listed field must match one of its
 * values. Fields: {@code actor.role}, {@code action}, {@code channel.type} (as stated in the request),
 * {@code channelType} (as the rules classified it), {@code channel.owner.role}, {@code ownChannel}
 * ({@code "true"} or {@code "false"}), {@code content} (the request carries any of the values), {@code outcome}
 * (the decision's, e.g. {@code PERMIT}).
 * Then the decision's outcome must not be one of {@code never}, must be one of {@code always} when that
 * is given, and must list every code in {@code codes}; {@code anyCode} requires at least one code.
 *
 * @param id a stable id, e.g. {@code no-civil-servant-party-politics}
 * @param description the property in words
 * @param when the selection, field to accepted values; empty selects every request
 * @param never outcomes that must not occur
 * @param always the only outcomes allowed, or empty for no such constraint
 * @param codes codes every selected decision must list
 * @param anyCode whether every selected decision must list at least one code
 */
public record Invariant(String id, String description, Map<String, List<String>> when, List<String> never, List<String> always,
        List<String> codes, boolean anyCode) {

    /** The fields {@code when} may select on. */
    public static final List<String> FIELDS = fields();

    /** The request fields rules see (from the one description of the request), the decision's channel type, ownChannel and outcome. */
    private static List<String> fields() {
        List<String> fields = new java.util.ArrayList<>();
        for (RequestField field : RequestField.ruleVisible()) {
            fields.add(field.path());
            if (field == RequestField.CHANNEL_TYPE) {
                fields.add("channelType");
            }
        }
        fields.add(fields.indexOf(RequestField.CONTENT.path()), "ownChannel");
        fields.add("outcome");
        return List.copyOf(fields);
    }

    /**
     * Checks and copies the components.
     *
     * @param id the id
     * @param description the description
     * @param when the selection
     * @param never forbidden outcomes
     * @param always allowed outcomes, or empty
     * @param codes required codes
     * @param anyCode whether a code is required
     */
    public Invariant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Map<String, List<String>> copy = new TreeMap<>();
        when.forEach((field, values) -> copy.put(field, List.copyOf(values)));
        when = java.util.Collections.unmodifiableMap(copy);
        never = List.copyOf(never);
        always = List.copyOf(always);
        codes = List.copyOf(codes);
    }

    private static java.util.Optional<RequestField> field(String path) {
        return RequestField.ruleVisible().stream().filter(field -> field.path().equals(path)).findFirst();
    }

    /**
     * Whether this invariant speaks to a request and its decision.
     *
     * @param request the request
     * @param decision its decision
     * @return true when every {@code when} field matches
     */
    public boolean selects(PolicyRequest request, Decision decision) {
        for (Map.Entry<String, List<String>> condition : when.entrySet()) {
            List<String> values = condition.getValue();
            boolean matches = switch (condition.getKey()) {
                case "channelType" -> values.contains(String.valueOf(decision.channelType()));
                case "ownChannel" -> values.contains(Boolean.toString(request.actsOnOwnChannel()));
                case "outcome" -> values.contains(decision.outcome().name());
                default -> field(condition.getKey()).map(field -> {
                    // A request field, by the one description: any content category selects; an absent value is "null".
                    List<String> given = field.values(request);
                    return field.many() ? given.stream().anyMatch(values::contains)
                            : values.contains(given.isEmpty() ? "null" : given.get(0));
                }).orElse(false);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with a selected decision, if anything.
     *
     * @param decision a decision this invariant selects
     * @return the violation in words, or {@code null} when the decision keeps the invariant
     */
    public String violation(Decision decision) {
        String outcome = decision.outcome().name();
        if (never.contains(outcome)) {
            return "the outcome is " + outcome + ", which must never happen here";
        }
        if (!always.isEmpty() && !always.contains(outcome)) {
            return "the outcome is " + outcome + ", but only " + String.join(" or ", always) + " may happen here";
        }
        for (String code : codes) {
            if (!decision.codes().contains(code)) {
                return "the codes " + decision.codes() + " lack " + code;
            }
        }
        if (anyCode && decision.codes().isEmpty()) {
            return "no code of conduct applies";
        }
        return null;
    }
}
