package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * A rule set's {@code manifest.json}: who it belongs to, which guidance it encodes, and its vocabulary.
 *
 * @param id the rule set's id; also the name of its Drools kbase
 * @param version the rule set's semantic version
 * @param department the department whose guidance it encodes
 * @param effective the date from which it applies, {@code YYYY-MM-DD}
 * @param source the guidance document every rule cites
 * @param vocabulary the ids requests and decisions may use
 */
public record Manifest(String id, String version, String department, String effective, Source source, Vocabulary vocabulary) {

    /**
     * Checks that every part is given.
     *
     * @param id the rule set's id; also the name of its Drools kbase
     * @param version the rule set's semantic version
     * @param department the department whose guidance it encodes
     * @param effective the date from which it applies, {@code YYYY-MM-DD}
     * @param source the guidance document every rule cites
     * @param vocabulary the ids requests and decisions may use
     */
    public Manifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(vocabulary, "vocabulary");
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
         * @param id the id citations use as their {@code source}
         * @param title the document's title
         * @param file the file name of its text, in the rule set's folder
         * @param sha256 the hex SHA-256 of that file; loading fails if the file differs
         */
        public Source {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
