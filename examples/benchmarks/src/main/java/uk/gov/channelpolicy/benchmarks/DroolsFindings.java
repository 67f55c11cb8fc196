package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Vocabulary;
import uk.gov.channelpolicy.facts.Findings;
import uk.gov.channelpolicy.facts.Findings.Finding;

/**
 * Reads the findings of a bare Drools session the way the library's decision does (deny overrides, codes in
 * vocabulary order, reasons DENY first then by id), for the correctness check only: it is not timed.
 */
final class DroolsFindings {
    private final KieBase kieBase;
    private final Vocabulary vocabulary;

    DroolsFindings(KieBase kieBase, Vocabulary vocabulary) {
        this.kieBase = kieBase;
        this.vocabulary = vocabulary;
    }

    Verdict verdict(Findings findings) {
        TreeSet<String> denies = new TreeSet<>();
        TreeSet<String> permits = new TreeSet<>();
        List<String> codes = new ArrayList<>();
        String channelType = null;
        for (Finding finding : findings.all()) {
            switch (finding.kind()) {
                case DENY -> denies.add(id(finding.ruleName()));
                case PERMIT -> permits.add(id(finding.ruleName()));
                case CHANNEL_TYPE -> channelType = finding.value();
                case CODE -> codes.add(finding.value());
                default -> {
                    // advice, obligations and responsibilities are not compared
                }
            }
        }
        codes.sort(Comparator.comparingInt(code -> vocabulary.order(Vocabulary.Kind.CODES, code)));
        List<String> ruleIds = new ArrayList<>(denies);
        ruleIds.addAll(permits);
        Outcome outcome = !denies.isEmpty() ? Outcome.DENY : !permits.isEmpty() ? Outcome.PERMIT : Outcome.NOT_APPLICABLE;
        return new Verdict(outcome, channelType, codes, ruleIds);
    }

    private String id(String ruleName) {
        int colon = ruleName.indexOf(':');
        Rule rule = kieBase.getRule(ruleName.substring(0, colon), ruleName.substring(colon + 1));
        String id = String.valueOf(rule.getMetaData().get("id"));
        return id.startsWith("\"") ? id.substring(1, id.length() - 1) : id;
    }
}
