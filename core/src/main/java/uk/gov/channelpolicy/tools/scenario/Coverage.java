package uk.gov.channelpolicy.tools.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.load.RuleInfo;
import uk.gov.channelpolicy.load.RuleSet;

/**
 * How much of a rule set its scenarios exercise: per rule (fired in how many scenarios) and per
 * cited piece of guidance (tested when any rule quoting it fired).
 *
 * @param rules one line per rule, in rule-id order
 * @param citations one line per distinct quote, in the order the rules cite them
 */
public record Coverage(List<RuleCoverage> rules, List<CitationCoverage> citations) {

    /**
     * How often one rule fired across the scenarios.
     *
     * @param rule the rule id
     * @param scenarios how many scenarios fired it; 0 means never
     */
    public record RuleCoverage(String rule, int scenarios) {
    }

    /**
     * Whether a cited piece of guidance is tested.
     *
     * @param citation the section and quote
     * @param rules the rules that cite it
     * @param covered true when a scenario fired any of them
     */
    public record CitationCoverage(Citation citation, List<String> rules, boolean covered) {
        /**
         * Copies the components.
         *
         * @param citation the citation
         * @param rules the rule ids
         * @param covered whether tested
         */
        public CitationCoverage {
            Objects.requireNonNull(citation, "citation");
            rules = List.copyOf(rules);
        }
    }

    /**
     * Copies the components.
     *
     * @param rules per-rule coverage
     * @param citations per-citation coverage
     */
    public Coverage {
        rules = List.copyOf(rules);
        citations = List.copyOf(citations);
    }

    /**
     * Measures coverage from scenario results.
     *
     * @param ruleSet the rule set the scenarios ran against
     * @param results the results, with their traces
     * @return the coverage
     */
    public static Coverage of(RuleSet ruleSet, List<ScenarioResult> results) {
        Map<String, Integer> fired = new TreeMap<>();
        for (ScenarioResult result : results) {
            if (result.trace() != null) {
                result.trace().firedRules().stream().distinct().forEach(id -> fired.merge(id, 1, Integer::sum));
            }
        }
        List<RuleCoverage> rules = new ArrayList<>();
        Map<String, List<String>> rulesByQuote = new LinkedHashMap<>();
        Map<String, Citation> citationByQuote = new LinkedHashMap<>();
        for (RuleInfo rule : ruleSet.rules()) {
            rules.add(new RuleCoverage(rule.id(), fired.getOrDefault(rule.id(), 0)));
            rulesByQuote.computeIfAbsent(rule.citation().quote(), q -> new ArrayList<>()).add(rule.id());
            citationByQuote.putIfAbsent(rule.citation().quote(), rule.citation());
        }
        List<CitationCoverage> citations = new ArrayList<>();
        rulesByQuote.forEach((quote, ids) -> citations.add(new CitationCoverage(citationByQuote.get(quote), ids,
                ids.stream().anyMatch(id -> fired.containsKey(id)))));
        return new Coverage(rules, citations);
    }

    /**
     * The share of rules that fired in at least one scenario.
     *
     * @return a percentage from 0 to 100
     */
    public double rulePercent() {
        return rules.isEmpty() ? 100 : 100.0 * rules.stream().filter(r -> r.scenarios() > 0).count() / rules.size();
    }

    /**
     * The share of cited guidance that at least one scenario tests.
     *
     * @return a percentage from 0 to 100
     */
    public double citationPercent() {
        return citations.isEmpty() ? 100 : 100.0 * citations.stream().filter(CitationCoverage::covered).count() / citations.size();
    }
}
