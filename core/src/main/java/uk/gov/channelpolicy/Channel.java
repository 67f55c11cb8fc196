package uk.gov.channelpolicy;

/**
 * The social-media channel the action is on.
 *
 * @param type a channel-type id, or {@code null} to let the rule set classify the channel from its owner
 * @param handle the channel's handle such as {@code "@dhgovuk"}; personal data when it names a person;
 *     may be {@code null}; rules never see it
 * @param owner the named person the channel is attributed to, or {@code null} when it is attributed to none
 */
public record Channel(String type, String handle, Owner owner) {

    /**
     * A channel attributed to no named person, type left to the rule set.
     *
     * @return the channel
     */
    public static Channel unattributed() {
        return new Channel(null, null, null);
    }

    /**
     * A channel attributed to the given owner, type left to the rule set.
     *
     * @param owner the owner
     * @return the channel
     */
    public static Channel ownedBy(Owner owner) {
        return new Channel(null, null, java.util.Objects.requireNonNull(owner, "owner"));
    }

    /**
     * A copy of this channel with the type stated.
     *
     * @param newType a channel-type id, or {@code null} to let the rule set classify
     * @return the copy
     */
    public Channel withType(String newType) {
        return new Channel(newType, handle, owner);
    }

    /**
     * A copy of this channel with the handle given.
     *
     * @param newHandle the handle, or {@code null}
     * @return the copy
     */
    public Channel withHandle(String newHandle) {
        return new Channel(type, newHandle, owner);
    }

    /** Masks personal data so a channel can never leak into a log through {@code toString}. */
    @Override
    public String toString() {
        return "Channel[type=" + type + ", handle=" + Masking.mask(handle) + ", owner=" + owner + "]";
    }
}
