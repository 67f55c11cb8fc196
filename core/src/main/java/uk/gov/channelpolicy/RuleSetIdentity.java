package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * Which rule set made a decision, exactly.
 *
 * @param id the rule set's id, e.g. {@code dh}
 * @param version the rule set's version from its manifest
 * @param digest {@code sha256:} and the hex SHA-256 over the rule set's files (manifest, source text,
 *     rule files), so two decisions with the same digest were made by the same rules
 */
public record RuleSetIdentity(String id, String version, String digest) {

    /**
     * Checks that every part is given.
     *
     * @param id the rule set's id, e.g. {@code dh}
     * @param version the rule set's version from its manifest
     * @param digest {@code sha256:} and the hex SHA-256 over the rule set's files (manifest, source text, rule files), so two decisions with the same digest were made by the same rules
     */
    public RuleSetIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
    }
}
