package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * A rule set's compiled rules as the loader reads them, by package, and the kbase that runs them: built already (a
 * rule-set directory, a fork), or, for a precompiled jar's executable model, built the first time the engine asks for
 * it. Everything {@code build()} needs of the rules (their metadata, their packages, whether a rule is timed) is in the
 * model, so a policy that decides from its jar's decision table does not wait for Drools to build a kbase: that was
 * about a third of a cold start.
 */
final class CompiledRules {
    private final Map<String, List<Rule>> byPackage;
    private final Supplier<KieBase> building;
    private volatile KieBase kieBase;

    private CompiledRules(Map<String, List<Rule>> byPackage, Supplier<KieBase> building, KieBase kieBase) {
        this.byPackage = byPackage;
        this.building = building;
        this.kieBase = kieBase;
    }

    /** The rules of a kbase built already. */
    static CompiledRules of(KieBase kieBase) {
        Map<String, List<Rule>> byPackage = new LinkedHashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            byPackage.put(kiePackage.getName(), List.copyOf(kiePackage.getRules()));
        }
        return new CompiledRules(Collections.unmodifiableMap(byPackage), null, kieBase);
    }

    /**
     * The rules of an executable model, whose kbase is built when first asked for.
     *
     * @param model the model, made after the rule set's compiled classes were read (its constructor only describes the
     *     rules; nothing of them runs)
     * @param building builds the kbase from it
     */
    static CompiledRules ofModel(org.drools.model.Model model, Supplier<KieBase> building) {
        Map<String, List<Rule>> byPackage = new LinkedHashMap<>();
        for (org.drools.model.Rule rule : model.getRules()) {
            byPackage.computeIfAbsent(rule.getPackage(), p -> new ArrayList<>()).add(new ModelRule(rule));
        }
        byPackage.replaceAll((name, rules) -> List.copyOf(rules));
        return new CompiledRules(Collections.unmodifiableMap(byPackage), building, null);
    }

    /** The rules by package name. */
    Map<String, List<Rule>> byPackage() {
        return byPackage;
    }

    Set<String> packages() {
        return new TreeSet<>(byPackage.keySet());
    }

    /** The kbase, built now if it was not yet; every caller gets the same one. */
    KieBase kieBase() {
        KieBase built = kieBase;
        if (built == null) {
            synchronized (this) {
                built = kieBase;
                if (built == null) {
                    built = building.get();
                    kieBase = built;
                }
            }
        }
        return built;
    }

    /** Whether a rule is tied to the date or a timer: date-effective, date-expires, timer or calendars. */
    static boolean timed(Rule rule) {
        if (rule instanceof ModelRule model) {
            org.drools.model.Rule described = model.rule;
            String[] calendars = described.getAttribute(org.drools.model.Rule.Attribute.CALENDARS);
            String timer = described.getAttribute(org.drools.model.Rule.Attribute.TIMER);
            String duration = described.getAttribute(org.drools.model.Rule.Attribute.DURATION);
            return described.getAttribute(org.drools.model.Rule.Attribute.DATE_EFFECTIVE) != null
                    || described.getAttribute(org.drools.model.Rule.Attribute.DATE_EXPIRES) != null
                    || (timer != null && !timer.isEmpty()) || (duration != null && !duration.isEmpty())
                    || (calendars != null && calendars.length > 0);
        }
        return rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && (impl.getDateEffective() != null
                || impl.getDateExpires() != null || impl.getTimer() != null || impl.hasCalendars());
    }

    /** A rule of an executable model, read through Drools' public rule interface as a kbase's rules are. */
    private static final class ModelRule implements Rule {
        private final org.drools.model.Rule rule;

        ModelRule(org.drools.model.Rule rule) {
            this.rule = rule;
        }

        @Override
        public String getPackageName() {
            return rule.getPackage();
        }

        @Override
        public String getName() {
            return rule.getName();
        }

        @Override
        public Map<String, Object> getMetaData() {
            return rule.getMetaData();
        }

        @Override
        public int getLoadOrder() {
            return 0;
        }

        @Override
        public KnowledgeType getKnowledgeType() {
            return KnowledgeType.RULE;
        }

        @Override
        public String getNamespace() {
            return rule.getPackage();
        }

        @Override
        public String getId() {
            return rule.getName();
        }
    }
}
