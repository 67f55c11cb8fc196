package uk.gov.channelpolicy.facts;

import java.util.Set;

/**
 * The named groups a role or an action belongs to, as the rule set's vocabulary defines them: what a {@link Request}
 * needs to carry {@code actorGroups}, {@code ownerGroups} and {@code actionGroups}, without knowing how a rule set is
 * loaded.
 */
public interface Groups {
    /**
     * The groups a role belongs to.
     *
     * @param role a role id, or null for none
     * @return the group ids; empty for none
     */
    Set<String> ofRole(String role);

    /**
     * The groups an action belongs to.
     *
     * @param action an action id
     * @return the group ids; empty for none
     */
    Set<String> ofAction(String action);
}
