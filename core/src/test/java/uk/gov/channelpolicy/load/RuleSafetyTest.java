package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.gov.channelpolicy.BackstopRules;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * A rule file must not become a way to run code. The policy profile refuses such text before anything compiles
 * (HostileRuleFilesTest); behind it, what the compiled rules reference is checked at load, the second wall, which these
 * tests reach by loading with the profile check off, as only the library's own tests can.
 */
class RuleSafetyTest {
    @TempDir
    Path directory;

    private static final String CONSEQUENCE = "then\nend\n\nrule \"Be brief\"";

    private RuleSetException loadWithConsequence(String javaStatement) throws IOException {
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        String text = Files.readString(drl);
        assertThat(text).contains(CONSEQUENCE);
        Files.writeString(drl, text.replace(CONSEQUENCE, "then\n    " + javaStatement + "\nend\n\nrule \"Be brief\""));
        RuleSetException profile = catchThrowableOfType(RuleSetException.class,
                () -> ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests().build());
        assertThat(profile).as("the policy profile refuses the consequence before anything compiles").isNotNull();
        assertThat(profile.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith(DrlProfile.REFUSED + "consequence"));
        return catchThrowableOfType(RuleSetException.class,
                () -> BackstopRules.outsideTheProfile(ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests()).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "System.exit(1);                                                        | java.lang.System.exit",
        "java.nio.file.Files.delete(java.nio.file.Path.of(\"/tmp/x\"));       | java.nio.file.Files",
        "new java.io.File(\"/tmp/x\").delete();                                | java.io.File",
        "Class.forName(\"java.lang.Runtime\");                                 | java.lang.Class.forName",
        "Runtime.getRuntime().exec(\"rm -rf /\");                              | java.lang.Runtime",
        "new Thread(() -> {}).start();                                         | java.lang.Thread",
        "System.getenv(\"HOME\");                                              | java.lang.System.getenv",
        "new java.net.Socket(\"127.0.0.1\", 80);                               | java.net.Socket",
        "String.class.getClassLoader();                                        | java.lang.Class.getClassLoader",
        "java.lang.invoke.MethodHandles.lookup();                              | java.lang.invoke.MethodHandles.lookup"})
    void load_refusesARuleThatCouldDoMoreThanDecide(String statement, String reference) throws IOException {
        RuleSetException refused = loadWithConsequence(statement);

        assertThat(refused).as("loading a rule that runs %s", statement).isNotNull();
        assertThat(refused.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("rules refer to " + reference).contains("which rules may not use"));
    }

    @Test
    void load_refusesForbiddenCodeInAConstraintToo() throws IOException {
        Newsroom.copyTo(directory);
        Path drl = directory.resolve("newsroom.drl");
        String text = Files.readString(drl);
        String constraint = "Request( action == \"post\" )\nthen\nend";
        assertThat(text).contains(constraint);
        Files.writeString(drl, text.replace(constraint, "Request( action == \"post\", System.getProperty(\"user.home\") != null )\nthen\nend"));

        RuleSetException refused = catchThrowableOfType(RuleSetException.class,
                () -> BackstopRules.outsideTheProfile(ChannelPolicy.builder().ruleSetDirectory(directory).ignoreFileDigests()).build());

        assertThat(refused).isNotNull();
        assertThat(refused.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("java.lang.System.getProperty"));
    }

    @Test
    void load_secondWallAcceptsRulesThatOnlyUseValuesAndCollections() throws IOException {
        RuleSetException refused = loadWithConsequence("java.util.List<String> seen = new java.util.ArrayList<>(); seen.add(\"x\");");

        assertThat(refused).isNull();
    }
}
