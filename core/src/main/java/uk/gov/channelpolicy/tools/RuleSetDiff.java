package uk.gov.channelpolicy.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.StrictJson;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Exactly which decisions one rule set makes differently from another: every request of the
 * combined vocabulary's domain is decided by both, and those whose outcome or codes differ are
 * listed and grouped into readable summaries. For a forking department, before it ships.
 *
 * @param base the rule set compared against (upstream)
 * @param other the rule set compared (the fork)
 * @param domainSize how many requests were decided by both
 * @param differences every request decided differently, in domain order
 * @param groups the differences grouped by actor role, action, channel type, outcomes and deciding rules
 */
public record RuleSetDiff(RuleSetIdentity base, RuleSetIdentity other, long domainSize, List<Difference> differences, List<Group> groups) {

    /**
     * The changes between the two rule sets as JSON, the one shape every interface uses: {@code {"base", "compared",
     * "domainSize", "same", "differing", "groups": [{"summary", "count", "example"}], "differences": [{"request",
     * "channelType", "baseOutcome", "outcome", "baseCodes", "codes", "baseRules", "rules"}]}}. The domain's requests
     * are synthetic (ids {@code actor} and {@code someone-else}), so they are written in full.
     *
     * @return compact JSON on one line
     */
    public String toJson() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = StrictJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
        root.set("base", identity(mapper, base));
        root.set("compared", identity(mapper, other));
        root.put("domainSize", domainSize);
        root.put("same", same());
        root.put("differing", differences.size());
        com.fasterxml.jackson.databind.node.ArrayNode groupList = root.putArray("groups");
        try {
            for (Group group : groups) {
                com.fasterxml.jackson.databind.node.ObjectNode item = groupList.addObject();
                item.put("summary", group.summary());
                item.put("count", group.count());
                item.set("example", mapper.readTree(PolicyJson.writeRequest(group.first().request())));
            }
            com.fasterxml.jackson.databind.node.ArrayNode differenceList = root.putArray("differences");
            for (Difference difference : differences) {
                com.fasterxml.jackson.databind.node.ObjectNode item = differenceList.addObject();
                item.set("request", mapper.readTree(PolicyJson.writeRequest(difference.request())));
                item.put("channelType", difference.channelType());
                item.put("baseOutcome", difference.baseOutcome());
                item.put("outcome", difference.otherOutcome());
                difference.baseCodes().forEach(item.putArray("baseCodes")::add);
                difference.otherCodes().forEach(item.putArray("codes")::add);
                difference.baseRules().forEach(item.putArray("baseRules")::add);
                difference.otherRules().forEach(item.putArray("rules")::add);
            }
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the changes could not be written as JSON", e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode identity(com.fasterxml.jackson.databind.ObjectMapper mapper,
            RuleSetIdentity identity) {
        if (identity == null) {
            return mapper.nullNode();
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = mapper.createObjectNode();
        node.put("id", identity.id());
        node.put("version", identity.version());
        node.put("digest", identity.digest());
        return node;
    }

    /** What the base says for a request whose ids it does not know. */
    public static final String NOT_IN_VOCABULARY = "NOT_IN_VOCABULARY";

    /**
     * One request decided differently.
     *
     * @param request the request
     * @param baseOutcome the base's outcome, or {@link #NOT_IN_VOCABULARY}
     * @param otherOutcome the other rule set's outcome
     * @param baseCodes the base's codes
     * @param otherCodes the other's codes
     * @param baseRules the base's deciding rules
     * @param otherRules the other's deciding rules
     * @param channelType the channel type the other rule set classified
     */
    public record Difference(PolicyRequest request, String baseOutcome, String otherOutcome, List<String> baseCodes,
            List<String> otherCodes, List<String> baseRules, List<String> otherRules, String channelType) {
        /**
         * Copies the components.
         *
         * @param request the request
         * @param baseOutcome base outcome
         * @param otherOutcome other outcome
         * @param baseCodes base codes
         * @param otherCodes other codes
         * @param baseRules base rules
         * @param otherRules other rules
         * @param channelType channel type
         */
        public Difference {
            Objects.requireNonNull(request, "request");
            baseCodes = List.copyOf(baseCodes);
            otherCodes = List.copyOf(otherCodes);
            baseRules = List.copyOf(baseRules);
            otherRules = List.copyOf(otherRules);
        }
    }

    /**
     * Differences that share actor role, action, channel type, outcomes and deciding rules.
     *
     * @param summary one readable line, e.g. {@code press-office · post · corporate: NOT_APPLICABLE -> PERMIT (31 requests) by ...}
     * @param count how many requests
     * @param first the first of them, as an example
     */
    public record Group(String summary, int count, Difference first) {
    }

    /**
     * Copies the components.
     *
     * @param base base identity
     * @param other other identity
     * @param domainSize domain size
     * @param differences the differences
     * @param groups the groups
     */
    public RuleSetDiff {
        differences = List.copyOf(differences);
        groups = List.copyOf(groups);
    }

    /**
     * Compares two policies over the domain of the second's vocabulary (a fork's includes its base's).
     *
     * @param base the upstream policy
     * @param other the policy to compare, usually a fork of the base
     * @return the differences
     */
    public static RuleSetDiff between(ChannelPolicy base, ChannelPolicy other) {
        Vocabulary vocabulary = other.vocabulary();
        List<Difference> differences = new ArrayList<>();
        Map<String, List<Difference>> grouped = new LinkedHashMap<>();
        long size = 0;
        for (PolicyRequest request : RequestDomain.of(vocabulary)) {
            size++;
            Decision theirs = other.evaluate(request);
            Decision ours;
            try {
                ours = base.evaluate(request);
            } catch (InvalidRequestException e) {
                ours = null;
            }
            String baseOutcome = ours == null ? NOT_IN_VOCABULARY : ours.outcome().name();
            List<String> baseCodes = ours == null ? List.of() : ours.codes();
            if (baseOutcome.equals(theirs.outcome().name()) && baseCodes.equals(theirs.codes())) {
                continue;
            }
            Difference difference = new Difference(request, baseOutcome, theirs.outcome().name(), baseCodes, theirs.codes(),
                    ours == null ? List.of() : ours.ruleIds(), theirs.ruleIds(), theirs.channelType());
            differences.add(difference);
            // Requests whose only novelty is a new id somewhere other than the actor's role are one group per
            // outcome: listing them by role and action would bury the changes a policy writer made on purpose.
            boolean onlyNewIds = ours == null && base.vocabulary().contains(Vocabulary.Kind.ROLES, request.actor().role());
            String key;
            if (onlyNewIds) {
                key = "requests naming " + String.join(", ", newIds(request, base.vocabulary())) + " (not in "
                        + base.ruleSet().identity().id() + "): " + baseOutcome + " -> " + theirs.outcome() + " | ";
            } else {
                key = String.join(" · ", request.actor().role(), request.action(), String.valueOf(theirs.channelType())) + ": "
                        + baseOutcome + " -> " + theirs.outcome() + (ours == null || baseCodes.equals(theirs.codes()) ? ""
                        : " (codes " + baseCodes + " -> " + theirs.codes() + ")") + " | by " + rules(theirs.ruleIds())
                        + "; before: " + rules(difference.baseRules());
            }
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(difference);
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((key, members) -> {
            String[] parts = key.split(" \\| ", 2);
            groups.add(new Group(parts[0] + " for " + members.size() + (members.size() == 1 ? " request" : " requests")
                    + (parts[1].isEmpty() ? "" : ", " + parts[1]), members.size(), members.get(0)));
        });
        return new RuleSetDiff(base.ruleSet().identity(), other.ruleSet().identity(), size, differences, groups);
    }

    /** The ids a request uses that a vocabulary lacks, in field order. */
    private static List<String> newIds(PolicyRequest request, Vocabulary vocabulary) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (!vocabulary.contains(Vocabulary.Kind.ACTIONS, request.action())) {
            ids.add(request.action());
        }
        if (request.channel().type() != null && !vocabulary.contains(Vocabulary.Kind.CHANNEL_TYPES, request.channel().type())) {
            ids.add(request.channel().type());
        }
        Owner owner = request.channel().owner();
        if (owner != null && !vocabulary.contains(Vocabulary.Kind.ROLES, owner.role())) {
            ids.add(owner.role());
        }
        if (owner != null && owner.capacity() != null && !vocabulary.contains(Vocabulary.Kind.CAPACITIES, owner.capacity())) {
            ids.add(owner.capacity());
        }
        request.content().stream().filter(c -> !vocabulary.contains(Vocabulary.Kind.CONTENT, c)).forEach(ids::add);
        Owner source = request.source() == null ? null : request.source().owner();
        if (source != null && !vocabulary.contains(Vocabulary.Kind.ROLES, source.role())) {
            ids.add(source.role());
        }
        if (source != null && source.capacity() != null && !vocabulary.contains(Vocabulary.Kind.CAPACITIES, source.capacity())) {
            ids.add(source.capacity());
        }
        if (request.source() != null && vocabulary.contains(Vocabulary.Kind.ACTIONS, request.action())
                && !vocabulary.takesSource(request.action())) {
            ids.add("a source on " + request.action());
        }
        return List.copyOf(ids);
    }

    private static String rules(List<String> ids) {
        return ids.isEmpty() ? "no rule" : String.join(", ", ids);
    }

    /**
     * Whether the two rule sets decide every request alike.
     *
     * @return true when there is no difference
     */
    public boolean same() {
        return differences.isEmpty();
    }
}
