package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.RequestDomain;
import uk.gov.channelpolicy.tools.scenario.DecisionSnapshot;
import uk.gov.channelpolicy.tools.scenario.Scenario;
import uk.gov.channelpolicy.tools.scenario.ScenarioResult;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/**
 * Every sentence of the guidance is either enforced by a rule (whose quote overlaps it) or listed as
 * deliberately not encoded, with why; {@code docs/rules-dh.md} is generated from exactly that and
 * fails this test when it drifts. Regenerate with {@code -Dchannelpolicy.writeDocs=true}.
 */
class DhTraceabilityTest {
    static final Path DOC = Path.of("../docs/rules-dh.md");
    private static final Path NOT_ENCODED = Path.of("src/test/resources/traceability/not-encoded.json");
    private static final Path READINGS = Path.of("src/test/resources/traceability/readings.json");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z(‘\"@])");

    /** A sentence of the guidance and where it stands in the text. */
    record Sentence(String section, String text, int start, int end) {
    }

    private static ChannelPolicy policy;
    private static List<ScenarioResult> scenarios;
    private static JsonNode traceability;
    private static JsonNode readings;

    @BeforeAll
    static void load() throws IOException {
        policy = ChannelPolicy.builder().ruleSet("dh").build();
        scenarios = Scenarios.run(policy, DhScenarioTest.SCENARIOS);
        traceability = new ObjectMapper().readTree(NOT_ENCODED.toFile());
        readings = new ObjectMapper().readTree(READINGS.toFile());
    }

    static List<Sentence> sentences(String text, Set<String> headings) {
        List<Sentence> sentences = new ArrayList<>();
        String section = "Introduction";
        int lineStart = 0;
        for (String line : text.split("\n", -1)) {
            if (headings.contains(line)) {
                section = line;
            } else if (!line.isBlank()) {
                int offset = line.startsWith("- ") ? 2 : 0;
                String body = line.substring(offset);
                Matcher end = SENTENCE_END.matcher(body);
                int from = 0;
                while (true) {
                    boolean found = end.find();
                    int to = found ? end.start() : body.length();
                    String sentence = body.substring(from, to).strip();
                    int start = lineStart + offset + from;
                    sentences.add(new Sentence(section, sentence, start, start + sentence.length()));
                    if (!found) {
                        break;
                    }
                    from = end.end();
                }
            }
            lineStart += line.length() + 1;
        }
        return sentences;
    }

    /** The rules whose quote overlaps the sentence's place in the text. */
    static List<RuleInfo> enforcing(Sentence sentence, List<RuleInfo> rules, String text) {
        List<RuleInfo> enforcing = new ArrayList<>();
        for (RuleInfo rule : rules) {
            String quote = rule.citation().quote();
            for (int at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
                if (at < sentence.end() && sentence.start() < at + quote.length()) {
                    enforcing.add(rule);
                    break;
                }
            }
        }
        return enforcing;
    }

    private Set<String> headings() {
        Set<String> headings = new LinkedHashSet<>();
        traceability.get("headings").forEach(h -> headings.add(h.asText()));
        return headings;
    }

    private Map<String, String> notEncoded() {
        Map<String, String> reasons = new LinkedHashMap<>();
        traceability.get("notEncoded").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asText()));
        return reasons;
    }

    @Test
    void everySentenceIsEnforcedOrDeliberatelyNotEncoded() {
        String text = policy.ruleSet().sourceText();
        Map<String, String> notEncoded = notEncoded();
        List<String> unaccounted = new ArrayList<>();
        List<String> staleReasons = new ArrayList<>(notEncoded.keySet());
        for (Sentence sentence : sentences(text, headings())) {
            boolean enforced = !enforcing(sentence, policy.ruleSet().rules(), text).isEmpty();
            boolean explained = notEncoded.containsKey(sentence.text());
            staleReasons.remove(sentence.text());
            if (enforced == explained) {
                unaccounted.add((enforced ? "enforced but also listed as not encoded: " : "neither enforced nor explained: ") + sentence.text());
            }
        }

        assertThat(unaccounted).isEmpty();
        assertThat(staleReasons).as("not-encoded.json lists text that is not a sentence of the guidance").isEmpty();
        assertThat(headings()).allSatisfy(h -> assertThat(text.lines()).contains(h));
    }

    @Test
    void everyReviewedChangeNamesRulesAndScenariosThatExist_andTheStepsFollowTheSnapshots() {
        Set<String> ruleIds = new TreeSet<>();
        policy.ruleSet().rules().forEach(rule -> ruleIds.add(rule.id()));
        Set<String> scenarioNames = new TreeSet<>();
        scenarios.forEach(result -> scenarioNames.add(result.name()));
        List<String> steps = new ArrayList<>();
        for (JsonNode step : readings.get("steps")) {
            steps.add(step.get("snapshot").asText());
            assertThat(step.get("changes")).isNotEmpty();
            for (JsonNode change : step.get("changes")) {
                assertThat(change.get("verdict").asText()).isIn("changed", "kept");
                assertThat(change.get("scenarios")).as("each reading is pinned by a scenario").isNotEmpty();
                change.get("rules").forEach(rule -> assertThat(ruleIds).as("rules of %s", change.get("dispute")).contains(rule.asText()));
                change.get("scenarios").forEach(name -> assertThat(scenarioNames).contains(name.asText()));
            }
        }
        assertThat(steps).isEqualTo(DhDecisionSnapshotTest.HISTORY.subList(1, DhDecisionSnapshotTest.HISTORY.size()));
        List<String> withoutSourceSteps = new ArrayList<>();
        readings.get("steps").forEach(step -> {
            if (step.has("snapshotWithoutSource")) {
                withoutSourceSteps.add(step.get("snapshotWithoutSource").asText());
            }
        });
        assertThat(withoutSourceSteps).isEqualTo(DhDecisionSnapshotTest.WITHOUT_SOURCE_HISTORY.subList(1,
                DhDecisionSnapshotTest.WITHOUT_SOURCE_HISTORY.size()));
        Set<String> terms = new TreeSet<>();
        for (JsonNode term : readings.get("vocabulary2")) {
            terms.add(term.get("term").asText());
            assertThat(term.has("reading") != term.has("reason")).as("%s has a reading with rules, or a reason the guidance says nothing",
                    term.get("term")).isTrue();
            assertThat(term.get("scenarios")).as("each new term is pinned by a scenario").isNotEmpty();
            term.get("rules").forEach(rule -> assertThat(ruleIds).contains(rule.asText()));
            if (term.has("reading")) {
                assertThat(term.get("rules")).isNotEmpty();
            }
            term.get("scenarios").forEach(name -> assertThat(scenarioNames).contains(name.asText()));
            // A role or an action is pinned only by a scenario that uses it: as the actor's or an owner's role, or as
            // the action.
            String kind = term.get("kind").asText();
            if (kind.equals("role") || kind.equals("action")) {
                String id = term.get("term").asText();
                List<String> using = new ArrayList<>();
                term.get("scenarios").forEach(name -> scenarios.stream().filter(result -> result.name().equals(name.asText()))
                        .map(ScenarioResult::scenario).filter(java.util.Objects::nonNull).map(Scenario::given)
                        .filter(java.util.Objects::nonNull)
                        .filter(given -> kind.equals("action") ? given.action().equals(id) : usesRole(given, id))
                        .forEach(given -> using.add(name.asText())));
                assertThat(using).as("%s %s is pinned by a scenario that uses it", kind, id).isNotEmpty();
            }
        }
        Set<String> added = new TreeSet<>(policy.vocabulary().ids(uk.gov.channelpolicy.load.Vocabulary.Kind.ROLES));
        added.addAll(policy.vocabulary().ids(uk.gov.channelpolicy.load.Vocabulary.Kind.ACTIONS));
        added.removeAll(DhDecisionSnapshotTest.VERSION_1_ROLES);
        added.removeAll(DhDecisionSnapshotTest.VERSION_1_ACTIONS);
        assertThat(terms).as("every role and action vocabulary 2 adds is accounted for").containsAll(added);
        assertThat(scenarios).allSatisfy(result -> assertThat(result.passed()).as(result.name()).isTrue());
    }

    /** Whether a request names a role: the actor's, the channel owner's or the amplified tweet's owner's. */
    private static boolean usesRole(uk.gov.channelpolicy.PolicyRequest request, String role) {
        return request.actor().role().equals(role)
                || request.channel().owner() != null && request.channel().owner().role().equals(role)
                || request.source() != null && request.source().owner() != null && request.source().owner().role().equals(role);
    }

    @Test
    void docsRulesDhIsGeneratedFromTheRulesAndIsCurrent() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("channelpolicy.writeDocs")) {
            Files.writeString(DOC, generated);
        }

        assertThat(DOC).as("docs/rules-dh.md is generated; rerun with -Dchannelpolicy.writeDocs=true").exists();
        assertThat(Files.readString(DOC)).as("docs/rules-dh.md is out of date; rerun this test with -Dchannelpolicy.writeDocs=true")
                .isEqualTo(generated);
    }

    private String render() {
        String text = policy.ruleSet().sourceText();
        List<RuleInfo> rules = policy.ruleSet().rules();
        Map<String, String> notEncoded = notEncoded();
        Map<String, Set<String>> scenariosByRule = new TreeMap<>();
        for (ScenarioResult result : scenarios) {
            if (result.trace() != null) {
                result.trace().firedRules().forEach(id -> scenariosByRule.computeIfAbsent(id, k -> new TreeSet<>()).add(result.name()));
            }
        }
        List<Sentence> sentences = sentences(text, headings());
        long enforcedCount = sentences.stream().filter(s -> !enforcing(s, rules, text).isEmpty()).count();
        StringBuilder md = new StringBuilder();
        md.append("# DH rule set: traceability\n\n")
                .append("Generated by `DhTraceabilityTest` from the rule metadata, the scenario files and\n")
                .append("`rules-dh/src/test/resources/traceability/not-encoded.json`. Do not edit by hand: the build fails when this\n")
                .append("file drifts. Regenerate with\n`mvn -B -pl rules-dh test -Dtest=DhTraceabilityTest -Dchannelpolicy.writeDocs=true`.\n\n")
                .append("Rule set `").append(policy.ruleSet().identity().id()).append("` ").append(policy.ruleSet().identity().version())
                .append(", source `").append(policy.ruleSet().manifest().source().file()).append("` (SHA-256 `")
                .append(policy.ruleSet().manifest().source().sha256()).append("`).\n\n")
                .append(sentences.size()).append(" sentences: ").append(enforcedCount).append(" enforced by rules, ")
                .append(sentences.size() - enforcedCount).append(" deliberately not encoded. ")
                .append(rules.size()).append(" rules, ").append(rules.stream().filter(RuleInfo::isInterpretation).count())
                .append(" of them interpretations (listed at the end). ").append(scenarios.size()).append(" scenarios.\n");
        String section = null;
        int number = 0;
        for (Sentence sentence : sentences) {
            if (!sentence.section().equals(section)) {
                section = sentence.section();
                md.append("\n## ").append(section).append("\n\n| # | Sentence | Enforced by | Tested by |\n|---|---|---|---|\n");
            }
            number++;
            List<RuleInfo> enforcing = enforcing(sentence, rules, text);
            md.append("| ").append(number).append(" | ").append(cell(sentence.text())).append(" | ");
            if (enforcing.isEmpty()) {
                md.append("*Not encoded:* ").append(cell(notEncoded.getOrDefault(sentence.text(), "(unexplained)"))).append(" | |\n");
                continue;
            }
            Set<String> tests = new TreeSet<>();
            List<String> ids = new ArrayList<>();
            for (RuleInfo rule : enforcing) {
                ids.add("`" + rule.id() + "`" + (rule.isInterpretation() ? " (i)" : ""));
                tests.addAll(scenariosByRule.getOrDefault(rule.id(), Set.of()));
            }
            md.append(String.join("<br>", ids)).append(" | ").append(tests.size()).append(" scenarios");
            List<String> some = new ArrayList<>(tests).subList(0, Math.min(3, tests.size()));
            if (!some.isEmpty()) {
                md.append(", e.g. ").append(String.join(", ", some.stream().map(s -> "`" + s + "`").toList()));
            }
            md.append(" |\n");
        }
        renderReviewedChanges(md);
        renderVocabulary2(md);
        md.append("\n## Interpretations\n\nWhere the guidance is silent or ambiguous, the rule marked (i) above reads it as follows.\n\n")
                .append("| Rule | Reading |\n|---|---|\n");
        for (RuleInfo rule : rules) {
            if (rule.isInterpretation()) {
                md.append("| `").append(rule.id()).append("` | ").append(cell(rule.interpretation())).append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * Each reviewed change of readings: what was disputed, the verdict and the reading now, the rules and the scenarios
     * that pin it, and every decision of the domain that changed, grouped, from the snapshot before to the one after.
     */
    private static void renderReviewedChanges(StringBuilder md) {
        md.append("\n## Reviewed changes of readings\n\n")
                .append("Each step below was reviewed before it landed. Its list of changed decisions is generated by the decision-snapshot\n")
                .append("tool (`DecisionSnapshot.compare`) from the snapshot before and after it, in\n")
                .append("`rules-dh/src/test/resources/decision-snapshot/`, over every request of the version-1 domain; `DhDecisionSnapshotTest`\n")
                .append("checks that the rules decide exactly as the latest one. Each line is one kind of change: how many requests, the\n")
                .append("outcomes, the rule ids only the old (-) or the new (+) decision names, the codes that left or joined, the members of\n")
                .append("the decision that differ, and the first request so changed (actor role | action | stated type | owner | content).\n")
                .append("\"Same rules; differs in reasons\" means a rule's description, which is the reason's message, was reworded.\n");
        List<String> history = DhDecisionSnapshotTest.HISTORY;
        int index = 0;
        for (JsonNode step : readings.get("steps")) {
            index++;
            String before = history.get(index - 1);
            String after = step.get("snapshot").asText();
            md.append("\n### ").append(index).append(". ").append(step.get("title").asText()).append(" (`").append(before)
                    .append("` to `").append(after).append("`)\n\n");
            for (JsonNode change : step.get("changes")) {
                md.append("- **Disputed:** ").append(change.get("dispute").asText()).append("<br>\n  **").append(
                        change.get("verdict").asText().equals("changed") ? "Changed" : "Kept").append(":** ")
                        .append(change.get("reading").asText()).append("<br>\n  Rules: ");
                List<String> ruleIds = new ArrayList<>();
                change.get("rules").forEach(rule -> ruleIds.add("`" + rule.asText() + "`"));
                List<String> pinned = new ArrayList<>();
                change.get("scenarios").forEach(name -> pinned.add("`" + name.asText() + "`"));
                md.append(String.join(", ", ruleIds)).append(". Pinned by ").append(String.join(", ", pinned)).append(".\n");
            }
            DecisionSnapshot.Comparison comparison = DecisionSnapshot.read(DhDecisionSnapshotTest.snapshot(before))
                    .compare(DecisionSnapshot.read(DhDecisionSnapshotTest.snapshot(after)));
            md.append("\nThe decisions that changed:\n\n```text\n").append(comparison.summary()).append("```\n");
            if (step.has("snapshotWithoutSource")) {
                // A step that touches vocabulary 2 lists its changes over the version-2 requests without a source too.
                List<String> withoutSource = DhDecisionSnapshotTest.WITHOUT_SOURCE_HISTORY;
                String after2 = step.get("snapshotWithoutSource").asText();
                String before2 = withoutSource.get(withoutSource.indexOf(after2) - 1);
                DecisionSnapshot.Comparison comparison2 = DecisionSnapshot.read(DhDecisionSnapshotTest.snapshot(before2))
                        .compare(DecisionSnapshot.read(DhDecisionSnapshotTest.snapshot(after2)));
                md.append("\nThe decisions that changed among all ").append(String.format("%,d", comparison2.compared()))
                        .append(" requests of vocabulary 2 without a source (`").append(before2).append("` to `").append(after2)
                        .append("`):\n\n```text\n").append(comparison2.summary()).append("```\n");
            }
        }
    }

    /** Each term vocabulary 2 adds, with its reading and rules or why the guidance says nothing, and the version-1 proof. */
    private static void renderVocabulary2(StringBuilder md) {
        md.append("\n## Vocabulary 2\n\n")
                .append("Rule set ").append(policy.ruleSet().identity().version()).append(" adds what the guidance talks about to the vocabulary, as a\n")
                .append("superset: every version-1 request stays valid, and requests carry no version marker. Each new term is read\n")
                .append("with rules that cite the guidance, or is recorded as something the guidance says nothing about (then\n")
                .append("NOT_APPLICABLE).\n\n| Term | Kind | Reading | Rules | Pinned by |\n|---|---|---|---|---|\n");
        for (JsonNode term : readings.get("vocabulary2")) {
            List<String> ruleIds = new ArrayList<>();
            term.get("rules").forEach(rule -> ruleIds.add("`" + rule.asText() + "`"));
            List<String> pinned = new ArrayList<>();
            term.get("scenarios").forEach(name -> pinned.add("`" + name.asText() + "`"));
            md.append("| `").append(term.get("term").asText()).append("` | ").append(term.get("kind").asText()).append(" | ")
                    .append(term.has("reading") ? cell(term.get("reading").asText()) : "*The guidance says nothing:* " + cell(term.get("reason").asText()))
                    .append(" | ").append(ruleIds.isEmpty() ? "none" : String.join("<br>", ruleIds)).append(" | ")
                    .append(String.join("<br>", pinned)).append(" |\n");
        }
        DecisionSnapshot latest = DecisionSnapshot.read(DhDecisionSnapshotTest.LATEST);
        md.append("\nEvery version-1 request decides as the revised version-1 rules (`")
                .append(DhDecisionSnapshotTest.HISTORY.get(DhDecisionSnapshotTest.HISTORY.size() - 1))
                .append("`) do, compared request by request over the whole version-1 domain (`DecisionSnapshot.compareItsRequests`):\n\n```text\n")
                .append(latest.compareItsRequests(policy).render(0)).append("```\n\nThe whole domain of vocabulary 2 holds ")
                .append(String.format(java.util.Locale.ROOT, "%,d", uk.gov.channelpolicy.tools.RequestDomain.of(policy.vocabulary()).size()))
                .append(" valid requests (the limit is 2,000,000).\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
