package uk.gov.channelpolicy.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSource;

/**
 * The rule catalogue of a rule set: every rule with its id, area, description, what it reports,
 * where it is written, its citation, and whether it is an interpretation. For policy writers and
 * reviewers, as Markdown or JSON.
 */
public final class Catalogue {

    /**
     * One rule in the catalogue.
     *
     * @param rule the rule's metadata
     * @param area the rule's area: the second part of its id ({@code partisan} in {@code dh.partisan.x})
     * @param reports what the rule reports when it fires: {@code permit}, {@code deny}, {@code obligation},
     *     {@code principle}, {@code advice}, {@code responsibility}, {@code code}, {@code channelType};
     *     empty for a rule that only derives facts for other rules
     * @param file the rule file it is written in, or {@code null} if unknown
     * @param line the line it starts on, or 0 if unknown
     */
    public record Entry(RuleInfo rule, String area, List<String> reports, String file, int line) {
        /**
         * Checks and copies the components.
         *
         * @param rule the metadata
         * @param area the area
         * @param reports what it reports
         * @param file the rule file or null
         * @param line the line or 0
         */
        public Entry {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(area, "area");
            reports = List.copyOf(reports);
        }

        /**
         * The rule's effect on the outcome, in one word.
         *
         * @return {@code PERMIT}, {@code DENY}, or {@code none} for rules that only classify, advise or oblige
         */
        public String effect() {
            return reports.contains("deny") ? "DENY" : reports.contains("permit") ? "PERMIT" : "none";
        }
    }

    private final RuleSetIdentity identity;
    private final List<Entry> entries;
    /** For each advice rule, by id: the outcomes its advice is given on, in outcome order. */
    private final java.util.Map<String, List<String>> adviceOutcomes;

    private Catalogue(RuleSetIdentity identity, List<Entry> entries, java.util.Map<String, List<String>> adviceOutcomes) {
        this.identity = identity;
        this.entries = List.copyOf(entries);
        this.adviceOutcomes = java.util.Map.copyOf(adviceOutcomes);
    }

    /**
     * The catalogue of a loaded rule set, in rule-id order.
     *
     * @param ruleSet the rule set
     * @return the catalogue
     */
    public static Catalogue of(RuleSet ruleSet) {
        List<Entry> entries = new ArrayList<>();
        java.util.Map<String, List<String>> adviceOutcomes = new java.util.HashMap<>();
        for (RuleInfo rule : ruleSet.rules()) {
            java.util.Set<uk.gov.channelpolicy.Outcome> outcomes = ruleSet.adviceOutcomes(rule);
            if (!outcomes.isEmpty()) {
                adviceOutcomes.put(rule.id(), java.util.Arrays.stream(uk.gov.channelpolicy.Outcome.values()).filter(outcomes::contains)
                        .map(Enum::name).toList());
            }
            String[] parts = rule.id().split("\\.");
            String area = parts.length > 2 ? parts[1] : "";
            RuleSource source = ruleSet.source(rule).orElse(null);
            entries.add(new Entry(rule, area, source == null ? List.of() : List.copyOf(source.reports()),
                    source == null ? null : source.file(), source == null ? 0 : source.line()));
        }
        return new Catalogue(ruleSet.identity(), entries, adviceOutcomes);
    }

    /**
     * The entries, in rule-id order.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /** What a rule reports, with the outcomes an advice rule's advice is given on: "advice (on DENY, NOT_APPLICABLE)". */
    private String reports(Entry entry) {
        List<String> outcomes = adviceOutcomes.get(entry.rule().id());
        return entry.reports().stream().map(report -> report.equals("advice") && outcomes != null
                ? "advice (on " + String.join(", ", outcomes) + ")" : report).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The catalogue as a Markdown document: a table per area, then the interpretations.
     *
     * @return Markdown text
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue: ").append(identity.id()).append(' ').append(identity.version()).append("\n\n")
                .append("Rule set digest `").append(identity.digest()).append("`. ").append(entries.size()).append(" rules; ")
                .append("(i) marks an interpretation of guidance that is silent or ambiguous.\n");
        String area = null;
        for (Entry entry : entries) {
            if (!entry.area().equals(area)) {
                area = entry.area();
                md.append("\n## ").append(area).append("\n\n| Rule | Effect | Reports | Description | Cited guidance | Where |\n")
                        .append("|---|---|---|---|---|---|\n");
            }
            RuleInfo rule = entry.rule();
            md.append("| `").append(rule.id()).append('`').append(rule.isInterpretation() ? " (i)" : "").append(" | ")
                    .append(entry.effect()).append(" | ").append(reports(entry)).append(" | ")
                    .append(cell(rule.description())).append(" | ").append(cell(rule.citation().section())).append(": \"")
                    .append(cell(rule.citation().quote())).append("\" | ")
                    .append(entry.file() == null ? "" : entry.file() + ":" + entry.line()).append(" |\n");
        }
        md.append("\n## Interpretations\n\n| Rule | Reading |\n|---|---|\n");
        for (Entry entry : entries) {
            if (entry.rule().isInterpretation()) {
                md.append("| `").append(entry.rule().id()).append("` | ").append(cell(entry.rule().interpretation())).append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * The catalogue as JSON: {@code {"ruleSet": {...}, "rules": [...]}}.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode ruleSet = root.putObject("ruleSet");
        ruleSet.put("id", identity.id());
        ruleSet.put("version", identity.version());
        ruleSet.put("digest", identity.digest());
        ArrayNode rules = root.putArray("rules");
        for (Entry entry : entries) {
            ObjectNode item = rules.addObject();
            item.put("id", entry.rule().id());
            item.put("area", entry.area());
            item.put("effect", entry.effect());
            ArrayNode reports = item.putArray("reports");
            entry.reports().forEach(reports::add);
            List<String> outcomes = adviceOutcomes.get(entry.rule().id());
            if (outcomes != null) {
                ArrayNode on = item.putArray("adviceOutcomes");
                outcomes.forEach(on::add);
            }
            item.put("description", entry.rule().description());
            ObjectNode citation = item.putObject("citation");
            citation.put("source", entry.rule().citation().source());
            citation.put("section", entry.rule().citation().section());
            citation.put("quote", entry.rule().citation().quote());
            item.put("interpretation", entry.rule().isInterpretation());
            if (entry.rule().isInterpretation()) {
                item.put("reading", entry.rule().interpretation());
            }
            if (entry.file() != null) {
                item.put("file", entry.file());
                item.put("line", entry.line());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalogue could not be written", e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
