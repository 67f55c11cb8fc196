package uk.gov.channelpolicy.rules.dh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The DH rule files read as text, independently of Drools, so tests can check what the compiler would not. */
final class DhRuleFiles {
    static final Path DIRECTORY = Path.of("src/main/resources/rulesets/dh");
    static final Path GUIDANCE = DIRECTORY.resolve("dh-twitter-guidance.txt");

    private static final Pattern RULE = Pattern.compile("(?ms)^rule \"([^\"]+)\"(.*?)^end\\s*$");
    private static final Pattern META = Pattern.compile("@(\\w+)\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    /** One rule block. */
    record RuleText(String file, String name, String id, String citation, String quote, String description, String body) {
        boolean denies() {
            return body.contains("findings.deny(");
        }
    }

    private DhRuleFiles() {
    }

    static List<RuleText> rules() {
        List<RuleText> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl.csv")).sorted().toList()) {
                rules.addAll(tableRules(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                Matcher rule = RULE.matcher(Files.readString(file));
                while (rule.find()) {
                    String body = rule.group(2);
                    rules.add(new RuleText(file.getFileName().toString(), rule.group(1), meta(body, "id"), meta(body, "citation"),
                            meta(body, "quote"), meta(body, "description"), body));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }

    /**
     * The rows of a decision table after its header row ("Rule", ...), read by column heading: each
     * row is a rule whose body is its ACTION cell, so denies() is true only if a table denies.
     */
    private static List<RuleText> tableRules(Path file) throws IOException {
        List<List<String>> rows = Files.readAllLines(file).stream().map(DhRuleFiles::cells).toList();
        int header = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isEmpty() && rows.get(i).get(0).equals("Rule")) {
                header = i;
            }
        }
        List<String> headings = rows.get(header);
        List<String> templates = rows.get(header - 1);
        List<RuleText> rules = new ArrayList<>();
        for (List<String> row : rows.subList(header + 1, rows.size())) {
            if (row.isEmpty() || row.get(0).isBlank()) {
                continue;
            }
            String action = templates.get(headings.indexOf("Responsible role")).replace("$param", row.get(headings.indexOf("Responsible role")));
            rules.add(new RuleText(file.getFileName().toString(), row.get(0), row.get(headings.indexOf("Id")),
                    row.get(headings.indexOf("Cited section")), row.get(headings.indexOf("Verbatim quote")),
                    row.get(headings.indexOf("Description")), action));
        }
        return rules;
    }

    /** One CSV line's cells: commas separate, double quotes enclose, doubled quotes escape. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!line.isEmpty()) {
            cells.add(cell.toString());
        }
        return cells;
    }

    static String guidance() {
        try {
            return Files.readString(GUIDANCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String meta(String body, String key) {
        Matcher meta = META.matcher(body);
        while (meta.find()) {
            if (meta.group(1).equals(key)) {
                return meta.group(2).replace("\\\"", "\"");
            }
        }
        return null;
    }
}
