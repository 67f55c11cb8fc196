package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.facts.Request;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.tools.InvariantCheck;
import uk.gov.channelpolicy.tools.RequestDomain;
import uk.gov.channelpolicy.tools.RuleSetDiff;
import uk.gov.channelpolicy.tools.scenario.Conformance;

/**
 * A fork of the newsroom rule set (which is on the test classpath under rulesets/newsroom): it adds
 * a columnist role, lets columnists post opinion (overriding the opinion ban) and withdraws the brevity advice.
 */
class ForkTest {
    @TempDir
    Path directory;

    private static final String GUIDANCE = "Columnists\nColumnists post their opinion on the newsroom account.\n";

    private static final String RULES = """
            package rulesets.opinion;

            import uk.gov.channelpolicy.facts.Request;
            import rulesets.newsroom.ChannelIs;

            rule "Columnists post opinion"
                @id("opinion.posting.columnists-post")
                @effect("permit")
                @description("Columnists post their opinion on the newsroom account.")
                @citation("Columnists")
                @quote("Columnists post their opinion on the newsroom account.")
            when
                ChannelIs( type == "newsroom" )
                Request( actorRole == "columnist", action == "post" )
            then
            end

            rule "Only columnists post opinion"
                @id("newsroom.posting.no-opinion")
                @effect("deny")
                @description("Opinion on the newsroom account comes from columnists only.")
                @citation("Columnists")
                @quote("Columnists post their opinion on the newsroom account.")
            when
                ChannelIs( type == "newsroom" )
                Request( content contains "opinion", actorRole != "columnist" )
            then
            end
            """;

    private void writeFork(String manifestChanges) throws IOException {
        Files.writeString(directory.resolve("columnists.txt"), GUIDANCE);
        Files.writeString(directory.resolve("opinion.drl"), RULES);
        String manifest = """
                {
                  "id": "opinion",
                  "version": "0.1.0",
                  "department": "Opinion desk",
                  "effective": "2026-06-01",
                  "source": { "id": "opinion-guidance", "title": "Columnists", "file": "columnists.txt", "sha256": "%s" },
                  "extends": { "id": "newsroom", "version": "0.1.0" },
                  "vocabulary": { "roles": [ { "id": "columnist", "label": "Columnist" } ] },
                  "overrides": [ "newsroom.posting.no-opinion" ],
                  "withdraws": [ "newsroom.posting.be-brief" ],
                  "intentionalDifferences": { "posting/editor-posts-opinion.json": "Editors still may not post opinion, but the deciding rule is the fork's." }
                }
                """.formatted(RuleSetFiles.sha256Hex(GUIDANCE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (String change : manifestChanges.split("\n")) {
            if (!change.isBlank()) {
                String[] fromTo = change.split(" => ");
                assertThat(manifest).contains(fromTo[0]);
                manifest = manifest.replace(fromTo[0], fromTo[1]);
            }
        }
        Files.writeString(directory.resolve("manifest.json"), manifest);
    }

    private ChannelPolicy fork() {
        return ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build();
    }

    @Test
    void fork_addsAVocabularyIdOverridesOneRuleAndWithdrawsAnother() throws IOException {
        writeFork("");
        ChannelPolicy fork = fork();

        assertThat(fork.vocabulary().ids(Kind.ROLES)).containsExactly("editor", "writer", "columnist");
        assertThat(fork.evaluate(Newsroom.request("columnist", "post", Channel.unattributed(), "opinion")))
                .isPermitted().citesExactly("opinion.posting.columnists-post");
        Decision editor = fork.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "opinion"));
        assertThat(editor).isDenied().cites("newsroom.posting.no-opinion");
        assertThat(editor.reasons().get(0).citation().source()).as("the override cites the fork's guidance").isEqualTo("opinion-guidance");
        assertThat(fork.ruleSet().rule("newsroom.posting.be-brief")).as("withdrawn").isEmpty();
        assertThat(fork.ruleSet().rule("newsroom.posting.check-twice").orElseThrow().citation().source()).isEqualTo("newsroom-guidance");
        assertThat(fork.ruleSet().identity().digest()).isNotEqualTo(Newsroom.policy().ruleSet().identity().digest());
    }

    @Test
    void fork_refusesAnOverrideOrWithdrawalOfARuleTheBaseDoesNotHave() throws IOException {
        writeFork("""
                "newsroom.posting.be-brief" ] => "newsroom.posting.be-breif" ]
                """);

        RuleSetException refused = catchThrowableOfType(RuleSetException.class, this::fork);

        assertThat(refused.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("withdraws \"newsroom.posting.be-breif\", which is not a rule of newsroom 0.1.0");
            assertThat(p.suggestion()).isEqualTo("newsroom.posting.be-brief");
        });
    }

    @Test
    void fork_refusesAnUnknownBaseOrTheWrongBaseVersion() throws IOException {
        writeFork("""
                "version": "0.1.0" } => "version": "0.2.0" }
                """);
        assertThat(catchThrowableOfType(RuleSetException.class, this::fork).problems().get(0).message())
                .contains("extends newsroom 0.2.0 but the classpath has newsroom 0.1.0");

        writeFork("""
                "id": "newsroom", "version" => "id": "newsrom", "version"
                """);
        assertThat(catchThrowableOfType(RuleSetException.class, this::fork).problems().get(0).message())
                .contains("extends \"newsrom\", which is not on the classpath");
    }

    @Test
    void fork_refusesToReuseABaseRuleIdWithoutDeclaringTheOverride() throws IOException {
        writeFork("""
                "overrides": [ "newsroom.posting.no-opinion" ], => "overrides": [],
                """);

        assertThat(catchThrowableOfType(RuleSetException.class, this::fork).problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("is also a rule of newsroom: list it under overrides"));
    }

    @Test
    void conformance_runsUpstreamScenariosAndSeparatesDeclaredFromUndeclaredFailures() throws IOException {
        writeFork("");

        Conformance conformance = Conformance.check(fork());

        assertThat(conformance.passed()).extracting(r -> r.name()).containsExactly("posting/editor-posts-opinion.json");
        assertThat(conformance.undeclared()).extracting(r -> r.name()).containsExactly("posting/editor-posts-news.json");
        assertThat(conformance.undeclared().get(0).report()).contains("newsroom.posting.be-brief");
        assertThat(conformance.stale()).containsExactly("posting/editor-posts-opinion.json");
        assertThat(conformance.conforms()).isFalse();
    }

    @Test
    void diff_listsEveryRequestTheForkDecidesDifferently() throws IOException {
        writeFork("");

        RuleSetDiff diff = RuleSetDiff.between(Newsroom.policy(), fork());

        assertThat(diff.domainSize()).isEqualTo(RequestDomain.of(fork().vocabulary()).size());
        // Only the columnist is new; withdrawing advice changes no outcome or code, so nothing else differs.
        assertThat(diff.differences()).isNotEmpty().allSatisfy(d -> assertThat(d.request().toString()).contains("role=columnist"));
        // Stated newsroom type with any of 9 owners, or no type and no owner; three content sets.
        assertThat(diff.groups()).extracting(RuleSetDiff.Group::summary)
                .contains("columnist · post · newsroom: NOT_IN_VOCABULARY -> PERMIT for 30 requests, by opinion.posting.columnists-post; before: no rule");
    }

    @Test
    void invariants_includeTheBasesAndFindACounterexample() throws IOException {
        writeFork("");

        InvariantCheck check = InvariantCheck.run(fork());

        InvariantCheck.Result opinion = check.results().get(0);
        assertThat(opinion.invariant().id()).isEqualTo("no-opinion-on-the-newsroom-account");
        assertThat(opinion.holds()).isFalse();
        assertThat(opinion.example().actor().role()).isEqualTo("columnist");
        assertThat(opinion.why()).isEqualTo("the outcome is PERMIT, which must never happen here");
    }
}
