package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.Objects;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;

/**
 * What the department knows about one of its accounts, which an export does not say: one row of the
 * accounts file.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 * @param handle the account's handle, e.g. {@code @DHgovuk}
 * @param department whose account it is
 * @param channelType the channel type, or {@code null} to let the rule set classify it from the owner
 * @param ownerRole the owner's role, or {@code null} for an account attributed to no named person
 * @param ownerId the owner's id, or {@code null}
 * @param ownerCapacity the capacity the owner uses it in, or {@code null}
 * @param operatorRole the role of whoever operates the account: the actor of its posts
 * @param operatorId their id, or {@code null}
 * @param defaultCategory the content category of the account's posts when nothing else says, or {@code null}
 */
public record Account(String handle, String department, String channelType, String ownerRole, String ownerId,
        String ownerCapacity, String operatorRole, String operatorId, String defaultCategory) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks the required parts.
     *
     * @param handle the handle
     * @param department the department
     * @param channelType the channel type, or {@code null}
     * @param ownerRole the owner's role, or {@code null}
     * @param ownerId the owner's id, or {@code null}
     * @param ownerCapacity the owner's capacity, or {@code null}
     * @param operatorRole the operator's role
     * @param operatorId the operator's id, or {@code null}
     * @param defaultCategory the default content category, or {@code null}
     */
    public Account {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(operatorRole, "operatorRole");
    }

    /**
     * The account as a policy request's channel.
     *
     * @return the channel, with its owner when it has one
     */
    public Channel channel() {
        Owner owner = ownerRole == null ? null : new Owner(ownerRole, ownerId, null, ownerCapacity);
        return new Channel(channelType, handle, owner);
    }

    /**
     * Whoever operates the account, as the actor of its posts.
     *
     * @return the actor
     */
    public Actor operator() {
        return Actor.of(operatorRole, operatorId);
    }
}
