package uk.gov.channelpolicy.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.benchmarks.Findings.Finding;
import uk.gov.channelpolicy.facts.DeclaredEffect;
import uk.gov.channelpolicy.load.Vocabulary;

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

    /**
     * Records what each firing rule finds, as its {@code @effect} and {@code @value} annotations say: what any user of
     * the rule files must do, since their consequences only classify.
     */
    static org.kie.api.event.rule.AgendaEventListener recorder(Findings findings) {
        return new org.kie.api.event.rule.DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
                record(findings, event.getMatch());
            }
        };
    }

    /** Records what a match of a rule finds, if its rule declares an effect. */
    static void record(Findings findings, Match match) {
        Rule rule = match.getRule();
        String effect = text(rule.getMetaData().get("effect"));
        if (effect == null) {
            return;
        }
        String value = text(rule.getMetaData().get("value"));
        if (value != null && value.startsWith("$")) {
            value = String.valueOf(match.getDeclarationValue(value));
        }
        findings.record(switch (effect) {
            case "permit" -> DeclaredEffect.PERMIT;
            case "deny" -> DeclaredEffect.DENY;
            case "channel-type" -> DeclaredEffect.CHANNEL_TYPE;
            case "code" -> DeclaredEffect.CODE;
            case "obligation" -> DeclaredEffect.OBLIGATION;
            case "advice" -> DeclaredEffect.ADVICE;
            default -> DeclaredEffect.RESPONSIBILITY;
        }, rule, value);
    }

    private static String text(Object metadata) {
        if (metadata == null) {
            return null;
        }
        String text = metadata.toString();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
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
