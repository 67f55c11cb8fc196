package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;

class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void explain_answersTheContractExampleInOneSentenceWithItsReasonsAndTheChangesThatWouldPermitIt() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);

        CliRun run = CliRun.run("explain", request.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.err()).isEmpty();
        assertThat(unwrapped(run.out()))
                .startsWith("No: the Communications Division may not draft a tweet with party-political content on a minister's personal channel. ")
                .contains("Codes: Civil Service Code [civil-service-code] Ministerial Code [ministerial-code]")
                .contains("- DENY by dh.ministers.no-official-help-with-party-political Officials cannot assist with party political "
                        + "content on a minister's channel. \"DH officials cannot assist in the use of the channel for personal or "
                        + "party political content.\" (dh-twitter-guidance, section \"DH ministers on Twitter\")")
                .contains("- DENY by dh.partisan.no-civil-service-resources-for-party-politics")
                .contains("Whose work it is: - Minister (dh.roles.minister-drafts-posts-and-converses)")
                .contains("Rules that fired, in order (")
                .contains("Why not? The smallest changes that would permit it: "
                        + "1. If actor.role: communications-division -> minister "
                        + "and channel.owner: another minister's channel -> the actor's own channel: "
                        + "Yes, with obligations: a minister may draft a tweet with party-political content on their own personal channel. "
                        + "(PERMIT by dh.ministers.minister-uses-own-personal-channel)");
        // Every rule that fired, classification rules included, one a line.
        assertThat(run.outLines()).contains("   dh.partisan.civil-servants", "   dh.ministers.minister-channel", "   dh.channels.declared-type");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void explain_writesTheDecisionWithTheRulesThatFiredAndTheAlternativesAsJson() throws IOException {
        CliRun run = CliRun.withStdin(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "explain", "--format", "json", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(run.outLines()).as("one JSON document on one line, as evaluate writes").hasSize(1);
        JsonNode explanation = JSON.readTree(run.out());
        // The library's one explanation shape, the same as the server's /v1/explain.
        try (ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").build()) {
            assertThat(run.out().strip()).isEqualTo(policy.json().write(policy.explain(
                    policy.json().readRequest(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER))));
        }
        JsonNode decision = explanation.path("decision");
        assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
        assertThat(EvaluateCommandTest.ruleIds(decision.path("reasons"))).containsExactly(
                "dh.ministers.no-official-help-with-party-political",
                "dh.partisan.no-civil-service-resources-for-party-politics");
        assertThat(decision.path("ruleSet").path("id").asText()).isEqualTo("dh");
        assertThat(EvaluateCommandTest.texts(explanation.path("rulesFired"))).contains("dh.partisan.civil-servants",
                "dh.partisan.no-civil-service-resources-for-party-politics", "dh.ministers.no-official-help-with-party-political");
        JsonNode alternatives = explanation.path("alternatives");
        assertThat(alternatives).isNotEmpty()
                .allSatisfy(alternative -> assertThat(alternative.path("decision").path("outcome").asText()).isEqualTo("PERMIT"));
        JsonNode first = alternatives.get(0);
        assertThat(first.path("changes").get(0).path("field").asText()).isEqualTo("actor.role");
        assertThat(first.path("changes").get(0).path("from").asText()).isEqualTo("communications-division");
        assertThat(first.path("changes").get(0).path("to").asText()).isEqualTo("minister");
        assertThat(first.path("changes").get(1).path("field").asText()).isEqualTo("channel.owner");
        assertThat(EvaluateCommandTest.ruleIds(first.path("decision").path("reasons")))
                .containsExactly("dh.ministers.minister-uses-own-personal-channel");
        assertThat(first.path("request").path("actor").path("role").asText()).isEqualTo("minister");
        // The alternative request really is permitted: evaluate agrees.
        CliRun check = CliRun.withStdin(first.path("request").toString(), "evaluate", "-");
        assertThat(JSON.readTree(check.out()).path("outcome").asText()).isEqualTo("PERMIT");
    }

    @Test
    void explain_saysWhatWouldStopAPermittedRequest() {
        CliRun run = CliRun.withStdin(Requests.MINISTER_POSTS_ON_OWN_CHANNEL, "explain", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(unwrapped(run.out()))
                .startsWith("Yes, with obligations: a minister may post a tweet with departmental (DH) content on their own personal channel. ")
                .contains("Obligations (must be done if it goes ahead): - dh.ministers.treat-as-live-public-media")
                .contains("What would change it? The smallest changes that would stop it being permitted: 1. If ")
                .doesNotContain("Why not?");
    }

    @Test
    void explain_exitsTwoWithTheProblemsForAnInvalidRequest() {
        CliRun run = CliRun.withStdin(Requests.MISSPELT_ROLE, "explain", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("channel-policy: invalid request in standard input (1 problem):")
                .contains("$.actor.role: \"minster\" is not a role").contains("Did you mean \"minister\"?").doesNotContain("\tat ");
    }

    @Test
    void explain_exitsOneWhenTheFileDoesNotExist() {
        Path missing = dir.resolve("no-such-request.json");

        CliRun run = CliRun.run("explain", missing.toString());

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.UNREADABLE_INPUT);
        assertThat(run.err()).contains("cannot read " + missing + ": no such file");
    }

    /** The text with every run of spaces and line breaks turned into one space, so wrapping and alignment do not matter. */
    private static String unwrapped(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
