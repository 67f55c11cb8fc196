package uk.gov.channelpolicy.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSetFiles;
import uk.gov.channelpolicy.load.RuleSetLoader;
import uk.gov.channelpolicy.load.RuleSource;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.tools.Diagnostic.Severity;

/**
 * Checks a rule set the way a policy writer needs before shipping it: it compiles (errors with file
 * and line), every rule carries its id, description, citation and verbatim quote, ids are unique,
 * compiled rules reference nothing outside the allow-list, every id a rule spells out is in the
 * manifest's vocabulary, and every vocabulary id is used by some rule.
 *
 * @param ruleSet the identity of the rule set when it loaded, or {@code null} when it did not
 * @param diagnostics every error and warning, errors first, then by file and line
 */
public record Validation(RuleSetIdentity ruleSet, List<Diagnostic> diagnostics) {

    /**
     * Copies the components.
     *
     * @param ruleSet the identity or null
     * @param diagnostics the diagnostics
     */
    public Validation {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether there is nothing to fix: no error and no warning.
     *
     * @return true when clean
     */
    public boolean clean() {
        return diagnostics.isEmpty();
    }

    /**
     * How many diagnostics have the given severity.
     *
     * @param severity the severity
     * @return the count
     */
    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    /**
     * Validates the rule set in a directory: compiles it, then lints it.
     *
     * @param directory the rule-set directory
     * @return the validation
     */
    public static Validation ofDirectory(Path directory) {
        return ofDirectory(directory, true);
    }

    /**
     * Validates the rule set in a directory, optionally without checking a sealed rule set's file
     * digests: for a policy writer linting an edit before resealing.
     *
     * @param directory the rule-set directory
     * @param verifyFileDigests false to lint a sealed rule set whose files changed
     * @return the validation
     */
    public static Validation ofDirectory(Path directory, boolean verifyFileDigests) {
        // A broken seal is a warning here, and the rule set is still checked: a policy writer sees every problem of an
        // edit before resealing. Every path that serves decisions refuses it.
        List<Diagnostic> all = new ArrayList<>();
        RuleSetIdentity identity = null;
        try {
            if (verifyFileDigests) {
                RuleSetLoader.sealProblems(directory).forEach(p -> all.add(new Diagnostic(Severity.WARNING, p)));
            }
            Validation linted = of(new RuleSetLoader(Validation.class.getClassLoader(), false, true, true).fromDirectory(directory));
            identity = linted.ruleSet();
            all.addAll(linted.diagnostics());
        } catch (RuleSetException e) {
            e.problems().forEach(p -> all.add(new Diagnostic(Severity.ERROR, p)));
        }
        all.sort(ORDER);
        return new Validation(identity, all);
    }

    /**
     * What is wrong with a rule-set directory's seal, without loading it: the authoring tools report it as a warning.
     *
     * @param directory the rule-set directory
     * @return the problems, empty for a sealed rule set whose files match; for one that is not sealed, that it is not
     * @throws RuleSetException if the manifest cannot be read
     */
    public static List<Problem> sealProblems(Path directory) {
        return RuleSetLoader.sealProblems(directory);
    }

    private static final Comparator<Diagnostic> ORDER = Comparator.comparing((Diagnostic d) -> d.severity())
            .thenComparing(d -> d.problem().path()).thenComparingInt(d -> d.problem().line());

    /**
     * Lints a rule set that has loaded (loading already checked compilation, metadata, quotes and the allow-list).
     *
     * @param ruleSet the rule set
     * @return the validation
     */
    public static Validation of(RuleSet ruleSet) {
        Vocabulary vocabulary = ruleSet.vocabulary();
        Set<String> known = new TreeSet<>();
        for (Kind kind : Kind.values()) {
            known.addAll(vocabulary.ids(kind));
        }
        java.util.Map<String, Vocabulary.Group> groups = new java.util.HashMap<>();
        vocabulary.groups().forEach(group -> groups.put(group.id(), group));
        known.addAll(groups.keySet());
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (RuleSource rule : ruleSet.ruleSources()) {
            for (RuleSource.Literal literal : rule.literals()) {
                used.add(literal.value());
                if (groups.containsKey(literal.value())) {
                    // A rule that names a group uses its members.
                    used.addAll(groups.get(literal.value()).members());
                }
                if (!known.contains(literal.value())) {
                    diagnostics.add(new Diagnostic(Severity.ERROR, new Problem(rule.file(),
                            "rule \"" + rule.name() + "\" uses \"" + literal.value() + "\", which is not an id in the manifest's vocabulary",
                            List.of(), Problem.nearest(literal.value(), known).orElse(null), literal.line(), 0)));
                }
            }
        }
        for (Kind kind : Kind.values()) {
            for (String id : vocabulary.ids(kind)) {
                if (!used.contains(id)) {
                    diagnostics.add(new Diagnostic(Severity.WARNING, Problem.at(RuleSetFiles.MANIFEST,
                            kind.key() + " id \"" + id + "\" is not used by any rule: remove it, or write the rule that needs it")));
                }
            }
        }
        for (Vocabulary.Group group : vocabulary.groups()) {
            if (!used.contains(group.id())) {
                diagnostics.add(new Diagnostic(Severity.WARNING, Problem.at(RuleSetFiles.MANIFEST,
                        "group \"" + group.id() + "\" is not used by any rule: remove it, or write the rule that needs it")));
            }
        }
        diagnostics.sort(ORDER);
        return new Validation(ruleSet.identity(), diagnostics);
    }
}
