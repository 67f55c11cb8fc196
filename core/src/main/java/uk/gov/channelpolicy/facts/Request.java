package uk.gov.channelpolicy.facts;

import java.util.Objects;
import java.util.Set;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * A validated request as rules see it: flat, immutable, and free of personal data.
 *
 * <p>In DRL: {@code Request( actorRole == "minister", action == "post", content contains "party-political" )}.
 * It also carries the named groups (from the manifest's vocabulary) that its actor's role, its owner's role
 * and its action belong to, so that a condition names a group: {@code Request( actionGroups contains "speaking" )}.
 */
public final class Request {
    private final String actorRole;
    private final String action;
    private final String declaredChannelType;
    private final String ownerRole;
    private final String ownerCapacity;
    private final boolean actsOnOwnChannel;
    private final Set<String> content;
    private final Set<String> actorGroups;
    private final Set<String> ownerGroups;
    private final Set<String> actionGroups;
    private final boolean hasSource;
    private final String sourceOwnerRole;
    private final String sourceOwnerCapacity;
    private final boolean sourceIsActorsOwn;
    private final Set<String> sourceOwnerGroups;
    /** Made when first asked for (a cache key), not for every evaluation: 0 until then. Racy but idempotent, as String's. */
    private int hash;

    /**
     * Flattens a request.
     *
     * @param request a request whose ids are valid for the rule set
     * @param groups the rule set's named groups (its vocabulary), which the fact carries
     */
    public Request(PolicyRequest request, Groups groups) {
        this.actorRole = request.actor().role();
        this.action = request.action();
        this.declaredChannelType = request.channel().type();
        this.ownerRole = request.channel().owner() == null ? null : request.channel().owner().role();
        this.ownerCapacity = request.channel().owner() == null ? null : request.channel().owner().capacity();
        this.actsOnOwnChannel = request.actsOnOwnChannel();
        this.content = Set.copyOf(request.content());
        // Derived from the role and action alone, so equality and the hash need not include them.
        this.actorGroups = groups.ofRole(actorRole);
        this.ownerGroups = groups.ofRole(ownerRole);
        this.actionGroups = groups.ofAction(action);
        Owner sourceOwner = request.source() == null ? null : request.source().owner();
        this.hasSource = request.source() != null;
        this.sourceOwnerRole = sourceOwner == null ? null : sourceOwner.role();
        this.sourceOwnerCapacity = sourceOwner == null ? null : sourceOwner.capacity();
        this.sourceIsActorsOwn = request.sourceIsActorsOwn();
        this.sourceOwnerGroups = groups.ofRole(sourceOwnerRole);
    }

    /**
     * The actor's role id.
     *
     * @return the role id
     */
    public String getActorRole() {
        return actorRole;
    }

    /**
     * The action id.
     *
     * @return the action id
     */
    public String getAction() {
        return action;
    }

    /**
     * The channel type the request states, or {@code null} when the rule set must classify it.
     *
     * @return the declared type or null
     */
    public String getDeclaredChannelType() {
        return declaredChannelType;
    }

    /**
     * Whether the channel is attributed to a named person.
     *
     * @return true when the channel has an owner
     */
    public boolean isOwned() {
        return ownerRole != null;
    }

    /**
     * The owner's role id, or {@code null} when the channel has no owner.
     *
     * @return the owner's role or null
     */
    public String getOwnerRole() {
        return ownerRole;
    }

    /**
     * The capacity the owner uses the channel in, or {@code null} when not stated or no owner.
     *
     * @return the capacity id or null
     */
    public String getOwnerCapacity() {
        return ownerCapacity;
    }

    /**
     * Whether the actor acts on their own channel (actor id equals owner id).
     *
     * @return true on one's own channel
     */
    public boolean isActsOnOwnChannel() {
        return actsOnOwnChannel;
    }

    /**
     * The content-category ids.
     *
     * @return an immutable set
     */
    public Set<String> getContent() {
        return content;
    }

    /**
     * The named role groups the actor's role belongs to, e.g. {@code civil-service}.
     *
     * @return an immutable set of group ids
     */
    public Set<String> getActorGroups() {
        return actorGroups;
    }

    /**
     * The named role groups the channel owner's role belongs to; empty when the channel has no owner.
     *
     * @return an immutable set of group ids
     */
    public Set<String> getOwnerGroups() {
        return ownerGroups;
    }

    /**
     * The named action groups the action belongs to, e.g. {@code speaking}.
     *
     * @return an immutable set of group ids
     */
    public Set<String> getActionGroups() {
        return actionGroups;
    }

    /**
     * Whether the action amplifies another tweet whose source the request names (promote or share a tweet).
     *
     * @return true when the request names a source
     */
    public boolean isHasSource() {
        return hasSource;
    }

    /**
     * Whether the amplified tweet comes from a channel attributed to a named person; false for a corporate account's
     * tweet or when there is no source.
     *
     * @return true when the source has an owner
     */
    public boolean isSourceOwned() {
        return sourceOwnerRole != null;
    }

    /**
     * The role of the person whose tweet is amplified, or {@code null} when there is no source or it has no owner.
     *
     * @return the source owner's role or null
     */
    public String getSourceOwnerRole() {
        return sourceOwnerRole;
    }

    /**
     * The capacity the source owner uses their channel in, or {@code null} when not stated, no owner or no source.
     *
     * @return the capacity id or null
     */
    public String getSourceOwnerCapacity() {
        return sourceOwnerCapacity;
    }

    /**
     * Whether the amplified tweet is the actor's own (actor id equals the source owner's id).
     *
     * @return true for the actor's own tweet
     */
    public boolean isSourceIsActorsOwn() {
        return sourceIsActorsOwn;
    }

    /**
     * The named role groups the source owner's role belongs to; empty when there is no source or it has no owner.
     *
     * @return an immutable set of group ids
     */
    public Set<String> getSourceOwnerGroups() {
        return sourceOwnerGroups;
    }

    /**
     * Two requests are equal when the rules see the same in them: the library remembers decisions by this.
     *
     * @param other another object
     * @return whether every field the rules can read is equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Request that && hashCode() == that.hashCode() && actsOnOwnChannel == that.actsOnOwnChannel
                && actorRole.equals(that.actorRole) && action.equals(that.action)
                && Objects.equals(declaredChannelType, that.declaredChannelType) && Objects.equals(ownerRole, that.ownerRole)
                && Objects.equals(ownerCapacity, that.ownerCapacity) && content.equals(that.content)
                && hasSource == that.hasSource && sourceIsActorsOwn == that.sourceIsActorsOwn
                && Objects.equals(sourceOwnerRole, that.sourceOwnerRole) && Objects.equals(sourceOwnerCapacity, that.sourceOwnerCapacity)
                && sourceOwnerGroups.equals(that.sourceOwnerGroups);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(actorRole, action, declaredChannelType, ownerRole, ownerCapacity, actsOnOwnChannel, content,
                    hasSource, sourceOwnerRole, sourceOwnerCapacity, sourceIsActorsOwn, sourceOwnerGroups);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Request[actorRole=" + actorRole + ", action=" + action + ", declaredChannelType=" + declaredChannelType
                + ", ownerRole=" + ownerRole + ", ownerCapacity=" + ownerCapacity + ", actsOnOwnChannel=" + actsOnOwnChannel
                + ", content=" + content + ", hasSource=" + hasSource + ", sourceOwnerRole=" + sourceOwnerRole
                + ", sourceOwnerCapacity=" + sourceOwnerCapacity + ", sourceIsActorsOwn=" + sourceIsActorsOwn
                + ", sourceOwnerGroups=" + sourceOwnerGroups + "]";
    }
}
