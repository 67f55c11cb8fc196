package uk.gov.channelpolicy.load;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rule set's {@code manifest.json}: who it belongs to, which guidance it encodes, its vocabulary,
 * the digests of its files, and, for a fork, what it extends and changes.
 *
 * @param id the rule set's id; also the name of its Drools kbase
 * @param version the rule set's semantic version
 * @param department the department whose guidance it encodes
 * @param effective the date from which it applies, {@code YYYY-MM-DD}
 * @param source the guidance document this rule set's own rules cite
 * @param vocabulary the ids requests and decisions may use; for a fork, only the ids it adds to its base's
 * @param files the hex SHA-256 of each file of the rule set (rule files and guidance text) by name;
 *     empty when the rule set is not sealed
 * @param base the rule set this one extends, or {@code null} for a rule set of its own
 * @param overrides ids of base rules this rule set replaces with a rule of the same id
 * @param withdraws ids of base rules this rule set removes
 * @param invariants properties every decision must have, checked over the whole request domain
 * @param intentionalDifferences for a fork: upstream scenario files (by path) whose failure against the
 *     fork is intended, each with why
 */
public record Manifest(String id, String version, String department, String effective, Source source, Vocabulary vocabulary,
        Map<String, String> files, Base base, List<String> overrides, List<String> withdraws, List<Invariant> invariants,
        Map<String, String> intentionalDifferences) {

    /**
     * Checks and copies the components.
     *
     * @param id the rule set's id
     * @param version the version
     * @param department the department
     * @param effective the date it applies from
     * @param source the cited guidance
     * @param vocabulary the vocabulary (a fork's additions)
     * @param files file digests by name
     * @param base the extended rule set or null
     * @param overrides overridden base rule ids
     * @param withdraws withdrawn base rule ids
     * @param invariants the invariants
     * @param intentionalDifferences intended upstream scenario failures
     */
    public Manifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(vocabulary, "vocabulary");
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        overrides = List.copyOf(overrides);
        withdraws = List.copyOf(withdraws);
        invariants = List.copyOf(invariants);
        intentionalDifferences = java.util.Collections.unmodifiableMap(new TreeMap<>(intentionalDifferences));
    }

    /**
     * The guidance document a rule set encodes, shipped beside its rules.
     *
     * @param id the id citations use as their {@code source}
     * @param title the document's title
     * @param file the file name of its text, in the rule set's folder
     * @param sha256 the hex SHA-256 of that file; loading fails if the file differs
     */
    public record Source(String id, String title, String file, String sha256) {
        /**
         * Checks that every part is given.
         *
         * @param id the id citations use
         * @param title the title
         * @param file the text's file name
         * @param sha256 the text's digest
         */
        public Source {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * The rule set a fork extends: found on the classpath by id, and required at exactly this version.
     *
     * @param id the base rule set's id, e.g. {@code dh}
     * @param version the base version the fork was written against
     */
    public record Base(String id, String version) {
        /**
         * Checks that both parts are given.
         *
         * @param id the base id
         * @param version the base version
         */
        public Base {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
        }
    }
}
