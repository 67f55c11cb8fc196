package uk.gov.channelpolicy.facts;

import java.util.Objects;
import java.util.Set;
import uk.gov.channelpolicy.PolicyRequest;

/**
 * A validated request as rules see it: flat, immutable, and free of personal data.
 *
 * <p>In DRL: {@code Request( actorRole == "minister", action == "post", content contains "party-political" )}.
 */
public final class Request {
    private final String actorRole;
    private final String action;
    private final String declaredChannelType;
    private final String ownerRole;
    private final String ownerCapacity;
    private final boolean actsOnOwnChannel;
    private final Set<String> content;
    private final int hash;

    /**
     * Flattens a request.
     *
     * @param request a request whose ids are valid for the rule set
     */
    public Request(PolicyRequest request) {
        this.actorRole = request.actor().role();
        this.action = request.action();
        this.declaredChannelType = request.channel().type();
        this.ownerRole = request.channel().owner() == null ? null : request.channel().owner().role();
        this.ownerCapacity = request.channel().owner() == null ? null : request.channel().owner().capacity();
        this.actsOnOwnChannel = request.actsOnOwnChannel();
        this.content = Set.copyOf(request.content());
        this.hash = Objects.hash(actorRole, action, declaredChannelType, ownerRole, ownerCapacity, actsOnOwnChannel, content);
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
     * Two requests are equal when the rules see the same in them: the library remembers decisions by this.
     *
     * @param other another object
     * @return whether every field the rules can read is equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Request that && hash == that.hash && actsOnOwnChannel == that.actsOnOwnChannel
                && actorRole.equals(that.actorRole) && action.equals(that.action)
                && Objects.equals(declaredChannelType, that.declaredChannelType) && Objects.equals(ownerRole, that.ownerRole)
                && Objects.equals(ownerCapacity, that.ownerCapacity) && content.equals(that.content);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Request[actorRole=" + actorRole + ", action=" + action + ", declaredChannelType=" + declaredChannelType
                + ", ownerRole=" + ownerRole + ", ownerCapacity=" + ownerCapacity + ", actsOnOwnChannel=" + actsOnOwnChannel
                + ", content=" + content + "]";
    }
}
