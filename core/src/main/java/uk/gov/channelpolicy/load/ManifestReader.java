package uk.gov.channelpolicy.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/** Reads and checks a manifest, reporting every problem at once. */
final class ManifestReader {
    private static final Set<String> TOP = Set.of("id", "version", "department", "effective", "source", "vocabulary",
            "files", "extends", "overrides", "withdraws", "invariants", "intentionalDifferences");
    private static final Set<String> BASE = Set.of("id", "version");
    private static final Set<String> INVARIANT = Set.of("id", "description", "when", "never", "always", "codes", "anyCode");
    private static final Set<String> OUTCOMES = Set.of("PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE");
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
    private static final Set<String> SOURCE = Set.of("id", "title", "file", "sha256");
    private static final Set<String> TERM = Set.of("id", "label", "description");
    private static final Set<String> GROUP = Set.of("id", "label", "of", "members");
    private static final String GROUPS = "groups";
    private static final String CONSTRAINTS = "constraints";
    private static final Set<String> CONSTRAINT = Set.of("id", "description", "when", "require");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private ManifestReader(String file) {
        this.file = file;
    }

    /** Parses the manifest's bytes; throws one RuleSetException listing every problem. */
    static Manifest read(String file, byte[] json) {
        ManifestReader reader = new ManifestReader(file);
        JsonNode root;
        try {
            root = JsonTree.read(json);
        } catch (JsonProcessingException e) {
            throw new RuleSetException("cannot read " + file, List.of(new Problem(file, "malformed JSON: " + e.getOriginalMessage(),
                    List.of(), null, Math.max(0, e.getLocation().getLineNr()), Math.max(0, e.getLocation().getColumnNr()))));
        } catch (java.io.IOException e) {
            throw new RuleSetException("cannot read " + file, List.of(Problem.at(file, e.getMessage())));
        }
        Manifest manifest = reader.manifest(root);
        if (!reader.problems.isEmpty()) {
            throw new RuleSetException("invalid manifest " + file, reader.problems);
        }
        return manifest;
    }

    private Manifest manifest(JsonNode root) {
        if (!object(root, "$", TOP)) {
            return null;
        }
        String id = text(root, "$", "id", ID, "a lower-case id such as \"dh\"");
        String version = text(root, "$", "version", VERSION, "a semantic version such as \"1.0.0\"");
        String department = text(root, "$", "department", null, null);
        String effective = text(root, "$", "effective", DATE, "a date YYYY-MM-DD");
        Manifest.Source source = source(root.get("source"));
        Manifest.Base base = base(root.get("extends"));
        Vocabulary vocabulary = vocabulary(root.get("vocabulary"), base != null);
        Map<String, String> files = stringMap(root.get("files"), "$.files", SHA256, "64 lower-case hex digits");
        List<String> overrides = strings(root.get("overrides"), "$.overrides", RULE_ID, "a rule id");
        List<String> withdraws = strings(root.get("withdraws"), "$.withdraws", RULE_ID, "a rule id");
        if (base == null && (!overrides.isEmpty() || !withdraws.isEmpty())) {
            problems.add(Problem.at(file + " $.overrides", "overrides and withdraws need \"extends\": only a fork changes another rule set's rules"));
        }
        List<Invariant> invariants = invariants(root.get("invariants"));
        Map<String, String> intentional = stringMap(root.get("intentionalDifferences"), "$.intentionalDifferences", null, null);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Manifest(id, version, department, effective, source, vocabulary, files, base, overrides, withdraws, invariants,
                intentional);
    }

    private Manifest.Base base(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!object(node, "$.extends", BASE)) {
            return null;
        }
        String id = text(node, "$.extends", "id", ID, "a rule-set id such as \"dh\"");
        String version = text(node, "$.extends", "version", VERSION, "the exact base version, such as \"1.0.0\"");
        return id == null || version == null ? null : new Manifest.Base(id, version);
    }

    private List<Invariant> invariants(JsonNode node) {
        List<Invariant> invariants = new ArrayList<>();
        if (node == null) {
            return invariants;
        }
        if (!node.isArray()) {
            problems.add(Problem.at(file + " $.invariants", "must be a list of invariants"));
            return invariants;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "$.invariants[" + i + "]";
            JsonNode item = node.get(i);
            if (!object(item, path, INVARIANT)) {
                continue;
            }
            String id = text(item, path, "id", ID, "a lower-case id with hyphens");
            String description = text(item, path, "description", null, null);
            Map<String, List<String>> when = new java.util.TreeMap<>();
            JsonNode whenNode = item.get("when");
            if (whenNode != null) {
                if (!whenNode.isObject()) {
                    problems.add(Problem.at(file + " " + path + ".when", "must be an object of field to list of values"));
                } else {
                    whenNode.fields().forEachRemaining(field -> {
                        if (!Invariant.FIELDS.contains(field.getKey())) {
                            problems.add(new Problem(file + " " + path + ".when." + field.getKey(), "is not a field an invariant can select on",
                                    Invariant.FIELDS, Problem.nearest(field.getKey(), Invariant.FIELDS).orElse(null), 0, 0));
                        } else {
                            when.put(field.getKey(), strings(field.getValue(), path + ".when." + field.getKey(), null, null));
                        }
                    });
                }
            }
            List<String> never = strings(item.get("never"), path + ".never", null, null);
            List<String> always = strings(item.get("always"), path + ".always", null, null);
            for (String outcome : concat(never, always)) {
                if (!OUTCOMES.contains(outcome)) {
                    problems.add(new Problem(file + " " + path, "\"" + outcome + "\" is not an outcome", List.copyOf(new java.util.TreeSet<>(OUTCOMES)),
                            Problem.nearest(outcome, OUTCOMES).orElse(null), 0, 0));
                }
            }
            List<String> codes = strings(item.get("codes"), path + ".codes", null, null);
            JsonNode anyCode = item.get("anyCode");
            if (anyCode != null && !anyCode.isBoolean()) {
                problems.add(Problem.at(file + " " + path + ".anyCode", "must be true or false"));
            }
            if (id != null && !seen.add(id)) {
                problems.add(Problem.at(file + " " + path + ".id", "\"" + id + "\" is listed twice"));
            }
            if (never.isEmpty() && always.isEmpty() && codes.isEmpty() && (anyCode == null || !anyCode.asBoolean())) {
                problems.add(Problem.at(file + " " + path, "says nothing: give never, always, codes or anyCode"));
            }
            if (id != null && description != null) {
                invariants.add(new Invariant(id, description, when, never, always, codes, anyCode != null && anyCode.asBoolean()));
            }
        }
        return invariants;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> strings(JsonNode node, String path, Pattern pattern, String expected) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(Problem.at(file + " " + path, "must be a list of strings"));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || (pattern != null && !pattern.matcher(item.asText()).matches())) {
                problems.add(Problem.at(file + " " + path + "[" + i + "]", "must be " + (expected == null ? "a string" : expected)));
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private Map<String, String> stringMap(JsonNode node, String path, Pattern pattern, String expected) {
        Map<String, String> values = new java.util.TreeMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            problems.add(Problem.at(file + " " + path, "must be an object of name to string"));
            return values;
        }
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isTextual() || (pattern != null && !pattern.matcher(value.asText()).matches())) {
                problems.add(Problem.at(file + " " + path + "." + field.getKey(), "must be " + (expected == null ? "a string" : expected)));
            } else {
                values.put(field.getKey(), value.asText());
            }
        });
        return values;
    }

    private Manifest.Source source(JsonNode node) {
        if (node == null) {
            problems.add(Problem.at(file + " $.source", "is required"));
            return null;
        }
        if (!object(node, "$.source", SOURCE)) {
            return null;
        }
        String id = text(node, "$.source", "id", ID, "a lower-case id");
        String title = text(node, "$.source", "title", null, null);
        String sourceFile = text(node, "$.source", "file", null, null);
        String sha = text(node, "$.source", "sha256", SHA256, "64 lower-case hex digits");
        return problems.isEmpty() ? new Manifest.Source(id, title, sourceFile, sha) : null;
    }

    /** The vocabulary; a fork's lists only its additions, so each kind may be left out. */
    private Vocabulary vocabulary(JsonNode node, boolean additionsOnly) {
        if (node == null && additionsOnly) {
            return Vocabulary.of(emptyKinds());
        }
        if (node == null) {
            problems.add(Problem.at(file + " $.vocabulary", "is required"));
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            keys.add(kind.key());
        }
        keys.add(GROUPS);
        keys.add(CONSTRAINTS);
        if (!object(node, "$.vocabulary", Set.copyOf(keys))) {
            return null;
        }
        Map<Vocabulary.Kind, List<Vocabulary.Term>> terms = new EnumMap<>(Vocabulary.Kind.class);
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            String path = "$.vocabulary." + kind.key();
            JsonNode list = node.get(kind.key());
            if (list == null && additionsOnly) {
                terms.put(kind, List.of());
                continue;
            }
            if (list == null || !list.isArray()) {
                problems.add(Problem.at(file + " " + path, "must be a list of {\"id\", \"label\"}"));
                continue;
            }
            List<Vocabulary.Term> kindTerms = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode item = list.get(i);
                if (!object(item, itemPath, TERM)) {
                    continue;
                }
                String termId = text(item, itemPath, "id", ID, "a lower-case id with hyphens");
                String label = text(item, itemPath, "label", null, null);
                String description = item.has("description") ? text(item, itemPath, "description", null, null) : null;
                if (termId != null && !seen.add(termId)) {
                    problems.add(Problem.at(file + " " + itemPath + ".id", "\"" + termId + "\" is listed twice"));
                } else if (termId != null && label != null && (description != null || !item.has("description"))) {
                    kindTerms.add(new Vocabulary.Term(termId, label, description));
                }
            }
            terms.put(kind, kindTerms);
        }
        List<Vocabulary.Group> groups = groups(node.get(GROUPS));
        List<Vocabulary.Constraint> constraints = constraints(node.get(CONSTRAINTS));
        if (!problems.isEmpty()) {
            return null;
        }
        Vocabulary vocabulary;
        try {
            // A fork's groups may gather its base's ids: they are checked when the two vocabularies are combined.
            vocabulary = additionsOnly ? Vocabulary.additions(terms, groups) : Vocabulary.of(terms, groups);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at(file + " $.vocabulary." + GROUPS, e.getMessage()));
            return null;
        }
        try {
            return vocabulary.withConstraints(constraints, !additionsOnly);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at(file + " $.vocabulary." + CONSTRAINTS, e.getMessage()));
            return null;
        }
    }

    /**
     * What a valid request must be beyond known ids:
     * {@code {"id", "description", "when": {field: [values]}, "require": {field: [values]}}}.
     */
    private List<Vocabulary.Constraint> constraints(JsonNode node) {
        List<Vocabulary.Constraint> constraints = new ArrayList<>();
        if (node == null) {
            return constraints;
        }
        String path = "$.vocabulary." + CONSTRAINTS;
        if (!node.isArray()) {
            problems.add(Problem.at(file + " " + path, "must be a list of {\"id\", \"description\", \"when\", \"require\"}"));
            return constraints;
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!object(item, itemPath, CONSTRAINT)) {
                continue;
            }
            String id = text(item, itemPath, "id", ID, "a lower-case id with hyphens");
            String description = text(item, itemPath, "description", null, null);
            Map<String, List<String>> when = conditions(item.get("when"), itemPath + ".when", false);
            Map<String, List<String>> require = conditions(item.get("require"), itemPath + ".require", true);
            if (id != null && description != null && when != null && require != null) {
                constraints.add(new Vocabulary.Constraint(id, description, when, require));
            }
        }
        return constraints;
    }

    private Map<String, List<String>> conditions(JsonNode node, String path, boolean required) {
        Map<String, List<String>> conditions = new java.util.LinkedHashMap<>();
        if (node == null && !required) {
            return conditions;
        }
        if (node == null || !node.isObject() || node.isEmpty() && required) {
            problems.add(Problem.at(file + " " + path, "must be an object of field to list of values" + (required ? ", not empty" : "")));
            return null;
        }
        boolean fine = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Vocabulary.Constraint.FIELDS.contains(field.getKey())) {
                problems.add(new Problem(file + " " + path + "." + field.getKey(), "is not a field a constraint can test",
                        Vocabulary.Constraint.FIELDS, Problem.nearest(field.getKey(), Vocabulary.Constraint.FIELDS).orElse(null), 0, 0));
                fine = false;
            } else {
                List<String> values = strings(field.getValue(), path + "." + field.getKey(), ID, "an id, absent or present");
                if (values.isEmpty()) {
                    problems.add(Problem.at(file + " " + path + "." + field.getKey(), "must list at least one value"));
                    fine = false;
                }
                conditions.put(field.getKey(), values);
            }
        }
        return fine ? conditions : null;
    }

    /** Named groups of roles or actions: {@code {"id", "label", "of": "roles"|"actions", "members": [ids]}}. */
    private List<Vocabulary.Group> groups(JsonNode node) {
        List<Vocabulary.Group> groups = new ArrayList<>();
        if (node == null) {
            return groups;
        }
        String path = "$.vocabulary." + GROUPS;
        if (!node.isArray()) {
            problems.add(Problem.at(file + " " + path, "must be a list of {\"id\", \"label\", \"of\", \"members\"}"));
            return groups;
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!object(item, itemPath, GROUP)) {
                continue;
            }
            String id = text(item, itemPath, "id", ID, "a lower-case id with hyphens");
            String label = text(item, itemPath, "label", null, null);
            String of = text(item, itemPath, "of", Pattern.compile("roles|actions"), "\"roles\" or \"actions\"");
            List<String> members = strings(item.get("members"), itemPath + ".members", ID, "an id");
            if (item.get("members") == null || members.isEmpty()) {
                problems.add(Problem.at(file + " " + itemPath + ".members", "must list at least one id"));
            } else if (id != null && label != null && of != null) {
                groups.add(new Vocabulary.Group(id, label, of.equals("roles") ? Vocabulary.Kind.ROLES : Vocabulary.Kind.ACTIONS, members));
            }
        }
        return groups;
    }

    private static Map<Vocabulary.Kind, List<Vocabulary.Term>> emptyKinds() {
        Map<Vocabulary.Kind, List<Vocabulary.Term>> terms = new EnumMap<>(Vocabulary.Kind.class);
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            terms.put(kind, List.of());
        }
        return terms;
    }

    private boolean object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.add(Problem.at(file + " " + path, "must be a JSON object"));
            return false;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Problem(file + " " + path + "." + name, "is not a manifest field",
                        allowed.stream().sorted().toList(), null, 0, 0));
            }
        }
        return true;
    }

    private String text(JsonNode parent, String path, String field, Pattern pattern, String expected) {
        JsonNode value = parent.get(field);
        String at = file + " " + path + "." + field;
        if (value == null || value.isNull()) {
            problems.add(Problem.at(at, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(Problem.at(at, "must be a non-empty string"));
            return null;
        }
        if (pattern != null && !pattern.matcher(value.asText()).matches()) {
            problems.add(Problem.at(at, "\"" + value.asText() + "\" must be " + expected));
            return null;
        }
        return value.asText();
    }
}
