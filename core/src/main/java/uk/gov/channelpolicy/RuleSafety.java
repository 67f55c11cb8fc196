package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Refuses rules that can do more than decide. A DRL consequence or constraint is Java, and Drools
 * has no sandbox, so the loader reads what the compiled rule classes actually refer to (their
 * constant pools) and refuses any class or member outside an allow-list: no I/O, reflection,
 * {@code System}, threads, network, processes or class loading, however the source spelled it.
 */
final class RuleSafety {

    /** Classes a rule may use freely: values, collections, maths, time, the fact types, Drools' generated-model API. */
    private static final List<String> ALLOWED_PREFIXES = List.of(
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Double", "java.lang.Float", "java.lang.Number", "java.lang.Math",
            "java.lang.Enum", "java.lang.Comparable", "java.lang.Iterable", "java.lang.Record",
            "java.lang.Exception", "java.lang.RuntimeException", "java.lang.IllegalStateException",
            "java.lang.IllegalArgumentException", "java.lang.NullPointerException", "java.lang.UnsupportedOperationException",
            "java.io.Serializable",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Arrays", "java.util.Collections",
            "java.util.Collection", "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Iterator",
            "java.util.Objects", "java.util.Optional", "java.util.Locale", "java.util.Comparator", "java.util.function.",
            "java.time.",
            "org.drools.model.", "org.drools.modelcompiler.dsl.", "org.drools.modelcompiler.util.EvaluationUtil",
            "org.drools.base.factmodel.", "org.drools.util.DateUtils",
            "org.kie.api.definition.rule.Rule",
            "uk.gov.channelpolicy.facts.");

    /** Classes generated code must name, whose members a rule may use only as listed. */
    private static final Map<String, Set<String>> RESTRICTED = Map.ofEntries(
            Map.entry("java.lang.System", Set.of("arraycopy")),
            Map.entry("java.lang.Throwable", Set.of("getMessage", "getCause", "addSuppressed")),
            Map.entry("java.lang.Class", Set.of()),
            Map.entry("java.lang.invoke.CallSite", Set.of()),
            Map.entry("java.lang.invoke.MethodHandle", Set.of()),
            Map.entry("java.lang.invoke.MethodHandles", Set.of()),
            Map.entry("java.lang.invoke.MethodHandles$Lookup", Set.of()),
            Map.entry("java.lang.invoke.MethodType", Set.of()),
            Map.entry("java.lang.invoke.StringConcatFactory", Set.of("makeConcatWithConstants")),
            Map.entry("java.lang.invoke.LambdaMetafactory", Set.of("metafactory", "altMetafactory")),
            Map.entry("org.kie.api.runtime.rule.RuleContext", Set.of("getRule")),
            Map.entry("org.drools.model.Drools", Set.of("insert", "update", "delete", "halt")));

    /** Members no class may be used for, even an allowed one. */
    private static final Set<String> DENIED_MEMBERS = Set.of("printStackTrace", "wait", "notify", "notifyAll", "finalize");

    /**
     * Allowed members whose answer changes from call to call: a rule using one decides by more than the
     * request, so its decisions cannot be remembered. Matched as {@code owner.member}, owner by prefix.
     */
    private static final List<String> CHANGING_MEMBERS = List.of("java.time.", "java.lang.Math.random",
            "java.lang.StrictMath.random");
    private static final Set<String> CLOCK_MEMBERS = Set.of("now", "systemDefaultZone", "systemUTC", "system", "tick",
            "tickMillis", "tickSeconds", "tickMinutes", "currentInstant");

    private RuleSafety() {
    }

    /**
     * The references in a rule set's compiled rules that make a decision depend on more than the
     * request: a clock or randomness.
     *
     * @param classes class-file bytes by path
     * @param ownPackages the rule set's DRL packages
     * @return each such member, as {@code owner.member}, in name order; empty when decisions depend on the request alone
     */
    static List<String> changingReferences(Map<String, byte[]> classes, Set<String> ownPackages) {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<String, byte[]> file : classes.entrySet()) {
            if (ownPackages.stream().noneMatch(own -> file.getKey().startsWith(own.replace('.', '/') + "/"))) {
                continue;
            }
            for (String member : ClassReferences.of(file.getValue()).members()) {
                String owner = member.substring(0, member.lastIndexOf('.'));
                String name = member.substring(member.lastIndexOf('.') + 1);
                boolean clock = owner.startsWith(CHANGING_MEMBERS.get(0)) && (CLOCK_MEMBERS.contains(name)
                        || owner.equals("java.time.Clock") || owner.equals("java.time.InstantSource"));
                if (clock || CHANGING_MEMBERS.subList(1, CHANGING_MEMBERS.size()).contains(member)) {
                    found.add(member);
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The problems with a rule set's compiled classes.
     *
     * @param classes class-file bytes by path, e.g. {@code rulesets/dh/P22/Lambda.class}; only those in the
     *     rule set's own packages are rules (a run-time build also generates Drools' project model)
     * @param ownPackages the rule set's DRL packages, whose generated classes rules may use
     * @param origin where the classes came from, for the message
     * @return one problem per forbidden reference, naming it and the class that makes it
     */
    static List<Problem> check(Map<String, byte[]> classes, Set<String> ownPackages, String origin) {
        Map<String, Set<String>> forbidden = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : classes.entrySet()) {
            if (ownPackages.stream().noneMatch(own -> file.getKey().startsWith(own.replace('.', '/') + "/"))) {
                continue;
            }
            ClassReferences references = ClassReferences.of(file.getValue());
            for (String name : references.classes()) {
                if (!allowedClass(name, ownPackages)) {
                    forbidden.computeIfAbsent(name, k -> new TreeSet<>()).add(file.getKey());
                }
            }
            for (String member : references.members()) {
                String owner = member.substring(0, member.lastIndexOf('.'));
                String name = member.substring(member.lastIndexOf('.') + 1);
                if (allowedClass(owner, ownPackages) && !allowedMember(owner, name)) {
                    forbidden.computeIfAbsent(member, k -> new TreeSet<>()).add(file.getKey());
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        forbidden.forEach((reference, where) -> problems.add(Problem.at(origin,
                "rules refer to " + reference + ", which rules may not use: a rule may only read the request and report"
                        + " findings (no I/O, reflection, System, threads, network, processes or class loading); referred to by "
                        + where.iterator().next() + (where.size() > 1 ? " and " + (where.size() - 1) + " more" : ""))));
        return problems;
    }

    private static boolean allowedClass(String name, Set<String> ownPackages) {
        if (RESTRICTED.containsKey(name)) {
            return true;
        }
        for (String own : ownPackages) {
            if (name.startsWith(own + ".")) {
                return true;
            }
        }
        for (String prefix : ALLOWED_PREFIXES) {
            if (prefix.endsWith(".") ? name.startsWith(prefix) : name.equals(prefix) || name.startsWith(prefix + "$")) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowedMember(String owner, String name) {
        if (DENIED_MEMBERS.contains(name)) {
            return false;
        }
        Set<String> allowed = RESTRICTED.get(owner);
        return allowed == null || allowed.contains(name) || name.equals("<init>") && !owner.startsWith("java.lang.invoke");
    }
}
