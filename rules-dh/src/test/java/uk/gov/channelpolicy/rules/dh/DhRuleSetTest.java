package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.load.RuleInfo;

/** The DH rule files: every rule is identified and cited verbatim, and the jar ships an executable model. */
class DhRuleSetTest {
    private final List<DhRuleFiles.RuleText> rules = DhRuleFiles.rules();
    private final String guidance = DhRuleFiles.guidance();

    @Test
    void everyRuleHasAnIdACitationAQuoteAndADescription() {
        assertThat(rules).hasSizeGreaterThan(30);
        for (DhRuleFiles.RuleText rule : rules) {
            assertThat(rule.id()).as("@id of %s in %s", rule.name(), rule.file()).matches("dh\\.[a-z]+\\.[a-z0-9-]+");
            assertThat(rule.citation()).as("@citation of %s", rule.id()).isNotBlank();
            assertThat(rule.quote()).as("@quote of %s", rule.id()).isNotBlank();
            assertThat(rule.description()).as("@description of %s", rule.id()).isNotBlank();
        }
        assertThat(rules).extracting(DhRuleFiles.RuleText::id).doesNotHaveDuplicates();
    }

    @Test
    void everyQuoteAndSectionIsVerbatimInTheGuidance() {
        for (DhRuleFiles.RuleText rule : rules) {
            assertThat(guidance).as("quote of %s", rule.id()).contains(rule.quote());
            assertThat(guidance.lines()).as("section of %s is a heading line", rule.id()).contains(rule.citation());
        }
    }

    @Test
    void theLoadedCatalogueMatchesTheRuleFiles() {
        ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build();

        assertThat(policy.ruleSet().rules()).extracting(RuleInfo::id)
                .containsExactlyInAnyOrderElementsOf(rules.stream().map(DhRuleFiles.RuleText::id).toList());
        for (RuleInfo rule : policy.ruleSet().rules()) {
            assertThat(policy.ruleSet().sourceText()).contains(rule.citation().quote());
            assertThat(rule.citation().source()).isEqualTo("dh-twitter-guidance");
        }
        assertThat(policy.ruleSet().sourceText()).isEqualTo(guidance);
    }

    /**
     * The jar's rules are read from its executable model at {@code build()}, and its kbase built later; a directory's
     * are read from a kbase compiled at once. Both readings of the same files agree on every rule, and the kbase built
     * later runs the rules.
     */
    @Test
    void theJarsRulesReadFromItsModelAreTheDirectorysReadFromItsKbase() {
        try (ChannelPolicy jar = ChannelPolicy.builder().ruleSet("dh").decisionCache(0).build();
                ChannelPolicy directory = ChannelPolicy.builder().ruleSetDirectory(DhRuleFiles.DIRECTORY).ignoreFileDigests()
                        .decisionCache(0).build()) {
            assertThat(jar.ruleSet().rules()).hasSize(52).isEqualTo(directory.ruleSet().rules());
            assertThat(jar.ruleSet().beyondRequest()).isEmpty();
            for (uk.gov.channelpolicy.load.RuleInfo rule : jar.ruleSet().rules()) {
                assertThat(jar.ruleSet().effectOf(rule)).as(rule.id()).isEqualTo(directory.ruleSet().effectOf(rule));
            }
            assertThat(jar.ruleSet().kieBase().getKiePackages()).flatExtracting(p -> p.getRules()).hasSize(52);
            int at = 0;
            int compared = 0;
            for (PolicyRequest request : uk.gov.channelpolicy.tools.RequestDomain.of(jar.vocabulary())) {
                if (at++ % 400 == 0) {
                    assertThat(jar.evaluate(request)).as("%s", request).isEqualTo(directory.evaluate(request));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(2_178);
        }
    }

    @Test
    void theJarShipsAPrecompiledExecutableModel() throws IOException {
        List<String> modelClasses = modelClasses();
        assertThat(modelClasses).as("generated rule classes listed in %s", MODEL_INDEX).isNotEmpty();
        for (String modelClass : modelClasses) {
            assertThat(getClass().getClassLoader().getResource(modelClass.replace('.', '/') + ".class"))
                    .as("generated model class %s", modelClass).isNotNull();
        }
    }

    /**
     * The build turns on drools.reproducibleExecutableModelGeneration (pom.xml), so the model is named by an MD5 of the
     * release id and the package, as Drools' PackageModel.getPkgUUID does, not by a random UUID: every build of one
     * version gives the same class names, and so the same jar.
     */
    @Test
    void theModelIsNamedTheSameOnEveryBuild() throws IOException, NoSuchAlgorithmException {
        String releaseId = System.getProperty("channelpolicy.releaseId");
        assertThat(releaseId).as("system property channelpolicy.releaseId, set by rules-dh/pom.xml for surefire").isNotNull();
        byte[] digest = MessageDigest.getInstance("MD5").digest((releaseId + "rulesets.dh").getBytes(StandardCharsets.UTF_8));

        assertThat(modelClasses()).containsExactly("rulesets.dh.Rules" + HexFormat.of().withUpperCase().formatHex(digest));
    }

    private static final String MODEL_INDEX = "META-INF/kie/uk.gov.channelpolicy/channel-policy-rules-dh/drools-model";

    private List<String> modelClasses() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MODEL_INDEX)) {
            assertThat(in).as("%s: without drools-model-compiler the build ships DRL only", MODEL_INDEX).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("Drools-Model-Version")).toList();
        }
    }
}
