package uk.gov.channelpolicy.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * Loads and checks a rule set, its own or a fork of another: the manifest, the sealed file digests,
 * the guidance texts, the compiled rules (metadata, verbatim quotes, safety), and a fork's
 * overrides and withdrawals. Every problem is collected and thrown together.
 */
public final class RuleSetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoader.class);
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
    static final String FOLDER = "rulesets/";
    /**
     * The class the executable-model compiler generates for a package: {@code <package path>/Rules<32 hex>.class}. The
     * hex is a random UUID's (lower case), or, in a reproducible build, an MD5 of the release id and package (upper case).
     */
    private static final Pattern MODEL_CLASS = Pattern.compile("(?:[^/]+/)*Rules[0-9a-fA-F]{32}\\.class");

    private final ClassLoader classLoader;
    private final boolean verifyFileDigests;
    private final boolean checkProfile;
    private final boolean forAuthoring;

    /**
     * A loader that checks the policy profile and serves with the executable model.
     *
     * @param classLoader where classpath rule sets (and a fork's base) are found
     * @param verifyFileDigests whether a sealed rule set's files must match their digests
     */
    public RuleSetLoader(ClassLoader classLoader, boolean verifyFileDigests) {
        this(classLoader, verifyFileDigests, true, false);
    }

    /**
     * A loader that serves with the executable model.
     *
     * @param classLoader where classpath rule sets (and a fork's base) are found
     * @param verifyFileDigests whether a sealed rule set's files must match their digests
     * @param checkProfile false only for the library's own tests of its backstops
     */
    public RuleSetLoader(ClassLoader classLoader, boolean verifyFileDigests, boolean checkProfile) {
        this(classLoader, verifyFileDigests, checkProfile, false);
    }

    /**
     * A loader.
     *
     * @param classLoader where classpath rule sets (and a fork's base) are found
     * @param verifyFileDigests whether a sealed rule set's files must match their digests
     * @param checkProfile false only for the library's own tests of its backstops (the firing limit, the timeout, a
     *     rule that throws), which need rules the policy profile refuses; no public path turns the check off
     * @param forAuthoring compile a directory with the classic compiler ({@link RuleCompiler#compileClassic}), for the
     *     authoring tools; serving uses the executable model and its compiled-class check
     */
    public RuleSetLoader(ClassLoader classLoader, boolean verifyFileDigests, boolean checkProfile, boolean forAuthoring) {
        this.classLoader = classLoader;
        this.verifyFileDigests = verifyFileDigests;
        this.checkProfile = checkProfile;
        this.forAuthoring = forAuthoring && checkProfile;
    }

    /** The DRL package a rule set's rules must be in: {@code rulesets.<id>}, hyphens as underscores. */
    static String packageOf(String ruleSetId) {
        return FOLDER.replace('/', '.') + ruleSetId.replace('-', '_');
    }

    /** A rule set a fork extends, read from the classpath. */
    private record Base(Manifest manifest, RuleSetFiles files) {
    }

    /**
     * Loads the precompiled rule set whose files are in {@code rulesets/<id>/} and whose kbase is named {@code id}.
     *
     * @param id the rule set's id
     * @return the compiled rule set
     */
    public RuleSet fromClasspath(String id) {
        RuleSetFiles files = RuleSetFiles.fromClasspath(FOLDER + id, classLoader);
        // By their path in the jar: the safety check tells a rule set's own classes by their package's path.
        Map<String, byte[]> classes = new TreeMap<>();
        files.classes().forEach((name, bytes) -> classes.put(FOLDER + id + "/" + name, bytes));
        // Making the model (loading its classes) takes about as long as reading the manifest and checking the compiled
        // rules, and both are mostly class loading: on two cores, do them side by side. Nothing of the rules runs here:
        // the model's constructor only describes them. A fork's is not used (its kbase comes from kmodule.xml). The
        // kbase is built from the model when the engine first asks for it (a policy that decides from its jar's table
        // may never), or on a background thread once the rule set has loaded.
        Map<String, byte[]> own = Map.copyOf(classes); // a fork adds its base's classes to the map below
        CompletableFuture<org.drools.model.Model> fromModel = CompletableFuture.supplyAsync(() -> model(id, own), task -> {
            Thread thread = new Thread(task, "channel-policy-model-" + id);
            thread.setDaemon(true);
            thread.start();
        });
        Manifest manifest = ManifestReader.read(files.origin() + "/" + RuleSetFiles.MANIFEST, files.get(RuleSetFiles.MANIFEST));
        if (!manifest.id().equals(id)) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at(files.origin() + "/" + RuleSetFiles.MANIFEST,
                    "manifest id is \"" + manifest.id() + "\" but the rule set was asked for as \"" + id + "\"")));
        }
        Base base = base(manifest, files.origin());
        if (files.classes().isEmpty()) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at(files.origin(),
                    "has no executable model: build the rule-set jar with drools-model-compiler on its classpath, so no DRL"
                            + " is compiled at start-up and its compiled rules can be checked")));
        }
        if (base != null) {
            base.files().classes().forEach((name, bytes) -> classes.put(FOLDER + base.manifest().id() + "/" + name, bytes));
            // A fork's kbase includes its base's: kmodule.xml says how.
            return assemble(files, manifest, base, CompiledRules.of(fromContainer(id)), classes, null, null, true);
        }
        // The rule set's own package is known from its folder: check its classes here while the model is made.
        String ownPackage = packageOf(id);
        RuleSafety.Inspection inspection = RuleSafety.inspect(classes, Set.of(ownPackage), files.origin());
        org.drools.model.Model model = joined(fromModel);
        CompiledRules compiled = model == null ? CompiledRules.of(fromContainer(id))
                : CompiledRules.ofModel(model, () -> kieBaseOf(model));
        List<Problem> outside = new ArrayList<>(inspection.problems());
        compiled.byPackage().forEach((name, rules) -> {
            if (!rules.isEmpty() && !name.equals(ownPackage) && !name.startsWith(ownPackage + ".")) {
                // Its classes would lie outside the folder read above, so nothing would check them.
                outside.add(Problem.at(files.origin(), "has rules in package " + name + ", outside the rule set's folder, where"
                        + " their compiled classes cannot be checked: put the rules in package " + ownPackage));
            }
        });
        RuleSet ruleSet = assemble(files, manifest, null, compiled, classes, null, new RuleSafety.Inspection(outside, inspection.changing()),
                true);
        if (model != null) {
            // Checked and loaded: the kbase can be built now, off the caller's thread.
            Thread thread = new Thread(() -> {
                try {
                    ruleSet.kieBase();
                } catch (RuntimeException e) {
                    // The engine asks again when it needs the kbase, and a failure then is an INDETERMINATE decision.
                    LOG.warn("rule set {}: its kbase could not be built: {}", id, Failures.describe(e));
                }
            }, "channel-policy-kbase-" + id);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
        return ruleSet;
    }


    private static <T> T joined(CompletableFuture<T> building) {
        try {
            return building.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The rule set's one executable model ({@code Rules<hash>} in its folder, which the kie-maven-plugin generates),
     * whose kbase is built without the classpath container: that would scan the class path for {@code kmodule.xml}
     * files and parse them, about half of a cold start. Gives null when the folder does not hold exactly one model, so
     * the container decides.
     */
    private org.drools.model.Model model(String id, Map<String, byte[]> classes) {
        List<String> models = classes.keySet().stream().filter(name -> MODEL_CLASS.matcher(name).matches()).toList();
        if (models.size() != 1) {
            LOG.debug("rule set {}: {} executable models in its folder, so the kbase comes from kmodule.xml", id, models.size());
            return null;
        }
        String className = models.get(0).substring(0, models.get(0).length() - ".class".length()).replace('/', '.');
        Object model;
        try {
            model = Class.forName(className, true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at(models.get(0),
                    "the executable model cannot be loaded: " + e)));
        }
        return model instanceof org.drools.model.Model executable ? executable : null;
    }

    private static KieBase kieBaseOf(org.drools.model.Model model) {
        // Never changed once built (a reload builds another): Drools then keeps no list of its sessions to update.
        return org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(model, org.kie.api.conf.KieBaseMutabilityOption.DISABLED);
    }

    private KieBase fromContainer(String id) {
        KieContainer container = KieServices.Factory.get().newKieClasspathContainer(classLoader);
        try {
            return container.getKieBase(id);
        } catch (RuntimeException e) {
            throw new RuleSetException("cannot load rule set " + id, List.of(Problem.at("classpath:META-INF/kmodule.xml",
                    "no kbase named \"" + id + "\": " + e.getMessage())));
        }
    }

    /**
     * Compiles the rule set in a directory at run time, together with its base if it is a fork. Any failure while
     * loading, not only the expected ones, is a {@link RuleSetException}: a caller (the CLI, a server's hot reload)
     * never sees a stack trace and never stops on a file it could not load.
     *
     * @param directory the rule-set directory
     * @return the compiled rule set
     */
    public RuleSet fromDirectory(Path directory) {
        try {
            return loadDirectory(directory);
        } catch (RuleSetException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            // OutOfMemoryError too: a rule set the profile did not foresee must not take the serving version down with it.
            LOG.debug("rule set load failure detail", e);
            throw new RuleSetException("cannot load rule set in " + directory, List.of(Problem.at(directory.toString(),
                    "loading failed: " + Failures.describe(e))));
        }
    }

    private RuleSet loadDirectory(Path directory) {
        RuleCompiler.requireCompiler(directory.toString());
        RuleSetFiles files = RuleSetFiles.fromDirectory(directory);
        byte[] manifestBytes = files.get(RuleSetFiles.MANIFEST);
        if (manifestBytes == null) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at(directory.resolve(RuleSetFiles.MANIFEST).toString(), "not found")));
        }
        Manifest manifest = ManifestReader.read(RuleSetFiles.MANIFEST, manifestBytes);
        Base base = base(manifest, directory.toString());
        // Nothing of a rule file is compiled, evaluated or class-loaded before it is accepted: the seal, the guidance
        // text and the policy profile are checked on the files' text first, and only the checked text is compiled.
        List<Problem> problems = new ArrayList<>();
        sourceText(files, manifest, "", problems);
        checkSeals(files, manifest, base, problems);
        List<DrlProfile.Source> checking = new ArrayList<>();
        for (String name : files.ruleFiles()) {
            checking.add(new DrlProfile.Source(name, new String(files.get(name), StandardCharsets.UTF_8), packageOf(manifest.id())));
        }
        if (base != null) {
            for (String name : base.files().ruleFiles()) {
                checking.add(new DrlProfile.Source(base.manifest().id() + ":" + name,
                        new String(base.files().get(name), StandardCharsets.UTF_8), packageOf(base.manifest().id())));
            }
        }
        Map<String, String> texts;
        if (checkProfile) {
            DrlProfile.Checked checked = DrlProfile.check(checking);
            problems.addAll(checked.problems());
            texts = checked.texts();
        } else {
            texts = new TreeMap<>();
            checking.forEach(source -> texts.put(source.name(), source.text()));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule set " + manifest.id() + " " + manifest.version() + " is not valid", problems);
        }
        Map<String, byte[]> sources = new TreeMap<>();
        texts.forEach((name, text) -> {
            int colon = name.indexOf(':');
            String folder = FOLDER + (colon < 0 ? manifest.id() : name.substring(0, colon)) + "/";
            String file = colon < 0 ? name : name.substring(colon + 1);
            // A decision table is compiled as the DRL that was checked, not expanded again by the compiler.
            String compiledName = checkProfile && file.endsWith(".drl.csv") ? file + RuleCompiler.TABLE_SUFFIX : file;
            sources.put(folder + compiledName, text.getBytes(StandardCharsets.UTF_8));
        });
        RuleCompiler.Compiled compiled = forAuthoring ? RuleCompiler.compileClassic(sources) : RuleCompiler.compile(manifest, sources);
        return assemble(files, manifest, base, CompiledRules.of(compiled.kieBase()), compiled.classes(), compiled.releaseId(), null, false);
    }

    private Base base(Manifest manifest, String origin) {
        if (manifest.base() == null) {
            return null;
        }
        Manifest.Base wanted = manifest.base();
        RuleSetFiles files;
        try {
            files = RuleSetFiles.fromClasspath(FOLDER + wanted.id(), classLoader);
        } catch (RuleSetException e) {
            throw new RuleSetException("cannot load rule set " + manifest.id(), List.of(Problem.at(origin + " manifest.json $.extends",
                    "extends \"" + wanted.id() + "\", which is not on the classpath: add its rule-set jar as a dependency")));
        }
        Manifest baseManifest = ManifestReader.read(files.origin() + "/" + RuleSetFiles.MANIFEST, files.get(RuleSetFiles.MANIFEST));
        if (!baseManifest.version().equals(wanted.version())) {
            throw new RuleSetException("cannot load rule set " + manifest.id(), List.of(Problem.at(origin + " manifest.json $.extends.version",
                    "extends " + wanted.id() + " " + wanted.version() + " but the classpath has " + wanted.id() + " " + baseManifest.version()
                            + ": run the conformance kit against the new base, then update the version")));
        }
        if (baseManifest.base() != null) {
            throw new RuleSetException("cannot load rule set " + manifest.id(), List.of(Problem.at(origin + " manifest.json $.extends",
                    wanted.id() + " is itself a fork of " + baseManifest.base().id() + "; a fork must extend a rule set of its own")));
        }
        return new Base(baseManifest, files);
    }

    /**
     * @param inspection what the safety check found in the classes, if it already ran; null to run it here
     * @param checkSeals whether to check the seals here: a directory's were checked before it was compiled
     */
    private RuleSet assemble(RuleSetFiles files, Manifest manifest, Base base, CompiledRules compiled, Map<String, byte[]> classes,
            org.kie.api.builder.ReleaseId compiledAs, RuleSafety.Inspection inspection, boolean checkSeals) {
        List<Problem> problems = new ArrayList<>();
        RuleSafety.Inspection inspected = inspection != null ? inspection
                : RuleSafety.inspect(classes, compiled.packages(), files.origin());
        problems.addAll(inspected.problems());
        String sourceText = sourceText(files, manifest, "", problems);
        String baseText = base == null ? null : sourceText(base.files(), base.manifest(), base.manifest().id() + ":", problems);
        if (checkSeals) {
            checkSeals(files, manifest, base, problems);
        }
        for (String table : files.misnamedTables()) {
            problems.add(Problem.at(table, "is not compiled: a decision table must be a CSV file named *.drl.csv"
                    + " (spreadsheets are not supported); rename it, e.g. to " + table.replaceAll("\\.(csv|xlsx?)$", ".drl.csv")));
        }
        Vocabulary vocabulary = manifest.vocabulary();
        if (base != null) {
            try {
                vocabulary = base.manifest().vocabulary().plus(manifest.vocabulary());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.at(RuleSetFiles.MANIFEST + " $.vocabulary", e.getMessage()));
            }
        }
        Map<String, String> ruleFiles = new TreeMap<>();
        Set<String> basePackages = new TreeSet<>();
        if (base != null) {
            Map<String, String> baseFiles = RuleSet.texts(pick(base.files(), base.files().ruleFiles()));
            baseFiles.forEach((name, text) -> ruleFiles.put(base.manifest().id() + ":" + name, text));
            baseFiles.forEach((name, text) -> (name.endsWith(".drl.csv") ? RuleSource.parseTable(name, text) : RuleSource.parse(name, text))
                    .forEach(rule -> basePackages.add(rule.packageName())));
        }
        Map<String, String> ownFiles = RuleSet.texts(pick(files, files.ruleFiles()));
        ruleFiles.putAll(ownFiles);
        if (base != null) {
            ownFiles.forEach((name, text) -> RuleSource.parse(name, text).stream().filter(r -> basePackages.contains(r.packageName()))
                    .findFirst().ifPresent(r -> problems.add(Problem.at(name, "is in package " + r.packageName() + ", which belongs to "
                            + base.manifest().id() + ": put a fork's rules in a package of its own, e.g. rulesets." + manifest.id()))));
        }
        List<RuleInfo> rules = readRules(compiled, manifest, sourceText, base, baseText, basePackages, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule set " + manifest.id() + " " + manifest.version() + " is not valid", problems);
        }
        String digest = files.digest();
        if (base != null) {
            digest = "sha256:" + RuleSetFiles.sha256Hex((digest + "\n" + base.files().digest()).getBytes(StandardCharsets.UTF_8));
        }
        RuleSetIdentity identity = new RuleSetIdentity(manifest.id(), manifest.version(), digest);
        LOG.debug("loaded rule set {} {} ({} rules, {})", manifest.id(), manifest.version(), rules.size(), identity.digest());
        return new RuleSet(new RuleSet.Parts(manifest, base == null ? null : base.manifest(), vocabulary, identity, sourceText, rules,
                compiled, ruleFiles, RuleSet.texts(files.scenarios()), base == null ? Map.of() : RuleSet.texts(base.files().scenarios()),
                compiledAs, beyondRequest(compiled, inspected.changing())));
    }

    private static Map<String, byte[]> pick(RuleSetFiles files, List<String> names) {
        Map<String, byte[]> picked = new TreeMap<>();
        names.forEach(name -> picked.put(name, files.get(name)));
        return picked;
    }

    private static String sourceText(RuleSetFiles files, Manifest manifest, String prefix, List<Problem> problems) {
        byte[] source = files.get(manifest.source().file());
        if (source == null) {
            problems.add(Problem.at(prefix + manifest.source().file(), "the source document named in the manifest is missing"));
            return "";
        }
        String actual = RuleSetFiles.sha256Hex(source);
        if (!actual.equals(manifest.source().sha256())) {
            problems.add(Problem.at(prefix + manifest.source().file(), "SHA-256 is " + actual + " but the manifest says "
                    + manifest.source().sha256() + ": the guidance text changed; check every quote, then update the manifest"));
        }
        return new String(source, StandardCharsets.UTF_8);
    }

    /**
     * What is wrong with a directory's seal, without loading it: for the authoring tools, which report a broken seal
     * as a warning and still check and test the rule set (every serving path refuses it).
     *
     * @param directory the rule-set directory
     * @return the problems with its seal; empty when it is sealed and matches
     */
    public static List<Problem> sealProblems(Path directory) {
        RuleSetFiles files = RuleSetFiles.fromDirectory(directory);
        byte[] manifestBytes = files.get(RuleSetFiles.MANIFEST);
        if (manifestBytes == null) {
            return List.of();
        }
        Manifest manifest = ManifestReader.read(RuleSetFiles.MANIFEST, manifestBytes);
        List<Problem> problems = new ArrayList<>();
        checkSeal(files, manifest, "", problems);
        return problems;
    }

    /** The rule set's seal and, for a fork, its base's, unless the caller opted out. */
    private void checkSeals(RuleSetFiles files, Manifest manifest, Base base, List<Problem> problems) {
        if (!verifyFileDigests) {
            return;
        }
        checkSeal(files, manifest, "", problems);
        if (base != null) {
            checkSeal(base.files(), base.manifest(), base.manifest().id() + ":", problems);
        }
    }

    /** A sealed rule set's files must match the manifest's digests, and every rule file must be sealed. */
    private static void checkSeal(RuleSetFiles files, Manifest manifest, String prefix, List<Problem> problems) {
        if (manifest.files().isEmpty()) {
            // A seal deleted from the manifest must not let edited files in unnoticed: serving needs one.
            problems.add(Problem.at(prefix + RuleSetFiles.MANIFEST, "is not sealed: a rule set that serves decisions records the"
                    + " SHA-256 of its files in the manifest's \"files\". Review the files, then seal them (channel-policy seal), or"
                    + " load with ignoreFileDigests() (--ignore-file-digests) while developing"));
            return;
        }
        Map<String, byte[]> sealable = files.sealed();
        Set<String> present = new TreeSet<>(sealable.keySet());
        for (Map.Entry<String, String> sealed : manifest.files().entrySet()) {
            byte[] bytes = sealable.get(sealed.getKey());
            if (bytes == null) {
                problems.add(Problem.at(prefix + sealed.getKey(), "is sealed in the manifest but missing"));
            } else if (!RuleSetFiles.sha256Hex(bytes).equals(sealed.getValue())) {
                problems.add(Problem.at(prefix + sealed.getKey(), "does not match its SHA-256 in the manifest: it was changed after"
                        + " the rule set was sealed. Review the change, then reseal (channel-policy seal), or load with"
                        + " ignoreFileDigests() while developing"));
            }
            present.remove(sealed.getKey());
        }
        for (String unsealed : present) {
            problems.add(Problem.at(prefix + unsealed, "is not sealed in the manifest's files: a sealed rule set may not gain files"
                    + " unnoticed; reseal (channel-policy seal) to include it"));
        }
    }

    /**
     * What in the compiled rules reads beyond the request, so that the same request could be decided
     * differently later: a clock, randomness, or a rule attribute tied to the date or a timer.
     */
    private static List<String> beyondRequest(CompiledRules compiled, List<String> changing) {
        List<String> found = new ArrayList<>(changing);
        for (List<Rule> rules : compiled.byPackage().values()) {
            for (Rule rule : rules) {
                if (CompiledRules.timed(rule)) {
                    found.add("rule \"" + rule.getName() + "\" (date-effective, date-expires, timer or calendars)");
                }
            }
        }
        return List.copyOf(found);
    }

    /** Reads every rule's metadata; for a fork, applies overrides and withdrawals by removing base rules. */
    private static List<RuleInfo> readRules(CompiledRules compiled, Manifest manifest, String sourceText, Base base, String baseText,
            Set<String> basePackages, List<Problem> problems) {
        Map<String, RuleInfo> own = new LinkedHashMap<>();
        Map<String, RuleInfo> inherited = new LinkedHashMap<>();
        for (Map.Entry<String, List<Rule>> kiePackage : compiled.byPackage().entrySet()) {
            boolean fromBase = basePackages.contains(kiePackage.getKey());
            Manifest citing = fromBase ? base.manifest() : manifest;
            String text = fromBase ? baseText : sourceText;
            for (Rule rule : kiePackage.getValue()) {
                RuleInfo info = ruleInfo(rule, kiePackage.getKey(), citing, text, problems);
                if (info == null) {
                    continue;
                }
                Map<String, RuleInfo> into = fromBase ? inherited : own;
                if (into.containsKey(info.id())) {
                    problems.add(Problem.at("rule \"" + rule.getName() + "\" in package " + kiePackage.getKey(),
                            "@id(\"" + info.id() + "\") is also the id of rule \"" + into.get(info.id()).name() + "\""));
                } else {
                    into.put(info.id(), info);
                }
            }
        }
        if (base != null) {
            for (String id : manifest.overrides()) {
                if (!inherited.containsKey(id)) {
                    problems.add(new Problem("manifest.json $.overrides", "overrides \"" + id + "\", which is not a rule of "
                            + base.manifest().id() + " " + base.manifest().version(), List.of(),
                            Problem.nearest(id, inherited.keySet()).orElse(null), 0, 0));
                } else if (!own.containsKey(id)) {
                    problems.add(Problem.at("manifest.json $.overrides", "overrides \"" + id + "\" but no rule of " + manifest.id()
                            + " has @id(\"" + id + "\") to replace it; to remove the rule, list it under withdraws"));
                }
            }
            for (String id : manifest.withdraws()) {
                if (!inherited.containsKey(id)) {
                    problems.add(new Problem("manifest.json $.withdraws", "withdraws \"" + id + "\", which is not a rule of "
                            + base.manifest().id() + " " + base.manifest().version(), List.of(),
                            Problem.nearest(id, inherited.keySet()).orElse(null), 0, 0));
                } else if (own.containsKey(id)) {
                    problems.add(Problem.at("manifest.json $.withdraws", "withdraws \"" + id + "\" but also defines it; list it under"
                            + " overrides to replace it instead"));
                }
            }
            for (String id : own.keySet()) {
                if (inherited.containsKey(id) && !manifest.overrides().contains(id)) {
                    problems.add(Problem.at("rule \"" + own.get(id).name() + "\" in package " + own.get(id).packageName(),
                            "@id(\"" + id + "\") is also a rule of " + base.manifest().id() + ": list it under overrides to replace"
                                    + " that rule, or give this rule an id of its own"));
                }
            }
            if (problems.isEmpty()) {
                Set<String> removed = new HashSet<>(manifest.overrides());
                removed.addAll(manifest.withdraws());
                for (String id : removed) {
                    RuleInfo gone = inherited.remove(id);
                    compiled.kieBase().removeRule(gone.packageName(), gone.name());
                }
            }
        }
        List<RuleInfo> rules = new ArrayList<>(inherited.values());
        rules.addAll(own.values());
        rules.sort(Comparator.comparing(RuleInfo::id));
        return rules;
    }

    private static RuleInfo ruleInfo(Rule rule, String packageName, Manifest citing, String sourceText, List<Problem> problems) {
        String where = "rule \"" + rule.getName() + "\" in package " + packageName;
        Map<String, Object> meta = rule.getMetaData();
        String id = RuleSet.metadata(meta, "id");
        // The classic compiler files @description under kie-api's Description annotation; the executable model does not.
        String description = Optional.ofNullable(RuleSet.metadata(meta, "description"))
                .orElse(RuleSet.metadata(meta, org.kie.api.definition.type.Description.class.getName()));
        String section = RuleSet.metadata(meta, "citation");
        String quote = RuleSet.metadata(meta, "quote");
        String interpretation = RuleSet.metadata(meta, "interpretation");
        if (id == null || !RULE_ID.matcher(id).matches()) {
            problems.add(Problem.at(where, id == null ? "has no @id(\"ruleset.area.name\")"
                    : "@id(\"" + id + "\") must be lower-case words with hyphens, separated by dots, e.g. dh.partisan.no-party-political"));
            return null;
        }
        if (description == null) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") has no @description(\"...\")"));
        }
        if (section == null) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") has no @citation(\"section heading\")"));
        } else if (!sourceText.isEmpty() && !sourceText.contains(section)) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") cites a section heading not in " + citing.source().file() + ": \"" + section + "\""));
        }
        if (quote == null) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") has no @quote(\"verbatim text\")"));
        } else if (!sourceText.isEmpty() && !sourceText.contains(quote)) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") quotes text that is not verbatim in " + citing.source().file() + ": \"" + quote + "\""));
        }
        if (interpretation != null && (interpretation.equals("true") || interpretation.equals("false") || interpretation.length() < 20)) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") @interpretation must explain the reading in a sentence, not say \""
                    + interpretation + "\""));
        }
        String effect = RuleSet.metadata(meta, "effect");
        String value = RuleSet.metadata(meta, "value");
        String outcomes = RuleSet.metadata(meta, "outcomes");
        String effectProblem = effect == null ? (value != null ? "@value needs an @effect"
                : outcomes != null ? "@outcomes is only for @effect(\"advice\")" : null)
                : RuleEffect.problem(effect, value, outcomes);
        if (effectProblem != null) {
            problems.add(Problem.at(where, "@id(\"" + id + "\") " + effectProblem));
        }
        if (description == null || section == null || quote == null || effectProblem != null) {
            return null;
        }
        return new RuleInfo(id, description, new Citation(citing.source().id(), section, quote), interpretation, packageName, rule.getName());
    }
}
