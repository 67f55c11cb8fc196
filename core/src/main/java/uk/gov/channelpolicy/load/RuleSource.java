package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * A rule as written in its DRL file: where it is, what it reports, and which ids it spells out.
 * For people and for the lint; what rules may do is enforced on the compiled classes instead.
 *
 * @param file the rule file's name within the rule set
 * @param packageName the DRL package
 * @param name the rule's name
 * @param line the line the rule starts on
 * @param reports the effect the rule declares ({@code @effect}), e.g. {@code deny}, {@code code}, {@code responsibility}
 * @param literals the id-shaped string literals in the rule's conditions and consequence, with lines
 */
public record RuleSource(String file, String packageName, String name, int line, Set<String> reports, List<Literal> literals) {

    /** A string literal in a rule body and the line it is on. */
    public record Literal(String value, int line) {
    }

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ID_SHAPED = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Parses one DRL file; a file that does not parse yields no rules (the compiler reports it). */
    static List<RuleSource> parse(String file, String text) {
        // As the profile check and the compiler read it: an escaped id must not slip past the vocabulary lint.
        text = UnicodeEscapes.translate(text);
        PackageDescr descr;
        try {
            descr = new DrlParser().parse(false, text);
        } catch (DroolsParserException e) {
            return List.of();
        }
        if (descr == null) {
            return List.of();
        }
        List<RuleSource> rules = new ArrayList<>();
        for (RuleDescr rule : descr.getRules()) {
            int start = Math.max(0, rule.getStartCharacter());
            int end = rule.getEndCharacter() > start ? Math.min(text.length(), rule.getEndCharacter()) : text.length();
            String body = text.substring(start, end);
            Set<String> reports = new TreeSet<>();
            org.drools.drl.ast.descr.AnnotationDescr effect = rule.getAnnotation("effect");
            String declared = effect == null ? null : effect.getSingleValueAsString();
            if (declared != null) {
                reports.add(StringLiteral.isOne(declared) ? StringLiteral.value(declared) : declared);
            }
            rules.add(new RuleSource(file, descr.getNamespace(), rule.getName(), rule.getLine(), reports,
                    literals(body, lineAt(text, start))));
        }
        return rules;
    }

    /**
     * Parses a CSV decision table through the DRL Drools generates from it; each rule's line is the
     * table row that makes it (the row whose first cell is the rule's name).
     */
    static List<RuleSource> parseTable(String file, String csv) {
        String drl;
        try {
            drl = tableDrl(csv);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<String> rows = csv.lines().toList();
        List<RuleSource> rules = new ArrayList<>();
        for (RuleSource rule : parse(file, drl)) {
            int line = tableRow(rows, rule.name());
            rules.add(new RuleSource(file, rule.packageName(), rule.name(), line, rule.reports(),
                    rule.literals().stream().map(l -> new Literal(l.value(), line)).toList()));
        }
        return rules;
    }

    /**
     * The DRL a CSV decision table expands to: plain template expansion, nothing of it runs.
     *
     * @param csv the table
     * @return the DRL
     * @throws RuntimeException when the table cannot be read
     */
    static String tableDrl(String csv) {
        return new org.drools.decisiontable.SpreadsheetCompiler().compile(
                new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                org.drools.decisiontable.InputType.CSV);
    }

    /**
     * The table row that makes a rule: the row whose first cell is the rule's name.
     *
     * @param rows the table's lines
     * @param ruleName the rule's name
     * @return the 1-based row, or 0 when no row names it
     */
    static int tableRow(List<String> rows, String ruleName) {
        String quoted = "\"" + ruleName.replace("\"", "\"\"") + "\",";
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith(ruleName + ",") || rows.get(i).startsWith(quoted)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Id-shaped literals outside metadata (whose quotes are prose, but for {@code @value}, which names an id) and comments. */
    private static List<Literal> literals(String body, int firstLine) {
        List<Literal> literals = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("@")) {
                int value = line.indexOf("@value(");
                int end = value < 0 ? -1 : line.indexOf(')', value);
                // Only @value's own argument names an id: not an @outcomes or other annotation after it on the line.
                line = value < 0 ? "" : end < 0 ? line.substring(value) : line.substring(value, end + 1);
            }
            if (line.startsWith("//") || line.startsWith("rule ")) {
                continue;
            }
            int comment = line.indexOf("//");
            Matcher string = STRING.matcher(comment >= 0 ? line.substring(0, comment) : line);
            while (string.find()) {
                if (ID_SHAPED.matcher(string.group(1)).matches()) {
                    literals.add(new Literal(string.group(1), firstLine + i));
                }
            }
        }
        return literals;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
