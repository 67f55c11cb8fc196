package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;

/**
 * Advice declares the outcomes it applies to ({@code @outcomes}), the profile and the loader require it of every
 * advice rule and of no other, and a decision with another outcome does not carry the advice.
 */
class AdviceOutcomesTest {
    private static final String HEAD = "package rulesets.newsroom;\n\nimport uk.gov.channelpolicy.facts.Request;\n\n";

    @TempDir
    Path directory;

    private static String adviceRule(String annotations) {
        return HEAD + "rule \"Generated\"\n    @id(\"newsroom.fuzz.generated\")\n" + annotations
                + "    @description(\"d\")\n    @citation(\"Channels\")\n    @quote(\"q\")\nwhen\n    Request( action == \"post\" )\nthen\nend\n";
    }

    private static List<String> problems(String text) {
        return DrlProfile.check(List.of(new DrlProfile.Source("fuzz.drl", text, "rulesets.newsroom"))).problems().stream()
                .map(Problem::message).toList();
    }

    @Test
    void theProfile_requiresOutcomesOnAdvice_andOnlyThere_spelledAsOutcomes() {
        assertThat(problems(adviceRule("    @effect(\"advice\") @outcomes(\"permit, not-applicable\")\n"))).isEmpty();
        assertThat(problems(adviceRule("    @effect(\"advice\")\n"))).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "annotation: @effect(\"advice\") needs @outcomes(\"...\"), the outcomes it applies to,"
                        + " from [deny, not-applicable, permit]");
        assertThat(problems(adviceRule("    @effect(\"deny\") @outcomes(\"deny\")\n"))).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "annotation: @outcomes is only for @effect(\"advice\")");
        assertThat(problems(adviceRule("    @effect(\"advice\") @outcomes(\"permit, maybe\")\n"))).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "annotation: @outcomes(\"permit, maybe\") has \"maybe\", which is not one of"
                        + " [deny, not-applicable, permit]");
        assertThat(problems(adviceRule("    @effect(\"advice\") @outcomes(\"deny, deny\")\n"))).singleElement().asString()
                .contains("@outcomes(\"deny, deny\") lists \"deny\" twice");
    }

    @Test
    void evaluate_givesAdviceOnlyToDecisionsWithAnOutcomeItDeclares() throws IOException {
        Path copy = Newsroom.copyTo(directory);
        Path drl = copy.resolve("newsroom.drl");
        Files.writeString(drl, Files.readString(drl).replace("@outcomes(\"permit, deny, not-applicable\")", "@outcomes(\"permit\")"));
        ChannelPolicy permitOnly = ChannelPolicy.builder().ruleSetDirectory(copy).ignoreFileDigests().build();
        PolicyRequest news = PolicyRequest.builder(Actor.of("editor", "ed"), "post").channel(new Channel(null, null, null)).content("news").build();
        PolicyRequest opinion = PolicyRequest.builder(Actor.of("editor", "ed"), "post").channel(new Channel(null, null, null)).content("opinion").build();

        assertThat(permitOnly.evaluate(news).outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(permitOnly.evaluate(news).advice()).extracting(Advice::rule).containsExactly("newsroom.posting.be-brief");
        assertThat(permitOnly.evaluate(opinion).outcome()).isEqualTo(Outcome.DENY);
        assertThat(permitOnly.evaluate(opinion).advice()).isEmpty();
        assertThat(Newsroom.policy().evaluate(opinion).advice()).as("declared for every outcome, it stays")
                .extracting(Advice::rule).containsExactly("newsroom.posting.be-brief");
        RuleInfo brief = permitOnly.ruleSet().rule("newsroom.posting.be-brief").orElseThrow();
        assertThat(permitOnly.ruleSet().adviceOutcomes(brief)).containsExactly(Outcome.PERMIT);
    }
}
