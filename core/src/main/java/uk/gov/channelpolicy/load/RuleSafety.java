package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.gov.channelpolicy.Problem;

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

    /** Clock members of {@code java.time} types: a rule using one decides by the time, not by the request alone. */
    private static final Set<String> CLOCK_MEMBERS = Set.of("now", "systemDefaultZone", "systemUTC", "system", "tick",
            "tickMillis", "tickSeconds", "tickMinutes", "currentInstant");

    private RuleSafety() {
    }

    /**
     * What a rule set's compiled classes refer to that matters at load: what rules may not use at all, and
     * what they may use but that makes a decision depend on more than the request (a clock, randomness), so
     * that its decisions cannot be remembered.
     *
     * @param problems one per forbidden reference, naming it and the class that makes it
     * @param changing each clock or randomness member used, as {@code owner.member}, in name order
     */
    record Inspection(List<Problem> problems, List<String> changing) {
        Inspection {
            problems = List.copyOf(problems);
            changing = List.copyOf(changing);
        }
    }

    /**
     * Reads a rule set's compiled classes once for both questions.
     *
     * @param classes class-file bytes by path, e.g. {@code rulesets/dh/P22/Lambda.class}; only those in the
     *     rule set's own packages are rules (a run-time build also generates Drools' project model)
     * @param ownPackages the rule set's DRL packages, whose generated classes rules may use
     * @param origin where the classes came from, for the message
     * @return the forbidden references as problems, and the members that change from call to call
     */
    static Inspection inspect(Map<String, byte[]> classes, Set<String> ownPackages, String origin) {
        Map<String, Set<String>> forbidden = new TreeMap<>();
        Set<String> changing = new TreeSet<>();
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
                if (changesFromCallToCall(owner, name)) {
                    changing.add(member);
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        forbidden.forEach((reference, where) -> problems.add(Problem.at(origin,
                "rules refer to " + reference + ", which rules may not use: a rule may only read the request and report"
                        + " findings (no I/O, reflection, System, threads, network, processes or class loading); referred to by "
                        + where.iterator().next() + (where.size() > 1 ? " and " + (where.size() - 1) + " more" : ""))));
        return new Inspection(problems, List.copyOf(changing));
    }

    private static boolean changesFromCallToCall(String owner, String name) {
        boolean clock = owner.startsWith("java.time.")
                && (CLOCK_MEMBERS.contains(name) || owner.equals("java.time.Clock") || owner.equals("java.time.InstantSource"));
        boolean random = name.equals("random") && (owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath"));
        return clock || random;
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
