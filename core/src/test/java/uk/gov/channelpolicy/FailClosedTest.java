package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.engine.FiringMonitor;

/** A rule that fails while evaluating never throws to the caller and never permits. */
class FailClosedTest {
    private final ChannelPolicy policy = Newsroom.policyWithFaults();

    @Test
    void evaluate_isIndeterminateNamingTheRuleWhenAConsequenceThrows() {
        // The throwing rule calls permit() before it throws: that partial permit must not leak out.
        Decision decision = policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "explosive"));

        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.throwing-consequence");
        assertThat(decision.reasons().get(0).effect()).isEqualTo(Effect.INDETERMINATE);
        assertThat(decision.reasons().get(0).message()).contains("consequence failed on purpose")
                .as("a decision may reach a service's callers: no Java class names").doesNotContainPattern("java\\.|Exception");
        assertThat(decision.obligations()).isEmpty();
    }

    @Test
    void evaluate_isIndeterminateNamingTheRuleWhenAConstraintThrows() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "crash", Channel.unattributed(), "news"));

        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.throwing-constraint");
        assertThat(decision.reasons().get(0).message()).doesNotContainPattern("java\\.[a-z]+\\.[A-Z]|\\tat ");
    }

    @Test
    void evaluate_keepsServingAfterARuleFails() {
        policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "explosive"));

        assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();
    }

    @Test
    void outcome_onlyPermitAllows() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(outcome.allows()).as(outcome.name()).isEqualTo(outcome == Outcome.PERMIT);
        }
    }

    @Test
    void evaluate_stopsARuleThatRunsAwayAtTheCapOnInsertedFacts() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "loop", Channel.unattributed(), "news"));

        // It inserts a fact at every firing, so the cap on inserted facts stops it first; the firing limit is the backstop.
        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.runaway");
        assertThat(decision.reasons().get(0).message()).contains("inserted more than " + FiringMonitor.MAX_FACTS + " facts");
    }

    @Test
    void evaluate_givesIndeterminateNamingTheRuleWhenItOverflowsTheStack() {
        Decision decision = policy.evaluate(Newsroom.request("editor", "recurse", Channel.unattributed(), "news"));

        assertThat(decision).isIndeterminate().citesExactly("newsroom.faults.recursion");
        assertThat(decision.reasons().get(0).message()).endsWith("(failed while evaluating: StackOverflowError)");
        assertThat(policy.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();
    }

    @Test
    void evaluate_failsClosedWhenRulesInsideTheProfileInsertTooManyFacts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // Nine rules of eight inserts each: inside the profile, but more facts than one evaluation may make.
        Newsroom.copyTo(dir);
        // Drools keeps no fact of a type no rule matches: one rule that matches them makes them count.
        java.nio.file.Files.writeString(dir.resolve("many.drl"), inserting("Many", "many.m", "Inserts facts.") + SEES.formatted("Many"));
        // Without a timeout the monitor filters the agenda; with one it listens to the session's events: both count.
        for (boolean withTimeout : new boolean[] {false, true}) {
            try (ChannelPolicy many = directoryPolicy(dir, withTimeout)) {
                Decision decision = many.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

                assertThat(decision).as("with a timeout: %s", withTimeout).isIndeterminate();
                assertThat(decision.reasons()).singleElement().satisfies(reason -> {
                    assertThat(reason.rule()).startsWith("newsroom.many.m");
                    assertThat(reason.message()).endsWith("(rules inserted more than " + FiringMonitor.MAX_FACTS + " facts in one evaluation)");
                });
            }
        }
    }

    /**
     * Nine rules that each insert eight distinct facts of a type they declare when the action is to post: 72 inserts.
     * Distinct, because Drools keeps one of equal facts.
     */
    private static String inserting(String type, String idPrefix, String description) {
        StringBuilder drl = new StringBuilder("package rulesets.newsroom;\nimport uk.gov.channelpolicy.facts.Request;\n"
                + "declare " + type + "\n    kind : String\nend\n");
        for (int rule = 0; rule < 9; rule++) {
            drl.append("rule \"").append(type).append(' ').append(rule).append("\"\n    @id(\"newsroom.").append(idPrefix).append(rule).append("\")\n")
                    .append("    @description(\"").append(description).append("\")\n    @citation(\"Posting\")\n")
                    .append("    @quote(\"Keep it short: readers skim.\")\n")
                    .append("when\n    Request( action == \"post\" )\nthen\n");
            for (int fact = 0; fact < 8; fact++) {
                drl.append("    insert(new ").append(type).append("(\"r").append(rule).append('f').append(fact).append("\"));\n");
            }
            drl.append("end\n");
        }
        return drl.toString();
    }

    /** The rule set in a directory, evaluated with a timeout (the monitor listens) or without (it filters the agenda). */
    private static ChannelPolicy directoryPolicy(java.nio.file.Path dir, boolean withTimeout) {
        ChannelPolicy.Builder builder = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(dir);
        if (withTimeout) {
            builder.evaluationTimeout(java.time.Duration.ofSeconds(30), 2);
        }
        return builder.build();
    }

    /** A rule that matches the facts of a declared type, so that Drools keeps them. */
    private static final String SEES = "rule \"Sees %1$s\"\n    @id(\"newsroom.sees.s\")\n    @effect(\"obligation\")\n"
            + "    @description(\"Sees the facts.\")\n    @citation(\"Posting\")\n    @quote(\"Keep it short: readers skim.\")\n"
            + "when\n    %1$s()\nthen\nend\n";

    @Test
    void evaluate_countsTheFactsTheSessionKeepsNotInserts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // Nine rules of eight inserts each of a type no rule matches: 72 inserts, but Drools keeps no such fact, so
        // nothing grows and the evaluation is not stopped. The cap bounds what the engine holds and joins.
        Newsroom.copyTo(dir);
        java.nio.file.Files.writeString(dir.resolve("unseen.drl"), inserting("Unseen", "unseen.u", "Inserts facts no rule matches."));
        for (boolean withTimeout : new boolean[] {false, true}) {
            try (ChannelPolicy unseen = directoryPolicy(dir, withTimeout)) {
                assertThat(unseen.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news")))
                        .as("with a timeout: %s", withTimeout).isPermitted();
            }
        }
    }

    @Test
    void evaluate_honoursALowerFiringLimit() {
        try (ChannelPolicy strict = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory()).skipProfileCheckForBackstopTests().maxRuleFirings(3).build()) {
            assertThat(strict.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isIndeterminate();
            assertThat(strict.evaluate(Newsroom.request("writer", "crash", Channel.unattributed(), "news"))).isIndeterminate();
        }
    }

    @Test
    void evaluate_blamesTheRuleThatKeepsFiringEvenWhenTheLimitIsLow() {
        // With a budget of 3, the runaway rule has fired no more often than the rules before it when the limit breaks:
        // the rule whose firing broke it is the one to name, not whichever the count happens to list first.
        for (int limit = 3; limit <= 8; limit++) {
            try (ChannelPolicy strict = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory())
                    .skipProfileCheckForBackstopTests().maxRuleFirings(limit).build()) {
                assertThat(strict.evaluate(Newsroom.request("editor", "loop", Channel.unattributed(), "news")))
                        .as("firing limit %d", limit).isIndeterminate().citesExactly("newsroom.faults.runaway");
            }
        }
    }

    @Test
    void evaluate_givesUpOnASlowRuleAtTheTimeoutAndKeepsServing() {
        try (ChannelPolicy bounded = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory()).skipProfileCheckForBackstopTests()
                .evaluationTimeout(java.time.Duration.ofMillis(1000), 2).build()) {
            // A first evaluation makes the engine's first session, so the timeout is spent in the slow rule, not in Drools
            // starting up on a busy machine (where 200 ms once ran out before the rule fired, and the refusal was generic).
            assertThat(bounded.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();

            Decision stalled = bounded.evaluate(Newsroom.request("editor", "stall", Channel.unattributed(), "news"));

            assertThat(stalled).isIndeterminate().citesExactly("newsroom.faults.slow");
            assertThat(stalled.reasons().get(0).message()).contains("evaluation timeout of 1000 ms");
            assertThat(bounded.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"))).isPermitted();
        }
    }

    @Test
    void evaluate_isIndeterminateAtOnceWhenEveryEvaluationThreadIsStuck() {
        try (ChannelPolicy bounded = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory()).skipProfileCheckForBackstopTests()
                .evaluationTimeout(java.time.Duration.ofMillis(100), 1).build()) {
            bounded.evaluate(Newsroom.request("editor", "stall", Channel.unattributed(), "news"));

            Decision next = bounded.evaluate(Newsroom.request("editor", "post", Channel.unattributed(), "news"));

            assertThat(next).isIndeterminate().citesExactly("channel-policy.evaluation");
            assertThat(next.reasons().get(0).message()).contains("no evaluation thread is free");
        }
    }
}
