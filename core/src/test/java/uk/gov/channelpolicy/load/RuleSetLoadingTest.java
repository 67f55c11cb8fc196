package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.facts.Request;

/** A broken rule set is refused with every problem named, never half-loaded. */
class RuleSetLoadingTest {
    @TempDir
    Path directory;

    private RuleSetException loadFails() {
        RuleSetException e = catchThrowableOfType(RuleSetException.class,
                () -> ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build());
        assertThat(e).as("loading %s should fail", directory).isNotNull();
        return e;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = directory.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    @Test
    void load_reportsFileAndLineOfASyntaxError() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "Request( actorRole == \"editor\", action == \"post\" )", "Request( actorRole == \"editor\", action == )");

        Problem problem = loadFails().problems().get(0);

        assertThat(problem.path()).isEqualTo("newsroom.drl");
        assertThat(problem.line()).isEqualTo(Newsroom.lineOf("Request( actorRole == \"editor\", action == \"post\" )"));
    }

    @Test
    void load_reportsAnUnknownField() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "Request( actorRole == \"editor\", action == \"post\" )", "Request( actorRol == \"editor\", action == \"post\" )");

        Problem problem = loadFails().problems().get(0);

        assertThat(problem.path()).isEqualTo("newsroom.drl");
        assertThat(problem.message()).contains("actorRol");
        assertThat(problem.line()).isEqualTo(Newsroom.lineOf("Request( actorRole == \"editor\", action == \"post\" )"));
    }

    @Test
    void load_refusesAQuoteThatIsNotVerbatim() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "@quote(\"Editors post on the newsroom account.\")", "@quote(\"Editors may post on the newsroom account.\")");

        assertThat(loadFails().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("not verbatim").contains("Editors may post"));
    }

    @Test
    void load_refusesARuleWithoutIdOrCitation() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "    @id(\"newsroom.posting.be-brief\")\n", "");
        edit("newsroom.drl", "    @citation(\"Codes\")\n", "");

        assertThat(loadFails().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("has no @id"))
                .anySatisfy(m -> assertThat(m).contains("newsroom.codes.house-style").contains("has no @citation"));
    }

    @Test
    void load_refusesDuplicateRuleIds() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "@id(\"newsroom.posting.be-brief\")", "@id(\"newsroom.posting.check-twice\")");

        assertThat(loadFails().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("is also the id of rule"));
    }

    @Test
    void load_refusesGuidanceThatNoLongerMatchesTheManifest() throws IOException {
        Newsroom.copyTo(directory);
        Files.writeString(directory.resolve("newsroom-guidance.txt"), "\nEdited.", java.nio.file.StandardOpenOption.APPEND);

        assertThat(loadFails().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("the guidance text changed"));
    }

    @Test
    void load_readsATermsOneLineDefinition_andRefusesABlankOne() throws IOException {
        Newsroom.copyTo(directory);
        edit("manifest.json", "\"label\": \"opinion\"\n", "\"label\": \"opinion\",\n        \"description\": \"What a writer thinks, not what happened.\"\n");

        Vocabulary vocabulary = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build().vocabulary();
        assertThat(vocabulary.terms(Vocabulary.Kind.CONTENT)).containsExactly(new Vocabulary.Term("news", "news"),
                new Vocabulary.Term("opinion", "opinion", "What a writer thinks, not what happened."));

        edit("manifest.json", "\"What a writer thinks, not what happened.\"", "\" \"");
        assertThat(loadFails().problems()).extracting(Problem::path, Problem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("manifest.json $.vocabulary.content[1].description", "must be a non-empty string"));
    }

    @Test
    void load_refusesAManifestWithUnknownOrMissingFields() throws IOException {
        Newsroom.copyTo(directory);
        edit("manifest.json", "\"version\": \"0.1.0\",", "\"versoin\": \"0.1.0\",");

        assertThat(loadFails().problems()).extracting(Problem::path)
                .contains("manifest.json $.versoin", "manifest.json $.version");
    }

    @Test
    void load_refusesARuleThatDeclaresNoEffectAndClassifiesNothing() throws IOException {
        Newsroom.copyTo(directory);
        Files.writeString(directory.resolve("silent.drl"), """
                package rulesets.newsroom;
                import uk.gov.channelpolicy.facts.Request;
                rule "Reports nothing"
                    @id("newsroom.channels.silent")
                    @description("Matches but has no way to report.")
                    @citation("Channels")
                    @quote("A named writer's account is their own.")
                when
                    Request()
                then
                end
                """);

        assertThat(loadFails().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("silent.drl");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).isEqualTo(DrlProfile.REFUSED + "annotation: rule \"Reports nothing\" has no @effect and"
                    + " inserts nothing; say what it finds: @effect(\"permit\"), @effect(\"deny\"), @effect(\"channel-type\"),"
                    + " @effect(\"code\"), @effect(\"obligation\"), @effect(\"advice\"), @effect(\"responsibility\")");
        });
    }

    @Test
    void load_digestChangesWhenARuleFileChanges() throws IOException {
        Newsroom.copyTo(directory);
        String before = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build().ruleSet().identity().digest();
        edit("newsroom.drl", "@description(\"Keep it short.\")", "@description(\"Keep it short, please.\")");

        String after = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).build().ruleSet().identity().digest();

        assertThat(after).isNotEqualTo(before);
        assertThat(before).isEqualTo(Newsroom.policy().ruleSet().identity().digest());
    }

    @Test
    void load_refusesAnInterpretationThatDoesNotExplainItsReading() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "@interpretation(\"The guidance says opinion never appears there; the rule denies any request that carries it.\")",
                "@interpretation(\"true\")");

        assertThat(loadFails().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("newsroom.posting.no-opinion").contains("must explain the reading"));
    }

    @Test
    void load_refusesAnAnnotationThatIsNotAStringLiteral() throws IOException {
        Newsroom.copyTo(directory);
        edit("newsroom.drl", "@interpretation(\"The guidance says opinion never appears there; the rule denies any request that carries it.\")",
                "@interpretation(true)");

        assertThat(loadFails().problems()).extracting(Problem::message).containsExactly(DrlProfile.REFUSED + "annotation:"
                + " @interpretation on rule \"No opinion on the newsroom account\" has a value that is not one string literal:"
                + " {value=true}; write @interpretation(\"text\"): one string, no expression, no concatenation");
    }
}
