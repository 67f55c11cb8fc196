package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * One request as the Easy Rules encoding sees it: the request's attributes (the same flattening the Drools rules
 * see), the classification the first rules derive, and what the other rules find. One per decision, so never
 * shared between threads.
 */
final class DhCase {
    static final Set<String> SPEAKING = Set.of("draft", "post", "reply", "manage", "follow", "list", "share", "like", "delete");
    /** The people the guidance speaks to. */
    static final Set<String> DEPARTMENT = Set.of("minister", "official", "communications-division", "private-office");
    static final Set<String> WRITING = Set.of("draft", "post", "reply");

    final String actorRole;
    final String action;
    final String declaredType;
    final boolean owned;
    final String ownerRole;
    final String ownerCapacity;
    final boolean own;
    final Set<String> content;

    String channelType;
    boolean civilServant;
    boolean ministerChannel;

    private final TreeSet<String> denies = new TreeSet<>();
    private final TreeSet<String> permits = new TreeSet<>();
    private final List<String> codes = new ArrayList<>(3);
    private final TreeSet<String> obligations = new TreeSet<>();
    /** Advice rule ids, each with the outcomes it declares it applies to. */
    private final java.util.TreeMap<String, Set<Outcome>> advice = new java.util.TreeMap<>();
    private final List<String[]> responsibilities = new ArrayList<>(2);

    DhCase(PolicyRequest request) {
        this.actorRole = request.actor().role();
        this.action = request.action();
        this.declaredType = request.channel().type();
        this.owned = request.channel().owner() != null;
        this.ownerRole = owned ? request.channel().owner().role() : null;
        this.ownerCapacity = owned ? request.channel().owner().capacity() : null;
        this.own = request.actsOnOwnChannel();
        this.content = Set.copyOf(request.content());
    }

    /** Whether the channel's owner is a civil-service resource: an official, the Communications Division or the private office. */
    boolean ownerCivilServant() {
        return "official".equals(ownerRole) || "communications-division".equals(ownerRole) || "private-office".equals(ownerRole);
    }

    /** Whether the actor is someone the guidance speaks to: a person in DH. */
    boolean inDepartment() {
        return DEPARTMENT.contains(actorRole);
    }

    /** Whether the channel's owner is a person in DH. */
    boolean ownerInDepartment() {
        return DEPARTMENT.contains(ownerRole);
    }

    /** Whether the action removes content from the channel (dh's removing group): deleting. */
    boolean removing() {
        return action.equals("delete");
    }

    boolean speaking() {
        return SPEAKING.contains(action);
    }

    boolean writing() {
        return WRITING.contains(action);
    }

    boolean typeIs(String type) {
        return type.equals(channelType);
    }

    void deny(String rule) {
        denies.add(rule);
    }

    void permit(String rule) {
        permits.add(rule);
    }

    void code(String code) {
        codes.add(code);
    }

    void obligation(String rule) {
        obligations.add(rule);
    }

    void advice(String rule, Set<Outcome> outcomes) {
        advice.put(rule, outcomes);
    }

    void responsibility(String role, String rule) {
        responsibilities.add(new String[] {role, rule});
    }

    /**
     * The decision, combined as the library combines findings: deny overrides, obligations only with a permit, advice only
     * with an outcome it declares.
     */
    PeerDecision decision(List<String> codeOrder, List<String> roleOrder) {
        Outcome outcome = !denies.isEmpty() ? Outcome.DENY : !permits.isEmpty() ? Outcome.PERMIT : Outcome.NOT_APPLICABLE;
        List<String> reasons = new ArrayList<>(denies);
        reasons.addAll(permits);
        codes.sort(Comparator.comparingInt(codeOrder::indexOf));
        responsibilities.sort(Comparator.comparingInt((String[] r) -> roleOrder.indexOf(r[0])).thenComparing(r -> r[1]));
        List<String> owners = responsibilities.stream().map(r -> r[0] + "/" + r[1]).toList();
        return new PeerDecision(outcome, channelType, codes, reasons,
                outcome == Outcome.PERMIT ? List.copyOf(obligations) : List.of(),
                advice.entrySet().stream().filter(a -> a.getValue().contains(outcome)).map(java.util.Map.Entry::getKey).toList(), owners);
    }
}
