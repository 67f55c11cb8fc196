package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * What {@code --version} prints: this program's version from its jar manifest, the built-in rule
 * set's id and version from its manifest (read as JSON, without starting Drools), and the Java runtime.
 */
public final class VersionText implements IVersionProvider {
    /** Shown when the classes do not come from a built jar, e.g. in tests. */
    static final String UNPACKAGED = "(development build)";

    /** Creates the provider. */
    public VersionText() {
    }

    /**
     * The version lines.
     *
     * @return the lines
     */
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        String version = Main.class.getPackage().getImplementationVersion();
        lines.add(ProblemPrinter.PROGRAM + " " + (version == null ? UNPACKAGED : version));
        lines.add("built-in rule set: " + builtInRuleSet());
        lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        return lines.toArray(String[]::new);
    }

    private static String builtInRuleSet() {
        String resource = "rulesets/" + RuleSetOption.BUILT_IN + "/manifest.json";
        try (InputStream in = VersionText.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return RuleSetOption.BUILT_IN + " (not found on the classpath)";
            }
            JsonNode manifest = StrictJson.mapper().readTree(in);
            return manifest.path("id").asText("?") + " " + manifest.path("version").asText("?")
                    + " (" + manifest.path("department").asText("?") + ", effective " + manifest.path("effective").asText("?") + ")";
        } catch (IOException e) {
            return RuleSetOption.BUILT_IN + " (unreadable manifest: " + e.getMessage() + ")";
        }
    }
}
