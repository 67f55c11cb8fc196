package uk.gov.channelpolicy.load;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Seals a rule-set directory: records in its manifest the SHA-256 of every rule file, decision table,
 * guidance text and scenario, so that a loader refuses the rule set if any of them later changes or a file
 * is added. Every path that serves decisions needs a seal: a rule set whose seal was removed is refused
 * like one whose files were edited, unless the caller opts out with {@code ignoreFileDigests()}. Reseal
 * after reviewing an edit.
 */
public final class Seal {
    private Seal() {
    }

    /**
     * The digests a manifest's {@code files} should hold for a directory as it is now.
     *
     * @param directory the rule-set directory
     * @return hex SHA-256 by file name, in name order
     */
    public static Map<String, String> digests(Path directory) {
        RuleSetFiles files = RuleSetFiles.fromDirectory(directory);
        Map<String, String> digests = new TreeMap<>();
        files.sealed().forEach((name, bytes) -> digests.put(name, RuleSetFiles.sha256Hex(bytes)));
        return digests;
    }

    /**
     * Writes the directory's current digests into its manifest's {@code files}, keeping every other field.
     *
     * @param directory the rule-set directory
     * @return the digests written
     * @throws RuleSetException if the manifest cannot be read
     */
    public static Map<String, String> seal(Path directory) {
        Path manifestFile = directory.resolve(RuleSetFiles.MANIFEST);
        ObjectMapper mapper = StrictJson.mapper();
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(manifestFile));
            if (!(root instanceof ObjectNode manifest)) {
                throw new RuleSetException("cannot seal", List.of(Problem.at(manifestFile.toString(), "is not a JSON object")));
            }
            Map<String, String> digests = digests(directory);
            ObjectNode files = mapper.createObjectNode();
            digests.forEach(files::put);
            manifest.set("files", files);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            Files.writeString(manifestFile, mapper.writer(printer).writeValueAsString(manifest) + "\n");
            return digests;
        } catch (IOException e) {
            throw new RuleSetException("cannot seal", List.of(Problem.at(manifestFile.toString(), e.getMessage())));
        }
    }

    /**
     * Whether a directory's files match the digests its manifest records.
     *
     * @param directory the rule-set directory
     * @param manifest its manifest
     * @return true when the manifest records digests and they all match, with no file unsealed
     */
    public static boolean isSealed(Path directory, Manifest manifest) {
        return !manifest.files().isEmpty() && manifest.files().equals(digests(directory));
    }
}
