package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private static CliRun run;

    @BeforeAll
    static void runTheDemoOnce() {
        run = CliRun.run("demo");
    }

    @Test
    void demo_exitsZeroWithNothingOnStderr() {
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void demo_asksEveryQuestionInTheRuleSetsDemoFileInOrder() throws IOException {
        List<String> questions = questions();
        assertThat(questions).hasSizeBetween(8, 10);
        int from = 0;
        for (int i = 0; i < questions.size(); i++) {
            String numbered = String.format("%2d. ", i + 1);
            int at = run.out().replaceAll("\\s*\\n\\s+", " ").indexOf(numbered + questions.get(i), from);
            assertThat(at).as("question %d, \"%s\", after the previous one", i + 1, questions.get(i)).isGreaterThanOrEqualTo(from);
            from = at;
        }
    }

    @Test
    void demo_answersWithOutcomesAndTheRulesThatDecided() {
        String out = run.out();
        assertThat(out)
                .contains("PERMIT: yes, with obligations")
                .contains("DENY: no")
                .contains("NOT_APPLICABLE:")
                .contains("PERMIT by dh.ministers.minister-uses-own-personal-channel")
                .contains("DENY by dh.ministers.no-official-help-with-party-political")
                .contains("PERMIT by dh.roles.communications-may-promote-via-departmental-channels")
                .contains("DENY by dh.partisan.no-party-political-on-corporate-or-official")
                .contains("PERMIT by dh.channels.civil-servant-uses-own-personal-channel")
                .contains("DENY by dh.channels.official-carries-no-personal-content")
                .contains("PERMIT by dh.roles.private-office-may-support-ministers")
                .contains("DENY by dh.ministers.use-a-personal-channel")
                .contains("- dh.advice.clinical-trial-ethics")
                .contains("- dh.ministers.treat-as-live-public-media");
    }

    @Test
    void demo_answersEachQuestionAsTheGuidanceDoes() {
        List<String> answers = run.out().lines().filter(line -> line.strip().startsWith("Answer:"))
                .map(line -> line.strip().substring("Answer:".length()).strip().split(":")[0]).toList();
        assertThat(answers).containsExactly(
                "PERMIT", // a minister's own party-political tweet
                "DENY", // the Communications Division drafting it
                "PERMIT", // promoting non-party-political content via @dhgovuk
                "DENY", // promoting party-political content via @dhgovuk
                "PERMIT", // an official on their own personal channel
                "DENY", // personal content on an official channel
                "PERMIT", // the private office supporting a minister
                "NOT_APPLICABLE", // analysis by someone other than the Communications Division
                "PERMIT", // clinical-trial recruitment on an official's official channel, with advice
                "DENY"); // a minister on @dhgovuk
    }

    @Test
    void demo_showsLabelsQuotesAndWhoseWorkItIs() {
        String out = run.out();
        assertThat(out)
                .contains("Ministerial Code [ministerial-code]")
                .contains("Civil Service Code [civil-service-code]")
                .contains("Personal channel (a named person, personal engagement)")
                .contains("\"DH ministers who wish to use Twitter should use a personal channel\"")
                .contains("(dh-twitter-guidance, section \"DH ministers on Twitter\")")
                .contains("Whose work it is:")
                .contains("(dh.roles.communications-analyses-reach-and-impact)")
                .contains("NRES or the HRA");
    }

    @Test
    void demo_marksAPermitThatADenyOverrides() {
        assertThat(run.out().replaceAll("\\s*\\n\\s+", " "))
                .contains("PERMIT by dh.roles.communications-may-promote-via-departmental-channels (overridden by DENY)");
    }

    @Test
    void demo_isPlainAsciiLayoutWithinEightyColumns() {
        assertThat(run.out()).doesNotContain("\u001b");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    private static List<String> questions() throws IOException {
        try (InputStream in = DemoCommandTest.class.getClassLoader().getResourceAsStream("rulesets/dh/demo.json")) {
            assertThat(in).as("rulesets/dh/demo.json on the classpath").isNotNull();
            JsonNode demo = new ObjectMapper().readTree(in);
            List<String> questions = new ArrayList<>();
            demo.forEach(item -> questions.add(item.path("question").asText()));
            return questions;
        }
    }
}
