package uk.gov.channelpolicy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.tools.RequestDomain;

/** The streaming decision writer against the tree writer: the same bytes for every decision. */
class DecisionWriterTest {
    private static final ChannelPolicy POLICY = Newsroom.policy();
    private static final PolicyJson JSON = POLICY.json();

    private static void assertSameBytes(Decision decision) throws Exception {
        String tree = JSON.writeByTree(decision);
        assertThat(JSON.write(decision)).isEqualTo(tree);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSON.write(decision, out);
        assertThat(out.toByteArray()).isEqualTo(tree.getBytes(StandardCharsets.UTF_8));
        // Twice: the second time from the parts kept.
        assertThat(JSON.write(decision)).isEqualTo(tree);
    }

    @Test
    void everyDecisionOfTheDomain_isWrittenAsTheTreeWritesIt() throws Exception {
        Set<Outcome> outcomes = new HashSet<>();
        int written = 0;
        for (PolicyRequest request : RequestDomain.of(POLICY.vocabulary())) {
            Decision decision = POLICY.evaluate(request);
            outcomes.add(decision.outcome());
            assertSameBytes(decision);
            written++;
        }
        assertThat(written).isGreaterThan(50);
        assertThat(outcomes).contains(Outcome.PERMIT, Outcome.DENY, Outcome.NOT_APPLICABLE);
    }

    @Test
    void textNeedingEscapesAndEveryOptionalPart_isWrittenAsTheTreeWritesIt() throws Exception {
        String nasty = "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f curly \u201cq\u201d"
                + " pound \u00a3 line-separator \u2028 emoji \uD83D\uDE00 \u00e9";
        Citation citation = new Citation("src " + nasty, "Section " + nasty, "Quote " + nasty);
        RuleSetIdentity identity = new RuleSetIdentity("id " + nasty, "1.0.0", "sha256:00");
        Decision permit = new Decision(Outcome.PERMIT, "personal " + nasty, List.of("code-a", "code " + nasty),
                List.of(new Reason("x.permit", Effect.PERMIT, "m " + nasty, citation)),
                List.of(new Obligation("x.must", "o " + nasty, citation), new Obligation("x.must.too", "o2", citation)),
                List.of(new Advice("x.advice", "be-brief", "a " + nasty, citation), new Advice("x.advice.plain", null, "a2", citation)),
                List.of(new Responsibility("editor", "x.resp", "r " + nasty, citation)), identity, null);
        Decision indeterminate = new Decision(Outcome.INDETERMINATE, null, List.of(), List.of(), List.of(), List.of(), List.of(), identity,
                null);
        Decision notApplicable = new Decision(Outcome.NOT_APPLICABLE, "named", List.of(), List.of(), List.of(), List.of(), List.of(),
                identity, new Decision.NotApplicable("summary " + nasty, List.of("editor", "writer"),
                        List.of(new Decision.ClosestRule("x.closest", Effect.DENY, "c " + nasty, List.of("lacks " + nasty, "and more"), citation))));

        Decision plain = new Decision(Outcome.NOT_APPLICABLE, "named", List.of(), List.of(), List.of(), List.of(), List.of(), identity,
                new Decision.NotApplicable("plain ASCII, then Latin-1 \u00e9\u00a3 and more \u201ccurly\u201d \uD83D\uDE00", List.of(), List.of()));
        Decision lone = new Decision(Outcome.NOT_APPLICABLE, "named", List.of(), List.of(), List.of(), List.of(), List.of(), identity,
                new Decision.NotApplicable("a lone surrogate \uD83D here", List.of(), List.of()));
        assertThat(JSON.writeByTree(lone)).isNotEmpty();

        for (Decision decision : List.of(permit, indeterminate, notApplicable, plain, lone)) {
            assertSameBytes(decision);
        }
    }
}
