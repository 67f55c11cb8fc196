package uk.gov.channelpolicy;

/**
 * Where the tweet an action amplifies came from: the channel whose tweet is promoted or shared. Only an action the
 * rule set lets take a source (its {@code amplifying} action group; DH: {@code promote}, {@code share}) may name one.
 * The promoted tweet's content is the request's content; the source adds only whose channel it came from.
 *
 * <pre>{@code
 * // Promote the minister's tweet via @dhgovuk
 * PolicyRequest.builder(Actor.of("communications-division", "comms-17"), "promote")
 *     .channel(Channel.unattributed().withHandle("@dhgovuk"))
 *     .source(Source.ownedBy(Owner.of("minister", "jane").withCapacity("official")))
 *     .content("political")
 *     .build();
 * }</pre>
 *
 * @param handle the source channel's handle such as {@code "@jane"}; personal data when it names a person; may be
 *     {@code null}; rules never see it
 * @param owner the named person whose tweet it is, or {@code null} for a tweet of a channel attributed to no named
 *     person (a corporate account's tweet); its id is personal data, and rules see only whether it is the actor's own
 */
public record Source(String handle, Owner owner) {

    /**
     * A tweet of a channel attributed to no named person: a corporate account's tweet.
     *
     * @return the source
     */
    public static Source unattributed() {
        return new Source(null, null);
    }

    /**
     * A tweet of the given person's channel.
     *
     * @param owner whose tweet it is
     * @return the source
     */
    public static Source ownedBy(Owner owner) {
        return new Source(null, java.util.Objects.requireNonNull(owner, "owner"));
    }

    /**
     * A copy of this source with the handle given.
     *
     * @param newHandle the handle, or {@code null}
     * @return the copy
     */
    public Source withHandle(String newHandle) {
        return new Source(newHandle, owner);
    }

    /** Masks personal data so a source can never leak into a log through {@code toString}. */
    @Override
    public String toString() {
        return "Source[handle=" + Masking.mask(handle) + ", owner=" + owner + "]";
    }
}
