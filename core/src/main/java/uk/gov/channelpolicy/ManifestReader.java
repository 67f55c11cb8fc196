package uk.gov.channelpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks a manifest, reporting every problem at once. */
final class ManifestReader {
    private static final Set<String> TOP = Set.of("id", "version", "department", "effective", "source", "vocabulary");
    private static final Set<String> SOURCE = Set.of("id", "title", "file", "sha256");
    private static final Set<String> TERM = Set.of("id", "label");
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
    static Manifest read(String file, byte[] json, ObjectMapper mapper) {
        ManifestReader reader = new ManifestReader(file);
        JsonNode root;
        try {
            root = mapper.readTree(json);
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
        Vocabulary vocabulary = vocabulary(root.get("vocabulary"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Manifest(id, version, department, effective, source, vocabulary);
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

    private Vocabulary vocabulary(JsonNode node) {
        if (node == null) {
            problems.add(Problem.at(file + " $.vocabulary", "is required"));
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            keys.add(kind.key());
        }
        if (!object(node, "$.vocabulary", Set.copyOf(keys))) {
            return null;
        }
        Map<Vocabulary.Kind, List<Vocabulary.Term>> terms = new EnumMap<>(Vocabulary.Kind.class);
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            String path = "$.vocabulary." + kind.key();
            JsonNode list = node.get(kind.key());
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
                if (termId != null && !seen.add(termId)) {
                    problems.add(Problem.at(file + " " + itemPath + ".id", "\"" + termId + "\" is listed twice"));
                } else if (termId != null && label != null) {
                    kindTerms.add(new Vocabulary.Term(termId, label));
                }
            }
            terms.put(kind, kindTerms);
        }
        return problems.isEmpty() ? Vocabulary.of(terms) : null;
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
