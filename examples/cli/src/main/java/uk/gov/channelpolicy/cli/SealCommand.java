package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.Seal;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * {@code channel-policy seal}: records the SHA-256 of every rule file, decision table and guidance
 * text in a rule set's manifest, so that a changed or added file is refused when the rule set loads,
 * then checks that the sealed rule set loads. A rule set that does not load is not sealed.
 */
@Command(name = "seal",
        description = {
            "Record the SHA-256 of a rule set's files in its manifest, then check it loads.",
            "Seal a rule-set directory: write the SHA-256 of each rule file, decision table and guidance text into its "
                    + "manifest.json (keeping every other field), then check that the sealed rule set loads.",
            "A sealed rule set is refused if any of those files later changes or a file is added. Review an edit, then reseal.",
            "If the rule set does not load, manifest.json is put back as it was and the problems are printed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:sealed, and the sealed rule set loads",
            "2:a usage error",
            "3:not sealed: no manifest.json, it could not be written, or the rule set does not load"})
public final class SealCommand implements Callable<Integer> {
    private static final String MANIFEST = "manifest.json";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule-set directory: its manifest.json is rewritten.")
    private Path directory;

    /** Creates the command. */
    public SealCommand() {
    }

    /**
     * Runs the command.
     *
     * @return {@link ExitStatus#OK} when sealed and loading
     * @throws RuleSetException if the directory cannot be sealed or the sealed rule set does not load
     */
    @Override
    public Integer call() {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.isDirectory(directory)) {
            throw new RuleSetException("cannot seal " + directory, List.of(Problem.at(directory.toString(), "is not a directory")));
        }
        byte[] before;
        try {
            before = Files.readAllBytes(manifest);
        } catch (IOException e) {
            throw new RuleSetException("cannot seal " + directory, List.of(Problem.at(manifest.toString(),
                    Files.exists(manifest) ? "cannot be read: " + e.getMessage() : "not found: a rule-set directory has a manifest.json")));
        }
        Map<String, String> previous = sealedFiles(before);
        Map<String, String> digests = Seal.seal(directory);
        RuleSetIdentity identity;
        try {
            try (ChannelPolicy sealed = ChannelPolicy.builder().ruleSetDirectory(directory).decisionCache(0).build()) {
                identity = sealed.ruleSet().identity();
            }
        } catch (RuleSetException e) {
            List<Problem> problems = new ArrayList<>(e.problems());
            String manifestNow = MANIFEST + " was put back as it was";
            try {
                Files.write(manifest, before);
            } catch (IOException writeFailure) {
                problems.add(Problem.at(manifest.toString(), "could not be put back as it was: " + writeFailure));
                manifestNow = MANIFEST + " could not be put back";
            }
            throw new RuleSetException("not sealed: the rule set in " + directory + " does not load, and " + manifestNow, problems);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("Sealed " + directory + ": " + MANIFEST + " records the SHA-256 of " + digests.size()
                + (digests.size() == 1 ? " file:" : " files:"));
        digests.forEach((file, digest) -> {
            String was = previous.get(file);
            String note = previous.isEmpty() || digest.equals(was) ? "" : was == null ? "  (newly sealed)" : "  (changed since the last seal)";
            out.println("  " + digest + "  " + file + note);
        });
        previous.keySet().stream().filter(file -> !digests.containsKey(file))
                .forEach(file -> out.println("  no longer sealed: " + file + " (it is gone)"));
        out.println("Checked: " + identity.id() + " " + identity.version() + " loads with its files sealed (" + identity.digest() + ").");
        out.flush();
        return ExitStatus.OK;
    }

    /** The digests the manifest recorded before, to show what the new seal changes; empty if none or unreadable. */
    private static Map<String, String> sealedFiles(byte[] manifest) {
        Map<String, String> files = new TreeMap<>();
        try {
            JsonNode root = StrictJson.mapper().readTree(manifest);
            root.path("files").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
        } catch (IOException e) {
            // Seal.seal reports a manifest it cannot read; this only decorates the listing.
        }
        return files;
    }
}
