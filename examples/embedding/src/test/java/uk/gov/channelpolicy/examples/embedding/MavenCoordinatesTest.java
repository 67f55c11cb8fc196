package uk.gov.channelpolicy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Maven snippets in README.md and docs/embedding.md name the versions this build makes and was tested with: our
 * version, and under a Spring Boot parent, the Jackson version this example resolved. And the BOM
 * they show pins what it should and nothing more.
 */
class MavenCoordinatesTest {
    private static final Pattern OUR_ARTIFACT = Pattern.compile(
            "<artifactId>(channel-policy-[a-z-]+)</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern BOM_COORDINATES = Pattern.compile("`uk\\.gov\\.channelpolicy:channel-policy-bom:([^`]+)`");

    private final String readme = read("../../README.md");
    private final String embedding = read("../../docs/embedding.md");

    @Test
    void readmeAndEmbeddingGuide_nameThisBuildsVersion() {
        String version = property("channelpolicy.version");

        List<String> named = versionsOfOurArtifacts(readme);
        named.addAll(versionsOfOurArtifacts(embedding));
        Matcher bom = BOM_COORDINATES.matcher(embedding);
        assertThat(bom.find()).as("docs/embedding.md names the BOM's coordinates").isTrue();
        named.add(bom.group(1));

        assertThat(named).as("versions of channel-policy artifacts in README.md and docs/embedding.md")
                .hasSizeGreaterThanOrEqualTo(4).containsOnly(version);
        assertThat(readme).contains("<artifactId>channel-policy-bom</artifactId>\n      <version>" + version + "</version>\n"
                + "      <type>pom</type>\n      <scope>import</scope>");
    }

    @Test
    void readme_setsSpringBootsPropertiesToTheVersionsTestedHere() throws IOException {
        assertThat(readme).contains("<jackson-bom.version>" + property("channelpolicy.jackson.version") + "</jackson-bom.version>");
        assertThat(readme).doesNotContain("<commons-codec.version>");
    }

    @Test
    void readme_showsTheTestCommandsDuration() {
        assertThat(readme).containsPattern("mvn -B verify\n```\n\nruns every test[^\n]*\n(?:[^\n]+\n)*[^\n]*took [0-9]+ min");
    }

    /**
     * A consumer importing the BOM gets its whole dependencyManagement, inherited entries included: so it has no parent
     * (ours pins JUnit and AssertJ), and it manages our artifacts and imports Drools' and Jackson's BOMs, nothing else.
     */
    @Test
    void bom_inheritsNothingAndPinsOnlyOurArtifactsDroolsAndJackson() throws Exception {
        Document bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("../../core/bom/pom.xml").toFile());
        Element project = bom.getDocumentElement();

        assertThat(children(project, "parent")).as("the BOM's <parent>").isEmpty();
        Element managed = children(children(project, "dependencyManagement").get(0), "dependencies").get(0);
        List<String> pins = children(managed, "dependency").stream()
                .map(d -> text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "type") + ":" + text(d, "scope"))
                .toList();
        assertThat(pins).containsExactlyInAnyOrder(
                "uk.gov.channelpolicy:channel-policy-core::",
                "uk.gov.channelpolicy:channel-policy-compiler:pom:",
                "uk.gov.channelpolicy:channel-policy-rules-dh::",
                "org.drools:drools-bom:pom:import",
                "com.fasterxml.jackson:jackson-bom:pom:import");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private static List<String> versionsOfOurArtifacts(String text) {
        List<String> versions = new ArrayList<>();
        Matcher m = OUR_ARTIFACT.matcher(text);
        while (m.find()) {
            versions.add(m.group(2));
        }
        return versions;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s, set by examples/embedding/pom.xml", name).isNotBlank();
        return value;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
