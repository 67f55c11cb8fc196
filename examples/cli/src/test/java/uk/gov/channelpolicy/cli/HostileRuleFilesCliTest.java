package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.HostileFiles.Hostile;
import uk.gov.channelpolicy.HostileFiles;

/**
 * Every command that loads a rule-set directory refuses each hostile rule file of core's corpus, and
 * none of them lets its payload run: validate reports the profile problem, evaluate and seal refuse
 * the rule set.
 */
class HostileRuleFilesCliTest {
    /** For all three commands on one file; refusing takes a fraction of a second, so only a hang reaches it. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> validateEvaluateAndSeal_refuseEachHostileFileWithoutRunningIt() {
        return HostileFiles.corpus().stream()
                .map(hostile -> DynamicTest.dynamicTest(hostile.name(), hostile.file().toUri(), () -> refusedByEveryCommand(hostile)));
    }

    private void refusedByEveryCommand(Hostile hostile) throws IOException {
        Path work = Files.createDirectories(temp.resolve(hostile.name()));
        Path marker = work.resolve("marker");
        Path rules = HostileFiles.newsroomWith(hostile, work, marker);
        Path request = Files.writeString(work.resolve("request.json"), HostileFiles.NEWSROOM_REQUEST);
        String refusal = HostileFiles.PROFILE + hostile.expect();

        CliRun[] runs = assertTimeoutPreemptively(LIMIT, () -> new CliRun[] {
            CliRun.run("validate", rules.toString()),
            CliRun.run("evaluate", "--rules", rules.toString(), request.toString()),
            CliRun.run("seal", rules.toString())},
                () -> "validate, evaluate and seal of the rule set with " + hostile.name() + " took over " + LIMIT.toSeconds() + " s");

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(marker).as("%s: a payload ran, creating %s", hostile.name(), marker).doesNotExist();
        CliRun validate = runs[0];
        softly.assertThat(validate.exitStatus()).as("validate: %s", validate).isEqualTo(ExitStatus.VALIDATION_PROBLEMS);
        softly.assertThat(validate.out()).as("validate: %s", validate).contains(hostile.name()).contains(refusal);
        CliRun evaluate = runs[1];
        softly.assertThat(evaluate.exitStatus()).as("evaluate: %s", evaluate).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        softly.assertThat(evaluate.err()).as("evaluate: %s", evaluate).contains(refusal);
        CliRun seal = runs[2];
        softly.assertThat(seal.exitStatus()).as("seal: %s", seal).isEqualTo(ExitStatus.RULE_SET_PROBLEM);
        softly.assertThat(seal.err()).as("seal: %s", seal).contains(refusal);
        softly.assertAll();
    }
}
