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
                .startsWith("No: the Communications Division may not draft a tweet with party-political content on a DH minister's personal channel. ")
                .contains("Codes: Civil Service Code [civil-service-code] Ministerial Code [ministerial-code]")
                .contains("- DENY by dh.ministers.no-official-help-with-party-political Officials cannot assist with party political "
                        + "content on a minister's channel. \"DH officials cannot assist in the use of the channel for personal or "
                        + "party political content.\" (dh-twitter-guidance, section \"DH ministers on Twitter\")")
                .contains("- DENY by dh.partisan.no-civil-service-resources-for-party-politics")
                .contains("Whose work it is: - DH minister (dh.roles.minister-drafts-posts-and-converses)")
                .contains("Rules that fired, in order (")
                .contains("Why not? The smallest changes that would permit it: "
                        + "1. Ask the channel's owner (a DH minister), whose work it is: "
                        + "Yes, with obligations: a DH minister may draft a tweet with party-political content on their own personal channel. "
                        + "(PERMIT by dh.ministers.minister-uses-own-personal-channel)")
                .doesNotContain("actor.role");
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
        assertThat(alternatives).hasSize(1);
        JsonNode first = alternatives.get(0);
        assertThat(first.path("changes").toString()).isEqualTo("[{\"field\":\"ask\",\"from\":\"communications-division\","
                + "\"to\":\"minister\",\"description\":\"ask: communications-division -> minister\","
                + "\"instruction\":\"Ask the channel's owner (a DH minister), whose work it is\"}]");
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
                .startsWith("Yes, with obligations: a DH minister may post a tweet with departmental (DH) content on their own personal channel. ")
                .contains("Obligations (must be done if it goes ahead): - dh.ministers.treat-as-live-public-media")
                .contains("What would change it? The smallest changes that would stop it being permitted: "
                        + "1. Promote instead of post a tweet: No: no rule permits a DH minister to promote with departmental (DH) content "
                        + "on their own personal channel. (NOT_APPLICABLE: no rule permits or forbids it) "
                        + "2. Use a corporate channel instead of their own personal channel: No: a DH minister may not post a tweet with "
                        + "departmental (DH) content on a corporate channel. (DENY by dh.ministers.use-a-personal-channel)")
                .doesNotContain("Why not?");
    }

    @Test
    void explain_ofSomeoneOutsideDh_saysTheGuidanceSetsThemNoRules_inPlainWords() {
        CliRun run = CliRun.withStdin("{\"actor\":{\"role\":\"outside-government\",\"id\":\"branwen\"},\"action\":\"post\","
                + "\"channel\":{\"handle\":\"@dhgovuk\"},\"content\":[\"departmental\"]}", "explain", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(unwrapped(run.out()))
                .startsWith("No: no rule permits someone outside government, e.g. a journalist or a clinician to post a tweet with "
                        + "departmental (DH) content on a corporate channel. ")
                .contains("dh.advice.outside-dh-follow-your-own-guidance")
                .contains("\"Several government ministers and officials use Twitter to discuss their work with thousands of followers\"");
    }

    @Test
    void explain_saysWhoseWorkANotApplicableRequestIsAndWhichRulesCameClosest() {
        CliRun run = CliRun.withStdin(Requests.OFFICIAL_DRAFTS_FOR_MINISTER, "explain", "-");

        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(ExitStatus.OK);
        assertThat(unwrapped(run.out()))
                .startsWith("No: no rule permits a DH official to draft a tweet with departmental (DH) content on a DH minister's personal channel. ")
                .contains("Answer: NOT_APPLICABLE: no rule permits or forbids this, so no")
                .contains("Why: no rule permits or forbids this request. It is the work of DH minister (see \"Whose work it is\"). "
                        + "The rules that came closest, and what the request lacked: "
                        + "- dh.channels.civil-servant-uses-own-official-channel would PERMIT A named person in the Department drafts, posts, "
                        + "replies on and manages their own official channel for official engagement. It applies on their own official "
                        + "channel. \"Official: Tweets from a named person in the Department. Used for official engagement.\" "
                        + "(dh-twitter-guidance, section \"Corporate, official and personal Twitter channels\")")
                .doesNotContain("would DENY") // a rule that would permit it came as close: no rule that would forbid it is named
                .contains("Why not? The smallest changes that would permit it: "
                        + "1. Use their own personal channel instead of a DH minister's personal channel: ")
                .contains("2. Ask the channel's owner (a DH minister), whose work it is: ")
                .doesNotContain("no rule speaks");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void explain_listsAtMostMaxAlternatives_andRefusesFewerThanOne() {
        CliRun one = CliRun.withStdin(Requests.OFFICIAL_DRAFTS_FOR_MINISTER, "explain", "--max-alternatives", "1", "--format", "json", "-");
        CliRun none = CliRun.withStdin(Requests.OFFICIAL_DRAFTS_FOR_MINISTER, "explain", "--max-alternatives", "0", "-");

        assertThat(one.exitStatus()).as(one.toString()).isEqualTo(ExitStatus.OK);
        assertThat(one.out()).contains("\"alternatives\":[{\"changes\":[{\"field\":\"channel\"").doesNotContain("\"field\":\"ask\"");
        assertThat(none.exitStatus()).isEqualTo(ExitStatus.INVALID);
        assertThat(none.err()).contains("--max-alternatives must be at least 1, not 0");
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
