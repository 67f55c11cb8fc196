package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary.Term;
import uk.gov.channelpolicy.load.Vocabulary;

/** The renderer on its own, with a made-up rule set: it must know no department's ids. */
class DecisionTextTest {
    private static final Vocabulary VOCABULARY = Vocabulary.of(Map.of(
            Kind.ROLES, List.of(new Term("editor", "Editor"), new Term("reporter", "Reporter"),
                    new Term("standards-desk", "Standards Desk (the readers' ombudsman)")),
            Kind.CHANNEL_TYPES, List.of(new Term("newsroom", "Newsroom channel")),
            Kind.ACTIONS, List.of(new Term("post", "post a story")),
            Kind.CONTENT, List.of(new Term("news", "news"), new Term("opinion", "opinion")),
            Kind.CODES, List.of(new Term("press-code", "Press Code")),
            Kind.PRINCIPLES, List.of(new Term("be-accurate", "Be accurate")),
            Kind.CAPACITIES, List.of(new Term("official", "in an official capacity"))));
    private static final Citation CITATION = new Citation("newsroom-guide", "Opinion", "Opinion is labelled as opinion, always.");
    private static final RuleSetIdentity NEWSROOM = new RuleSetIdentity("newsroom", "2.0.0", "sha256:00");

    private final DecisionText text = new DecisionText(VOCABULARY, 60);

    @Test
    void outcome_saysWhatTheOutcomeMeans() {
        assertThat(DecisionText.outcome(decision(Outcome.DENY, List.of(), List.of()))).isEqualTo("DENY: no");
        assertThat(DecisionText.outcome(decision(Outcome.PERMIT, List.of(), List.of()))).isEqualTo("PERMIT: yes");
        assertThat(DecisionText.outcome(decision(Outcome.PERMIT, List.of(),
                List.of(new Obligation("newsroom.label", "Label it.", CITATION))))).isEqualTo("PERMIT: yes, with obligations");
        assertThat(DecisionText.outcome(decision(Outcome.NOT_APPLICABLE, List.of(), List.of()))).endsWith(", so no");
        assertThat(DecisionText.outcome(decision(Outcome.INDETERMINATE, List.of(), List.of()))).endsWith(", so no");
    }

    @Test
    void decision_showsLabelsRuleIdsQuotesAndSections() {
        Decision decision = new Decision(Outcome.PERMIT, "newsroom", List.of("press-code"),
                List.of(new Reason("newsroom.reporters-post-news", Effect.PERMIT, "Reporters post news.", CITATION)),
                List.of(new Obligation("newsroom.label-opinion", "Label opinion as opinion.", CITATION)),
                List.of(new Advice("newsroom.accuracy", "be-accurate", "Check facts.", CITATION)),
                List.of(new Responsibility("editor", "newsroom.editor-signs-off", "The editor signs off.", CITATION)),
                NEWSROOM);

        String rendered = text.decision(decision, "  ");

        assertThat(rendered).isEqualTo("""
                  Answer:        PERMIT: yes, with obligations
                  Channel type:  Newsroom channel [newsroom]
                  Codes:         Press Code [press-code]

                  Why:
                    - PERMIT by newsroom.reporters-post-news
                      Reporters post news.
                      "Opinion is labelled as opinion, always."
                      (newsroom-guide, section "Opinion")

                  Obligations (must be done if it goes ahead):
                    - newsroom.label-opinion
                      Label opinion as opinion.
                      "Opinion is labelled as opinion, always."
                      (newsroom-guide, section "Opinion")

                  Advice:
                    - Be accurate (newsroom.accuracy)
                      Check facts.
                      "Opinion is labelled as opinion, always."
                      (newsroom-guide, section "Opinion")

                  Whose work it is:
                    - Editor (newsroom.editor-signs-off)
                      The editor signs off.
                      "Opinion is labelled as opinion, always."
                      (newsroom-guide, section "Opinion")
                """);
    }

    @Test
    void decision_wrapsLongQuotesInsideTheQuotationMarks() {
        Citation longQuote = new Citation("newsroom-guide", "Opinion",
                "Opinion is labelled as opinion, always, and the label sits above the headline where every reader sees it.");
        Decision decision = decision(Outcome.DENY, List.of(new Reason("newsroom.unlabelled-opinion", Effect.DENY, "No.", longQuote)), List.of());

        String rendered = text.decision(decision, "");

        assertThat(rendered).contains("""
                    "Opinion is labelled as opinion, always, and the label
                     sits above the headline where every reader sees it."
                """);
        assertThat(rendered.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    }

    @Test
    void decision_saysWhenNoRuleSpokeAndWhenADenyOverridesAPermit() {
        Reason deny = new Reason("newsroom.a", Effect.DENY, "No.", CITATION);
        Reason permit = new Reason("newsroom.b", Effect.PERMIT, "Yes.", CITATION);

        assertThat(text.decision(decision(Outcome.NOT_APPLICABLE, List.of(), List.of()), ""))
                .contains("Why: no rule permits or forbids this request.");
        assertThat(text.decision(decision(Outcome.DENY, List.of(deny, permit), List.of()), ""))
                .contains("- DENY by newsroom.a\n")
                .contains("- PERMIT by newsroom.b (overridden by DENY)\n");
    }

    @Test
    void request_describesWhoWhatWhereInWordsWithoutPeoplesIds() {
        PolicyRequest request = PolicyRequest.builder(Actor.of("reporter", "rita-42"), "post")
                .channel(Channel.ownedBy(Owner.of("reporter", "rita-42")).withHandle("@rita"))
                .content("news", "opinion")
                .build();

        String rendered = text.request(request, "");

        assertThat(rendered).isEqualTo("""
                Who:           Reporter, on their own channel
                Action:        post a story
                Channel:       @rita; owned by: Reporter
                Content:       news; opinion
                """);
        assertThat(rendered).doesNotContain("rita-42");
    }

    @Test
    void request_saysWhoseTweetIsPromotedOrShared_withoutTheirId() {
        PolicyRequest request = PolicyRequest.builder(Actor.of("reporter", "rita-42"), "post")
                .channel(Channel.unattributed().withHandle("@paper"))
                .source(new Source("@ed", Owner.of("editor", "ed-7").withCapacity("official")))
                .content("news")
                .build();

        assertThat(text.request(request, "")).isEqualTo("""
                Who:           Reporter
                Action:        post a story
                Channel:       @paper; attributed to no named person
                Whose tweet:   Editor, in an official capacity (@ed)
                Content:       news
                """);
        PolicyRequest own = request.toBuilder().source(Source.ownedBy(Owner.of("reporter", "rita-42"))).build();
        assertThat(text.request(own, "")).contains("Whose tweet:   their own\n").doesNotContain("rita-42");
        PolicyRequest organisation = request.toBuilder().source(Source.unattributed()).build();
        assertThat(text.request(organisation, "")).contains("Whose tweet:   an organisation's (no named person's)\n");
    }

    @Test
    void sentence_answersInOneSentenceFromTheVocabularysLabels() {
        PolicyRequest own = PolicyRequest.builder(Actor.of("reporter", "rita-42"), "post")
                .channel(Channel.ownedBy(Owner.of("reporter", "rita-42"))).content("news", "opinion").build();
        PolicyRequest editors = PolicyRequest.builder(Actor.of("reporter", "rita-42"), "post")
                .channel(Channel.ownedBy(Owner.of("editor", "ed-1"))).content("opinion").build();
        PolicyRequest unattributed = PolicyRequest.builder(Actor.of("standards-desk", "desk"), "post")
                .channel(Channel.unattributed()).content("news").build();
        Obligation label = new Obligation("newsroom.label", "Label it.", CITATION);

        assertThat(text.sentence(own, decision(Outcome.PERMIT, List.of(), List.of())))
                .isEqualTo("Yes: a reporter may post a story with news and opinion on their own newsroom channel.");
        assertThat(text.sentence(own, decision(Outcome.PERMIT, List.of(), List.of(label))))
                .startsWith("Yes, with obligations: a reporter may post a story");
        assertThat(text.sentence(editors, decision(Outcome.DENY, List.of(), List.of())))
                .isEqualTo("No: a reporter may not post a story with opinion on an editor's newsroom channel.");
        assertThat(text.sentence(unattributed, decision(Outcome.NOT_APPLICABLE, List.of(), List.of())))
                .isEqualTo("No: no rule permits the Standards Desk to post a story with news on a newsroom channel.");
        assertThat(text.sentence(unattributed, new Decision(Outcome.INDETERMINATE, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                NEWSROOM))).isEqualTo("No: a rule failed while deciding whether the Standards Desk may post a story with news on the channel.");
    }

    @Test
    void paragraph_wrapsEveryLineUnderTheIndent() {
        assertThat(text.paragraph("Yes: a reporter may post a story with news and opinion on their own newsroom channel.", "  "))
                .isEqualTo("  Yes: a reporter may post a story with news and opinion on\n  their own newsroom channel.\n");
    }

    @Test
    void numbered_hangsWrappedTextUnderTheText() {
        assertThat(text.numbered(3, "May a reporter post an opinion piece on the newsroom channel without a label?"))
                .isEqualTo(" 3. May a reporter post an opinion piece on the newsroom\n    channel without a label?\n");
    }

    @Test
    void constructor_refusesATooNarrowWidth() {
        assertThatThrownBy(() -> new DecisionText(VOCABULARY, 39)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Decision decision(Outcome outcome, List<Reason> reasons, List<Obligation> obligations) {
        return new Decision(outcome, "newsroom", List.of("press-code"), reasons, obligations, List.of(), List.of(), NEWSROOM);
    }
}
