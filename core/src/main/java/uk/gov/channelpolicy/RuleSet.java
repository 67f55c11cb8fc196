package uk.gov.channelpolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.facts.Findings;

/**
 * A loaded, compiled rule set: its manifest, its rules' metadata, the guidance text they cite, and
 * the Drools {@link KieBase} that evaluates requests. Immutable and safe to share between threads;
 * every evaluation gets a fresh stateless session.
 */
public final class RuleSet {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSet.class);
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
    static final String FINDINGS_GLOBAL = "findings";

    private final Manifest manifest;
    private final RuleSetIdentity identity;
    private final String sourceText;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByKey;
    private final KieBase kieBase;
    private final Map<String, String> ruleFiles;
    private final Map<String, String> scenarioFiles;
    private volatile List<RuleSource> ruleSources;
    private final org.kie.api.builder.ReleaseId compiledAs;
    private final Evaluator evaluator;

    private RuleSet(Manifest manifest, RuleSetIdentity identity, String sourceText, List<RuleInfo> rules, KieBase kieBase,
            RuleSetFiles files, org.kie.api.builder.ReleaseId compiledAs) {
        this.manifest = manifest;
        this.identity = identity;
        this.sourceText = sourceText;
        this.rules = List.copyOf(rules);
        Map<String, RuleInfo> byKey = new HashMap<>();
        for (RuleInfo rule : rules) {
            byKey.put(key(rule.packageName(), rule.name()), rule);
        }
        this.rulesByKey = Map.copyOf(byKey);
        this.kieBase = kieBase;
        this.ruleFiles = texts(files.ruleFiles().stream().collect(java.util.stream.Collectors.toMap(n -> n, files::get)));
        this.scenarioFiles = texts(files.scenarios());
        this.compiledAs = compiledAs;
        this.evaluator = new Evaluator(this);
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
        return manifest.vocabulary();
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

    KieBase kieBase() {
        return kieBase;
    }

    private static Map<String, String> texts(Map<String, byte[]> bytes) {
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

    /** Each rule as written: file, line, what it reports, the ids it spells out. Parsed on first use. */
    List<RuleSource> ruleSources() {
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

    /** Where a rule is written, if its file parses. */
    Optional<RuleSource> source(RuleInfo rule) {
        return ruleSources().stream()
                .filter(s -> s.packageName().equals(rule.packageName()) && s.name().equals(rule.name())).findFirst();
    }

    /** The release id a run-time compilation used (already removed from the KieRepository), or null. */
    org.kie.api.builder.ReleaseId compiledAs() {
        return compiledAs;
    }

    RuleInfo ruleByKey(String packageName, String name) {
        return rulesByKey.get(key(packageName, name));
    }

    RuleInfo ruleByKey(String key) {
        return rulesByKey.get(key);
    }

    Decision decide(PolicyRequest request, EvaluationLimits limits) {
        return evaluator.decide(request, limits, null);
    }

    Trace trace(PolicyRequest request, EvaluationLimits limits) {
        List<String> fired = java.util.Collections.synchronizedList(new ArrayList<>());
        Decision decision = evaluator.decide(request, limits, fired);
        return new Trace(decision, fired);
    }

    static String key(String packageName, String name) {
        return packageName + ':' + name;
    }

    /** Loads the precompiled rule set whose files are in {@code rulesets/<id>/} and whose kbase is named {@code id}. */
    static RuleSet fromClasspath(String id, ClassLoader classLoader, ObjectMapper mapper) {
        RuleSetFiles files = RuleSetFiles.fromClasspath("rulesets/" + id, classLoader);
        Manifest manifest = ManifestReader.read(files.origin() + "/" + RuleSetFiles.MANIFEST, files.get(RuleSetFiles.MANIFEST), mapper);
        if (!manifest.id().equals(id)) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at(files.origin() + "/" + RuleSetFiles.MANIFEST,
                    "manifest id is \"" + manifest.id() + "\" but the rule set was asked for as \"" + id + "\"")));
        }
        KieServices services = KieServices.Factory.get();
        KieContainer container = services.newKieClasspathContainer(classLoader);
        KieBase kieBase;
        try {
            kieBase = container.getKieBase(id);
        } catch (RuntimeException e) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at("classpath:META-INF/kmodule.xml",
                    "no kbase named \"" + id + "\": " + e.getMessage())));
        }
        if (files.classes().isEmpty()) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at(files.origin(),
                    "has no executable model: build the rule-set jar with drools-model-compiler on its classpath, so no DRL"
                            + " is compiled at start-up and its compiled rules can be checked")));
        }
        return assemble(files, manifest, kieBase, files.classes(), null);
    }

    /** Compiles the rule set in a directory at run time. */
    static RuleSet fromDirectory(Path directory, ObjectMapper mapper) {
        RuleSetFiles files = RuleSetFiles.fromDirectory(directory);
        byte[] manifestBytes = files.get(RuleSetFiles.MANIFEST);
        if (manifestBytes == null) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at(directory.resolve(RuleSetFiles.MANIFEST).toString(), "not found")));
        }
        Manifest manifest = ManifestReader.read(RuleSetFiles.MANIFEST, manifestBytes, mapper);
        RuleCompiler.Compiled compiled = RuleCompiler.compile(manifest, files);
        return assemble(files, manifest, compiled.kieBase(), compiled.classes(), compiled.releaseId());
    }

    private static RuleSet assemble(RuleSetFiles files, Manifest manifest, KieBase kieBase, Map<String, byte[]> classes,
            org.kie.api.builder.ReleaseId compiledAs) {
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> packages = new java.util.TreeSet<>();
        kieBase.getKiePackages().forEach(p -> packages.add(p.getName()));
        problems.addAll(RuleSafety.check(classes, packages, files.origin()));
        byte[] source = files.get(manifest.source().file());
        String sourceText = "";
        if (source == null) {
            problems.add(Problem.at(manifest.source().file(), "the source document named in the manifest is missing"));
        } else {
            String actual = RuleSetFiles.sha256Hex(source);
            if (!actual.equals(manifest.source().sha256())) {
                problems.add(Problem.at(manifest.source().file(), "SHA-256 is " + actual + " but the manifest says "
                        + manifest.source().sha256() + ": the guidance text changed; check every quote, then update the manifest"));
            }
            sourceText = new String(source, StandardCharsets.UTF_8);
        }
        checkFindingsGlobal(kieBase, problems);
        for (String table : files.misnamedTables()) {
            problems.add(Problem.at(table, "is not compiled: a decision table must be a CSV file named *.drl.csv"
                    + " (spreadsheets are not supported); rename it, e.g. to " + table.replaceAll("\\.(csv|xlsx?)$", ".drl.csv")));
        }
        List<RuleInfo> rules = readRules(kieBase, manifest, sourceText, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule set " + manifest.id() + " " + manifest.version() + " is not valid", problems);
        }
        RuleSetIdentity identity = new RuleSetIdentity(manifest.id(), manifest.version(), files.digest());
        LOG.debug("loaded rule set {} {} ({} rules, {})", manifest.id(), manifest.version(), rules.size(), identity.digest());
        return new RuleSet(manifest, identity, sourceText, rules, kieBase, files, compiledAs);
    }

    private static void checkFindingsGlobal(KieBase kieBase, List<Problem> problems) {
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Global global : kiePackage.getGlobalVariables()) {
                if (global.getName().equals(FINDINGS_GLOBAL)) {
                    if (!global.getType().equals(Findings.class.getName())) {
                        problems.add(Problem.at("package " + kiePackage.getName(), "global findings must be of type "
                                + Findings.class.getName() + ", not " + global.getType()));
                    }
                    return;
                }
            }
        }
        problems.add(Problem.at("rules", "no rule file declares: global " + Findings.class.getName() + " findings;"));
    }

    private static List<RuleInfo> readRules(KieBase kieBase, Manifest manifest, String sourceText, List<Problem> problems) {
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                String where = "rule \"" + rule.getName() + "\" in package " + kiePackage.getName();
                Map<String, Object> meta = rule.getMetaData();
                String id = metadata(meta, "id");
                // The classic compiler files @description under kie-api's Description annotation; the executable model does not.
                String description = Optional.ofNullable(metadata(meta, "description"))
                        .orElse(metadata(meta, org.kie.api.definition.type.Description.class.getName()));
                String section = metadata(meta, "citation");
                String quote = metadata(meta, "quote");
                String interpretation = metadata(meta, "interpretation");
                if (id == null || !RULE_ID.matcher(id).matches()) {
                    problems.add(Problem.at(where, id == null ? "has no @id(\"ruleset.area.name\")"
                            : "@id(\"" + id + "\") must be lower-case words with hyphens, separated by dots, e.g. dh.partisan.no-party-political"));
                    continue;
                }
                if (description == null) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") has no @description(\"...\")"));
                }
                if (section == null) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") has no @citation(\"section heading\")"));
                }
                if (quote == null) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") has no @quote(\"verbatim text\")"));
                } else if (!sourceText.isEmpty() && !sourceText.contains(quote)) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") quotes text that is not verbatim in "
                            + manifest.source().file() + ": \"" + quote + "\""));
                }
                if (section != null && !sourceText.isEmpty() && !sourceText.contains(section)) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") cites a section heading not in "
                            + manifest.source().file() + ": \"" + section + "\""));
                }
                if (interpretation != null && (interpretation.equals("true") || interpretation.equals("false") || interpretation.length() < 20)) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") @interpretation must explain the reading in a sentence, not say \""
                            + interpretation + "\""));
                }
                if (byId.containsKey(id)) {
                    problems.add(Problem.at(where, "@id(\"" + id + "\") is also the id of rule \"" + byId.get(id).name() + "\""));
                    continue;
                }
                if (description != null && section != null && quote != null) {
                    byId.put(id, new RuleInfo(id, description, new Citation(manifest.source().id(), section, quote),
                            interpretation, kiePackage.getName(), rule.getName()));
                }
            }
        }
        List<RuleInfo> rules = new ArrayList<>(byId.values());
        rules.sort(Comparator.comparing(RuleInfo::id));
        return rules;
    }

    /** Metadata as a string; a run-time executable-model build keeps the DRL quotes, so strip them. */
    private static String metadata(Map<String, Object> meta, String key) {
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
