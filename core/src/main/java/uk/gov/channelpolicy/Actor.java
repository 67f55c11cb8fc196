package uk.gov.channelpolicy;

/**
 * Who wants to act.
 *
 * @param role a role id from the rule set's vocabulary, e.g. {@code "communications-division"}; required
 * @param id who this is, compared with the channel owner's id to tell "acting on one's own channel";
 *     personal data, may be {@code null}; kept in Unicode NFKC without whitespace or invisible characters at
 *     either end, and refused when nothing is left
 * @param name a display name; personal data, may be {@code null}; rules never see it
 */
public record Actor(String role, String id, String name) {

    /**
     * Checks that the role is given.
     *
     * @param role a role id from the rule set's vocabulary, e.g. {@code "communications-division"}; required
     * @param id who this is, compared with the channel owner's id to tell "acting on one's own channel"; personal data, may be {@code null}
     * @param name a display name; personal data, may be {@code null}; rules never see it
     */
    public Actor {
        if (role == null) {
            throw new InvalidRequestException(java.util.List.of(Problem.at("$.actor.role", "is required")));
        }
        id = PersonId.require(PersonId.normalize(id), "$.actor.id");
    }

    /**
     * An actor known only by role.
     *
     * @param role the role id
     * @return the actor
     */
    public static Actor of(String role) {
        return new Actor(role, null, null);
    }

    /**
     * An actor with a role and an id.
     *
     * @param role the role id
     * @param id who this is
     * @return the actor
     */
    public static Actor of(String role, String id) {
        return new Actor(role, id, null);
    }

    /** Masks personal data so an actor can never leak into a log through {@code toString}. */
    @Override
    public String toString() {
        return "Actor[role=" + role + ", id=" + Masking.mask(id) + ", name=" + Masking.mask(name) + "]";
    }
}
