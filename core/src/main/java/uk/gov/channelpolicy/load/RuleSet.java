package uk.gov.channelpolicy.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * A loaded, compiled rule set: its manifest, its rules' metadata, the guidance text they cite, and
 * the Drools {@link KieBase} that evaluates requests. Immutable and safe to share between threads;
 * every evaluation gets a fresh stateless session.
 */
public final class RuleSet {

    private final Manifest manifest;
    private final Manifest baseManifest;
    private final Vocabulary vocabulary;
    private final RuleSetIdentity identity;
    private final String sourceText;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByKey;
    /** Each rule's effect by package and name, for an engine rule object other than the one seen at load. */
    private final Map<String, RuleEffect> effectsByKey;
    private final CompiledRules compiled;
    /** The kbase and its own rule objects, made when the engine first needs them. */
    private volatile Engine engine;
    private final Map<String, String> ruleFiles;
    private final Map<String, String> scenarioFiles;
    private final Map<String, String> baseScenarioFiles;
    private volatile List<RuleSource> ruleSources;
    private final org.kie.api.builder.ReleaseId compiledAs;
    private final List<String> beyondRequest;

    /** Everything a loader found and checked, ready to serve. */
    record Parts(Manifest manifest, Manifest baseManifest, Vocabulary vocabulary, RuleSetIdentity identity, String sourceText,
            List<RuleInfo> rules, CompiledRules compiled, Map<String, String> ruleFiles, Map<String, String> scenarioFiles,
            Map<String, String> baseScenarioFiles, org.kie.api.builder.ReleaseId compiledAs, List<String> beyondRequest) {
    }

    RuleSet(Parts parts) {
        this.manifest = parts.manifest();
        this.baseManifest = parts.baseManifest();
        this.vocabulary = parts.vocabulary();
        this.identity = parts.identity();
        this.sourceText = parts.sourceText();
        this.rules = List.copyOf(parts.rules());
        Map<String, RuleInfo> byKey = new HashMap<>();
        for (RuleInfo rule : rules) {
            byKey.put(key(rule.packageName(), rule.name()), rule);
        }
        this.rulesByKey = Map.copyOf(byKey);
        this.compiled = parts.compiled();
        Map<String, RuleEffect> effectByKey = new HashMap<>();
        for (List<Rule> packaged : compiled.byPackage().values()) {
            for (Rule rule : packaged) {
                if (rulesByKey.containsKey(key(rule.getPackageName(), rule.getName()))) {
                    RuleEffect effect = effect(rule);
                    if (effect != null) {
                        effectByKey.put(key(rule.getPackageName(), rule.getName()), effect);
                    }
                }
            }
        }
        this.effectsByKey = Map.copyOf(effectByKey);
        this.ruleFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parts.ruleFiles()));
        this.scenarioFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parts.scenarioFiles()));
        this.baseScenarioFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parts.baseScenarioFiles()));
        this.compiledAs = parts.compiledAs();
        this.beyondRequest = List.copyOf(parts.beyondRequest());
    }

    /**
     * The rule set's manifest.
     *
     * @return the manifest
     */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * Id, version and digest, as every decision reports them.
     *
     * @return the identity
     */
    public RuleSetIdentity identity() {
        return identity;
    }

    /**
     * The rule set's vocabulary.
     *
     * @return the vocabulary
     */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * The manifest of the rule set this one extends, for a fork.
     *
     * @return the base's manifest, or empty for a rule set of its own
     */
    public Optional<Manifest> baseManifest() {
        return Optional.ofNullable(baseManifest);
    }

    /**
     * The scenario files of the rule set this one extends: a fork's conformance suite.
     *
     * @return file texts by relative path; empty for a rule set of its own
     */
    public Map<String, String> baseScenarioFiles() {
        return baseScenarioFiles;
    }

    /**
     * Every rule's metadata, ordered by id.
     *
     * @return the rules
     */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * The rule with this id.
     *
     * @param id a rule id
     * @return the rule, or empty
     */
    public Optional<RuleInfo> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * The full text of the guidance the rules cite.
     *
     * @return the source text
     */
    public String sourceText() {
        return sourceText;
    }

    private static RuleEffect effect(Rule rule) {
        return RuleEffect.of(metadata(rule.getMetaData(), "effect"), metadata(rule.getMetaData(), "value"),
                metadata(rule.getMetaData(), "outcomes"));
    }

    /**
     * The kbase and its rule objects: what a firing reports, looked up by identity without building or hashing a name.
     * Never changed once made: safe to read from every thread.
     */
    private record Engine(KieBase kieBase, Map<Rule, RuleInfo> rulesByEngineRule, Map<Rule, RuleEffect> effects) {
    }

    private Engine engine() {
        Engine made = engine;
        if (made == null) {
            synchronized (this) {
                made = engine;
                if (made == null) {
                    KieBase kieBase = compiled.kieBase();
                    Map<Rule, RuleInfo> byEngineRule = new IdentityHashMap<>();
                    Map<Rule, RuleEffect> effectByRule = new IdentityHashMap<>();
                    for (KiePackage kiePackage : kieBase.getKiePackages()) {
                        for (Rule rule : kiePackage.getRules()) {
                            RuleInfo info = rulesByKey.get(key(rule.getPackageName(), rule.getName()));
                            if (info != null) {
                                byEngineRule.put(rule, info);
                                RuleEffect effect = effect(rule);
                                if (effect != null) {
                                    effectByRule.put(rule, effect);
                                }
                            }
                        }
                    }
                    made = new Engine(kieBase, byEngineRule, effectByRule);
                    engine = made;
                }
            }
        }
        return made;
    }

    /**
     * The Drools kbase that runs the rules: for the engine only. A precompiled jar's is built from its executable model
     * the first time it is asked for (or on a background thread once the rule set has loaded), so this may wait for it.
     *
     * @return the kbase
     * @throws RuntimeException if Drools cannot build it
     */
    public KieBase kieBase() {
        return engine().kieBase();
    }

    static Map<String, String> texts(Map<String, byte[]> bytes) {
        Map<String, String> texts = new java.util.TreeMap<>();
        bytes.forEach((name, content) -> texts.put(name, new String(content, StandardCharsets.UTF_8)));
        return java.util.Collections.unmodifiableMap(texts);
    }

    /**
     * The rule set's own scenario files (under {@code scenarios/}), by path relative to that folder.
     *
     * @return file texts by relative path, in path order; empty when the rule set ships none
     */
    public Map<String, String> scenarioFiles() {
        return scenarioFiles;
    }

    /** The rule files' text by name. */
    Map<String, String> ruleFiles() {
        return ruleFiles;
    }

    /**
     * Each rule as written: file, line, what it reports, the ids it spells out. Parsed on first use.
     *
     * @return the rules as written, in file order
     */
    public List<RuleSource> ruleSources() {
        List<RuleSource> sources = ruleSources;
        if (sources == null) {
            List<RuleSource> parsed = new ArrayList<>();
            ruleFiles.forEach((file, text) -> parsed.addAll(file.endsWith(".drl.csv") ? RuleSource.parseTable(file, text)
                    : RuleSource.parse(file, text)));
            sources = List.copyOf(parsed);
            ruleSources = sources;
        }
        return sources;
    }

    /**
     * Where a rule is written, if its file parses.
     *
     * @param rule the rule
     * @return where it is written, or empty
     */
    public Optional<RuleSource> source(RuleInfo rule) {
        return ruleSources().stream()
                .filter(s -> s.packageName().equals(rule.packageName()) && s.name().equals(rule.name())).findFirst();
    }

    /**
     * The release id a run-time compilation used (already removed from the KieRepository).
     *
     * @return the release id, or null for a precompiled rule set
     */
    public org.kie.api.builder.ReleaseId compiledAs() {
        return compiledAs;
    }

    RuleInfo ruleByKey(String packageName, String name) {
        return rulesByKey.get(key(packageName, name));
    }

    /**
     * What in the compiled rules reads beyond the request (a clock, randomness, a date-bound or timed
     * rule): empty when a decision depends on the request alone and can be remembered.
     *
     * @return what the rules read beyond the request
     */
    public List<String> beyondRequest() {
        return beyondRequest;
    }

    /**
     * What a firing rule found, as its {@code @effect} declares: by the engine's rule object, or by its package and name
     * when the engine hands out another object for it, so that no DENY is ever dropped for want of a lookup.
     *
     * @param rule the rule, as the engine knows it
     * @return its effect, or null for a rule that only classifies
     */
    public RuleEffect effectOf(Rule rule) {
        RuleEffect effect = engine().effects().get(rule);
        return effect != null ? effect : effectsByKey.get(key(rule.getPackageName(), rule.getName()));
    }

    /**
     * What a rule finds, as its metadata declares.
     *
     * @param rule a rule of this rule set
     * @return its effect, or null for a rule that only classifies
     */
    public RuleEffect effectOf(RuleInfo rule) {
        return effectsByKey.get(key(rule.packageName(), rule.name()));
    }

    /**
     * The outcomes an advice rule applies to, as its {@code @outcomes} declares: a decision with another outcome does
     * not carry its advice.
     *
     * @param rule a rule of this rule set
     * @return the outcomes, empty for a rule that gives no advice
     */
    public java.util.Set<Outcome> adviceOutcomes(RuleInfo rule) {
        RuleEffect effect = effectOf(rule);
        return effect == null ? java.util.Set.of() : effect.outcomes();
    }

    /**
     * The rule the engine fired, by identity; by name if the engine hands out another object for it.
     *
     * @param rule the rule, as the engine knows it
     * @return its metadata, or null for a rule not of this rule set
     */
    public RuleInfo ruleOf(Rule rule) {
        RuleInfo info = engine().rulesByEngineRule().get(rule);
        return info != null ? info : ruleByKey(rule.getPackageName(), rule.getName());
    }

    static String key(String packageName, String name) {
        return packageName + ':' + name;
    }

    /** Metadata as a string; a run-time executable-model build keeps the DRL quotes, so strip them. */
    static String metadata(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isBlank() ? null : text;
    }
}
