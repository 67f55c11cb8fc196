package uk.gov.channelpolicy;

/**
 * The named person a channel is attributed to.
 *
 * @param role the owner's role id from the vocabulary; required
 * @param id who the owner is; personal data, may be {@code null}
 * @param name a display name; personal data, may be {@code null}
 * @param capacity the capacity the owner uses the channel in (a {@code capacities} id such as
 *     {@code "official"}), used to classify a channel whose type is not given; may be {@code null}
 */
public record Owner(String role, String id, String name, String capacity) {

    /**
     * Checks that the role is given.
     *
     * @param role the owner's role id from the vocabulary; required
     * @param id who the owner is; personal data, may be {@code null}
     * @param name a display name; personal data, may be {@code null}
     * @param capacity the capacity the owner uses the channel in (a {@code capacities} id such as {@code "official"}), used to classify a channel whose type is not given; may be {@code null}
     */
    public Owner {
        if (role == null) {
            throw new InvalidRequestException(java.util.List.of(Problem.at("$.channel.owner.role", "is required")));
        }
        id = PersonId.require(PersonId.normalize(id), "$.channel.owner.id");
    }

    /**
     * An owner with a role and an id, capacity not stated.
     *
     * @param role the role id
     * @param id who the owner is
     * @return the owner
     */
    public static Owner of(String role, String id) {
        return new Owner(role, id, null, null);
    }

    /**
     * A copy of this owner acting in the given capacity.
     *
     * @param newCapacity a {@code capacities} id, or {@code null} for none
     * @return the copy
     */
    public Owner withCapacity(String newCapacity) {
        return new Owner(role, id, name, newCapacity);
    }

    /** Masks personal data so an owner can never leak into a log through {@code toString}. */
    @Override
    public String toString() {
        return "Owner[role=" + role + ", id=" + Masking.mask(id) + ", name=" + Masking.mask(name) + ", capacity=" + capacity + "]";
    }
}
