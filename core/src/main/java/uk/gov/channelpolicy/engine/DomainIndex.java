package uk.gov.channelpolicy.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.facts.RequestField;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.load.Vocabulary.Kind;

/**
 * The rule-visible request as one number: a mixed-radix index over the vocabulary's dimensions, dense from 0 to
 * {@link #size()}. A request and every other request the rules see the same way have the same index.
 *
 * <p>The dimensions, most significant first: the actor's role; the stated channel type (or none); the channel owner
 * (none, or a capacity (none first) by whose it is: the actor's own, then each role's); the action slot (per action in
 * order: without a source, then, for an action that takes one ({@link Vocabulary#takesSource}), a source with no owner
 * and a source owned as a channel is); the content set as a non-empty bit mask over the content categories. The order is
 * {@code tools.RequestDomain}'s. A request the index cannot represent (an id the vocabulary does
 * not have, the actor's "own" channel owned in another role) has no index: it goes the engine's way, where the
 * validator names its problem. Some indexes are requests the vocabulary's constraints refuse: a table marks them.
 *
 * <p>Ids are looked up by ordinal once per dimension: this is also the vocabulary check of the fast path, which
 * {@link Vocabulary#problems} repeats, with messages, only for a request that fails it.
 */
public final class DomainIndex {
    /** The id the actor has in enumerated requests, and the owner when the channel is the actor's own. */
    public static final String ACTOR_ID = "actor";
    /** The id of an owner who is someone else than the actor. */
    public static final String OTHER_ID = "someone-else";
    /** The most content categories whose combinations an index can enumerate. */
    public static final int MAX_CONTENT = 20;

    private final List<String> roles;
    private final List<String> types;
    private final List<String> capacities;
    private final List<String> actions;
    private final List<String> content;
    private final Map<String, Integer> roleOrdinal;
    private final Map<String, Integer> typeOrdinal;
    private final Map<String, Integer> capacityOrdinal;
    private final Map<String, Integer> actionOrdinal;
    private final Map<String, Integer> contentOrdinal;
    private final int owners;
    private final int masks;
    /** The first action slot of each action; an action that takes a source has {@code 1 + owners} slots. */
    private final int[] firstSlot;
    private final boolean[] takesSource;
    /** For each action slot, its action, and its source: -1 for none, else an owner number (0 = a source with no owner). */
    private final int[] slotAction;
    private final int[] slotSource;
    private final long size;

    private DomainIndex(Vocabulary vocabulary) {
        this.roles = ids(vocabulary, RequestField.ACTOR_ROLE);
        this.types = ids(vocabulary, RequestField.CHANNEL_TYPE);
        this.capacities = ids(vocabulary, RequestField.OWNER_CAPACITY);
        this.actions = ids(vocabulary, RequestField.ACTION);
        this.content = ids(vocabulary, RequestField.CONTENT);
        if (content.size() > MAX_CONTENT) {
            throw new IllegalArgumentException("too many content categories to enumerate every combination: " + content.size());
        }
        this.roleOrdinal = ordinals(roles);
        this.typeOrdinal = ordinals(types);
        this.capacityOrdinal = ordinals(capacities);
        this.actionOrdinal = ordinals(actions);
        this.contentOrdinal = ordinals(content);
        this.owners = 1 + (1 + capacities.size()) * (1 + roles.size());
        this.masks = (1 << content.size()) - 1;
        this.firstSlot = new int[actions.size()];
        this.takesSource = new boolean[actions.size()];
        List<int[]> slots = new ArrayList<>();
        for (int a = 0; a < actions.size(); a++) {
            firstSlot[a] = slots.size();
            takesSource[a] = vocabulary.takesSource(actions.get(a));
            slots.add(new int[] {a, -1});
            if (takesSource[a]) {
                for (int source = 0; source < owners; source++) {
                    slots.add(new int[] {a, source});
                }
            }
        }
        this.slotAction = slots.stream().mapToInt(slot -> slot[0]).toArray();
        this.slotSource = slots.stream().mapToInt(slot -> slot[1]).toArray();
        this.size = (long) roles.size() * (1 + types.size()) * owners * slotAction.length * masks;
    }

    /**
     * The index over a vocabulary's rule-visible dimensions.
     *
     * @param vocabulary the vocabulary
     * @return the index
     * @throws IllegalArgumentException when the vocabulary has more than {@value #MAX_CONTENT} content categories
     */
    public static DomainIndex of(Vocabulary vocabulary) {
        return new DomainIndex(vocabulary);
    }

    private static List<String> ids(Vocabulary vocabulary, RequestField field) {
        return vocabulary.ids(Kind.forKey(field.vocabulary()));
    }

    private static Map<String, Integer> ordinals(List<String> ids) {
        Map<String, Integer> ordinals = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            ordinals.put(ids.get(i), i);
        }
        return Map.copyOf(ordinals);
    }

    /**
     * How many indexes there are: every combination, including those the vocabulary's constraints refuse.
     *
     * @return the number of combinations
     */
    public long size() {
        return size;
    }

    /**
     * The index of what the rules see of a request, or -1 when the index cannot represent it.
     *
     * @param request a request (need not be valid)
     * @return the index, or -1
     */
    public long indexOf(PolicyRequest request) {
        Integer role = roleOrdinal.get(request.actor().role());
        Integer action = actionOrdinal.get(request.action());
        if (role == null || action == null) {
            return -1;
        }
        Channel channel = request.channel();
        int type = 0;
        if (channel.type() != null) {
            Integer stated = typeOrdinal.get(channel.type());
            if (stated == null) {
                return -1;
            }
            type = 1 + stated;
        }
        int owner = named(channel.owner(), request.actsOnOwnChannel(), role);
        if (owner < 0) {
            return -1;
        }
        int slot = firstSlot[action];
        Source source = request.source();
        if (source != null) {
            if (!takesSource[action]) {
                return -1;
            }
            int from = named(source.owner(), request.sourceIsActorsOwn(), role);
            if (from < 0) {
                return -1;
            }
            slot += 1 + from;
        }
        int mask = 0;
        List<String> categories = request.content();
        for (int i = 0; i < categories.size(); i++) {
            Integer category = contentOrdinal.get(categories.get(i));
            if (category == null) {
                return -1;
            }
            mask |= 1 << category;
        }
        if (mask == 0) {
            return -1;
        }
        return ((((long) role * (1 + types.size()) + type) * owners + owner) * slotAction.length + slot) * masks + (mask - 1);
    }

    /**
     * The number of an owner, of a channel or a source: 0 for none; else by capacity (none first) and whose (the actor's
     * own, then each role's); -1 when the index cannot represent it.
     */
    private int named(Owner named, boolean actorsOwn, int actorRole) {
        if (named == null) {
            return 0;
        }
        int capacity = 0;
        if (named.capacity() != null) {
            Integer stated = capacityOrdinal.get(named.capacity());
            if (stated == null) {
                return -1;
            }
            capacity = 1 + stated;
        }
        Integer ownerRole = roleOrdinal.get(named.role());
        if (ownerRole == null) {
            return -1;
        }
        int who;
        if (actorsOwn) {
            if (ownerRole != actorRole) {
                return -1; // the actor's own, in another role: outside the enumerated domain
            }
            who = 0;
        } else {
            who = 1 + ownerRole;
        }
        return 1 + capacity * (1 + roles.size()) + who;
    }

    /**
     * The request an index stands for: the actor has the id {@value #ACTOR_ID}; an owner is the actor ({@value #ACTOR_ID})
     * or someone else ({@value #OTHER_ID}); no names or handles. It may be a request the vocabulary's constraints refuse.
     *
     * @param index an index from 0 to {@link #size()}, exclusive
     * @return the request
     */
    public PolicyRequest request(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside 0.." + (size - 1));
        }
        long rest = index;
        int mask = (int) (rest % masks) + 1;
        rest /= masks;
        int slot = (int) (rest % slotAction.length);
        rest /= slotAction.length;
        String action = actions.get(slotAction[slot]);
        int owner = (int) (rest % owners);
        rest /= owners;
        int type = (int) (rest % (1 + types.size()));
        rest /= 1 + types.size();
        String role = roles.get((int) rest);
        List<String> categories = new ArrayList<>(Integer.bitCount(mask));
        for (int bit = 0; bit < content.size(); bit++) {
            if ((mask & 1 << bit) != 0) {
                categories.add(content.get(bit));
            }
        }
        return PolicyRequest.builder(Actor.of(role, ACTOR_ID), action)
                .channel(new Channel(type == 0 ? null : types.get(type - 1), null, owner(owner, role)))
                .content(categories).source(slotSource[slot] < 0 ? null : new Source(null, owner(slotSource[slot], role))).build();
    }

    private Owner owner(int number, String actorRole) {
        if (number == 0) {
            return null;
        }
        int rest = number - 1;
        int capacity = rest / (1 + roles.size());
        int who = rest % (1 + roles.size());
        String stated = capacity == 0 ? null : capacities.get(capacity - 1);
        return who == 0 ? new Owner(actorRole, ACTOR_ID, null, stated) : new Owner(roles.get(who - 1), OTHER_ID, null, stated);
    }
}
