package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.facts.Request;

/**
 * The policy profile of DRL: exactly what a rule file may contain, checked on the text before
 * anything of it is compiled, evaluated or class-loaded. Drools evaluates parts of a rule file while
 * compiling it (annotation values, {@code eval}, {@code from}, declared defaults, attribute
 * expressions), so a check of the compiled classes comes too late; this check reads only Drools'
 * parsed descriptors ({@link DrlParser} → {@link PackageDescr}), which the parser builds without
 * running anything, and the constraint and consequence text, against an allow-list grammar.
 *
 * <p>What a rule may contain:
 * <ul>
 *   <li>the rule set's own package, imports of the library's fact types (and, in a fork, its base's
 *       declared types), and declared types with plain {@code String}, {@code boolean} or {@code int}
 *       fields: no initialisers, annotations or supertypes;</li>
 *   <li>annotations from a fixed list, each a single string literal;</li>
 *   <li>at most an integer-literal {@code salience} as an attribute;</li>
 *   <li>conditions: patterns over {@code Request} and the declared types, joined by {@code and},
 *       {@code or}, {@code not}, {@code exists}; constraints that compare a field with literals or a
 *       binding ({@code ==}, {@code !=}, {@code in}, {@code not in}, {@code contains},
 *       {@code not contains}), joined by {@code &&} and {@code ||}; bindings {@code $x : field};</li>
 *   <li>a consequence of {@code insert(new DeclaredType(...))} statements whose arguments are
 *       literals or bindings, and nothing else: a rule's effect is its {@code @effect} annotation;</li>
 *   <li>no rule inserts a type its own conditions, directly or through other rules, depend on, so every
 *       rule fires at most once per combination of facts; and what one rule asks of the engine is bounded:
 *       at most {@value #MAX_DECLARED_PATTERNS} patterns of declared types, {@value #MAX_INSERTS} inserts and
 *       {@value #MAX_BRANCHES} alternatives (at run time, an evaluation that inserts more than
 *       64 facts fails closed).</li>
 * </ul>
 * Java unicode escapes are translated first, and the translated text is what is compiled.
 */
public final class DrlProfile {
    /** Every refusal's message starts with this, then the construct. */
    public static final String REFUSED = "not in the policy profile: ";
    /** The annotations a rule may carry. */
    static final Set<String> ANNOTATIONS = Set.of("id", "description", "citation", "quote", "interpretation", "effect", "value", "outcomes");
    /** The fact types of the library that rules may match, by simple name. */
    private static final Map<String, Map<String, ConstraintGrammar.FieldType>> FACTS = Map.of("Request",
            properties(uk.gov.channelpolicy.facts.Request.class));
    private static final String FACTS_PACKAGE = "uk.gov.channelpolicy.facts.";
    private static final Set<String> FIELD_TYPES = Set.of("String", "boolean", "int");
    /** Namespaces a rule set's package may never equal or sit inside. */
    private static final List<String> RESERVED = List.of("java", "javax", "jdk", "sun", "com.sun", "org.drools", "org.kie",
            "org.mvel2", "org.mvel", "org.slf4j", "com.fasterxml", "org.antlr", "org.eclipse", "com.github.javaparser",
            "uk.gov.channelpolicy", "org.apache", "org.w3c", "org.xml", "org.jboss", "org.junit", "picocli", "io.javalin",
            "org.eclipse.jetty");
    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern RULE_NAME = Pattern.compile("[\\p{L}\\p{N} ,.;:'()&/?!-]+");
    private static final Pattern SALIENCE = Pattern.compile("-?[0-9]{1,6}");
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
            "var", "record", "yield", "sealed", "permits");

    /** A rule file's text after unicode escapes are translated: the text to compile when it is accepted. */
    record Checked(List<Problem> problems, Map<String, String> texts) {
        Checked {
            problems = List.copyOf(problems);
            texts = java.util.Collections.unmodifiableMap(new TreeMap<>(texts));
        }
    }

    /**
     * One rule file to check.
     *
     * @param name the file's name in the rule set, for problems
     * @param text its text (for a decision table, the CSV)
     * @param ownPackage the package its rules must be in
     */
    record Source(String name, String text, String ownPackage) {
    }

    private final List<Problem> problems = new ArrayList<>();
    /** Declared type simple name → its fields and what each holds, over every file checked together. */
    private final Map<String, Map<String, ConstraintGrammar.FieldType>> declared = new LinkedHashMap<>();
    /** Declared types by the package that declares them, for a fork's imports of its base's types. */
    private final Map<String, String> declaringPackage = new HashMap<>();
    private final List<RuleFlow> flows = new ArrayList<>();

    /** Which declared types a rule's conditions read and which it inserts: for the insert-cycle check. */
    private record RuleFlow(int line, String rule, Set<String> reads, Set<String> inserts, Located at) {
    }

    /** Where in a file a problem is: the file, and a line the table rows map back to. */
    private record Located(String file, String csv) {
    }

    private DrlProfile() {
    }

    /** A fact type's properties as DRL names them: from its public getters, so the fact class is their one description. */
    private static Map<String, ConstraintGrammar.FieldType> properties(Class<?> type) {
        Map<String, ConstraintGrammar.FieldType> names = new TreeMap<>();
        for (java.lang.reflect.Method method : type.getMethods()) {
            String name = method.getName();
            if (method.getParameterCount() != 0 || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String property = name.startsWith("get") && name.length() > 3 ? name.substring(3)
                    : name.startsWith("is") && name.length() > 2 ? name.substring(2) : null;
            if (property != null) {
                Class<?> returned = method.getReturnType();
                ConstraintGrammar.FieldType fieldType = returned == boolean.class || returned == Boolean.class ? ConstraintGrammar.FieldType.FLAG
                        : returned == int.class || returned == long.class ? ConstraintGrammar.FieldType.NUMBER
                        : Set.class.isAssignableFrom(returned) ? ConstraintGrammar.FieldType.SET : ConstraintGrammar.FieldType.TEXT;
                names.put(Character.toLowerCase(property.charAt(0)) + property.substring(1), fieldType);
            }
        }
        return Map.copyOf(names);
    }

    /**
     * Checks rule files together (a fork's with its base's), before anything compiles.
     *
     * @param sources the files, each with the package its rules must be in
     * @return every problem, and each file's text to compile (a decision table's expanded DRL)
     */
    static Checked check(List<Source> sources) {
        try {
            return checkAll(sources);
        } catch (StackOverflowError e) {
            // Nesting deep enough to overflow a parser is not a policy rule; no file of it is compiled.
            return new Checked(List.of(new Problem(sources.isEmpty() ? "rules" : sources.get(0).name(), REFUSED
                    + "syntax: conditions nested too deeply to read; a policy rule needs no more than a few levels", List.of(), null, 1, 0)),
                    java.util.Map.of());
        }
    }

    /** Limits that keep what a rule set asks of the engine small: see the class comment. */
    static final int MAX_DECLARED_PATTERNS = 4;
    static final int MAX_INSERTS = 8;
    static final int MAX_BRANCHES = 64;

    private static Checked checkAll(List<Source> sources) {
        DrlProfile profile = new DrlProfile();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        Map<String, Source> byName = new LinkedHashMap<>();
        for (Source source : sources) {
            String text = source.text();
            String csv = null;
            if (source.name().endsWith(".drl.csv")) {
                csv = text;
                text = profile.expandTable(source.name(), csv);
                if (text == null) {
                    continue;
                }
            }
            text = UnicodeEscapes.translate(text);
            int surrogate = unpairedSurrogate(text);
            if (surrogate >= 0) {
                profile.problems.add(new Problem(source.name(), REFUSED + "syntax: an unpaired surrogate (from a unicode escape) at"
                        + " character " + (surrogate + 1) + "; write the character itself", List.of(), null, 1, 0));
                continue;
            }
            PackageDescr descr = profile.parse(source.name(), text, csv);
            if (descr != null) {
                parsed.put(source.name(), descr);
                byName.put(source.name(), source);
                texts.put(source.name(), text);
                profile.collectDeclarations(descr);
            }
        }
        for (Map.Entry<String, PackageDescr> file : parsed.entrySet()) {
            Source source = byName.get(file.getKey());
            profile.checkFile(new Located(source.name(), source.name().endsWith(".drl.csv") ? source.text() : null),
                    texts.get(file.getKey()), file.getValue(), source.ownPackage());
        }
        profile.checkInsertCycles();
        return new Checked(profile.problems, texts);
    }

    /** The index of the first surrogate char that is not half of a pair, or -1: it could not be compiled as it was checked. */
    private static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A decision table's rules are checked on the DRL Drools generates from it: plain template expansion, nothing runs. */
    private String expandTable(String name, String csv) {
        try {
            return RuleSource.tableDrl(csv);
        } catch (RuntimeException e) {
            problems.add(new Problem(name, REFUSED + "syntax: the decision table cannot be read: " + Failures.describe(e),
                    List.of(), null, 1, 0));
            return null;
        }
    }

    private PackageDescr parse(String name, String text, String csv) {
        DrlParser parser = new DrlParser();
        PackageDescr descr;
        try {
            descr = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            problems.add(new Problem(name, REFUSED + "syntax: " + Failures.describe(e), List.of(), null, 1, 0));
            return null;
        }
        if (parser.hasErrors() || descr == null) {
            for (DroolsError error : parser.getErrors()) {
                int line = error instanceof ParserError p ? p.getRow() : Math.max(0, error.getLines().length > 0 ? error.getLines()[0] : 0);
                int column = error instanceof ParserError p ? p.getCol() + 1 : 0;
                if (csv != null) {
                    line = tableLine(csv, text, line);
                    column = 0;
                }
                problems.add(new Problem(name, REFUSED + "syntax: " + error.getMessage(), List.of(), null, Math.max(1, line),
                        Math.max(0, column)));
            }
            if (parser.getErrors().isEmpty()) {
                problems.add(new Problem(name, REFUSED + "syntax: the file does not parse", List.of(), null, 1, 0));
            }
            return null;
        }
        return descr;
    }

    private void collectDeclarations(PackageDescr descr) {
        for (TypeDeclarationDescr type : descr.getTypeDeclarations()) {
            Map<String, ConstraintGrammar.FieldType> fields = new LinkedHashMap<>();
            type.getFields().forEach((name, field) -> {
                String fieldType = field.getPattern() == null ? null : field.getPattern().getObjectType();
                fields.put(name, "boolean".equals(fieldType) ? ConstraintGrammar.FieldType.FLAG
                        : "int".equals(fieldType) ? ConstraintGrammar.FieldType.NUMBER : ConstraintGrammar.FieldType.TEXT);
            });
            declared.put(type.getTypeName(), fields);
            declaringPackage.put(type.getTypeName(), descr.getNamespace());
        }
    }

    private void checkFile(Located at, String text, PackageDescr descr, String ownPackage) {
        String name = at.file();
        String namespace = descr.getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            refuse(at, text, 1, 0, "package", "the file declares no package", "start the file with: package " + ownPackage + ";");
        } else if (!namespace.equals(ownPackage)) {
            String reserved = reserved(namespace);
            refuse(at, text, descr.getLine(), descr.getColumn(), "package",
                    "package " + namespace + (reserved != null ? " is inside the " + reserved + " namespace, which belongs to the platform"
                            : " is not the rule set's own package"),
                    "write: package " + ownPackage + ";");
        }
        for (ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget();
            if (!importable(target, ownPackage)) {
                refuse(at, text, imported.getLine(), imported.getColumn(), "import", "import " + target + " is not a fact type",
                        "import only " + FACTS_PACKAGE + "Request (and, in a fork, its base's declared types)");
            }
        }
        descr.getFunctionImports().forEach(i -> refuse(at, text, i.getLine(), i.getColumn(), "import",
                "import function " + i.getTarget() + " brings in code", "remove it: rules compare fields with literals"));
        descr.getAccumulateImports().forEach(i -> refuse(at, text, i.getLine(), i.getColumn(), "import",
                "import accumulate " + i.getTarget() + " brings in code", "remove it"));
        descr.getGlobals().forEach(g -> refuse(at, text, g.getLine(), g.getColumn(), "global",
                "global " + g.getType() + " " + g.getIdentifier() + " gives rules an object to call",
                "remove it: a rule's effect is its @effect annotation (e.g. @effect(\"deny\")), not a call"));
        descr.getFunctions().forEach(f -> refuse(at, text, f.getLine(), f.getColumn(), "function",
                "function " + f.getName() + " is code", "remove it: express the condition as constraints"));
        descr.getAttributes().forEach(a -> refuse(at, text, a.getLine(), a.getColumn(), "rule attribute",
                "package attribute " + a.getName(), "remove it"));
        descr.getEntryPointDeclarations().forEach(e -> refuse(at, text, e.getLine(), e.getColumn(), "entry point",
                "declare entry-point " + e.getEntryPointId(), "remove it: every fact comes from the request"));
        descr.getWindowDeclarations().forEach(w -> refuse(at, text, w.getLine(), w.getColumn(), "declare",
                "declare window " + w.getName(), "remove it: rules read the request, not a stream of events"));
        descr.getEnumDeclarations().forEach(e -> refuse(at, text, e.getLine(), e.getColumn(), "declare",
                "declare enum " + e.getTypeName(), "declare a type with plain String fields instead"));
        if (descr.getUnit() != null) {
            refuse(at, text, descr.getLine(), 0, "package", "unit " + descr.getUnit().getTarget(), "remove it");
        }
        for (TypeDeclarationDescr type : descr.getTypeDeclarations()) {
            checkDeclaration(at, text, type, descr.getNamespace());
        }
        for (RuleDescr rule : descr.getRules()) {
            checkRule(at, text, rule, ownPackage);
        }
    }

    /** Whether a name is a java.lang type's, which generated code could confuse with a declared one. Loads nothing. */
    private static boolean platformName(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return false;
        }
        try {
            Class.forName("java.lang." + name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String reserved(String namespace) {
        for (String reserved : RESERVED) {
            if (namespace.equals(reserved) || namespace.startsWith(reserved + ".")) {
                return reserved;
            }
        }
        return null;
    }

    private boolean importable(String target, String ownPackage) {
        if (target == null) {
            return false;
        }
        if (target.startsWith(FACTS_PACKAGE) && FACTS.containsKey(target.substring(FACTS_PACKAGE.length()))) {
            return true;
        }
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String typeName = target.substring(dot + 1);
        String typePackage = target.substring(0, dot);
        // A fork imports its base's declared types; the base is checked together with it.
        return declared.containsKey(typeName) && typePackage.equals(declaringPackage.get(typeName))
                && !typePackage.equals(ownPackage);
    }

    private void checkDeclaration(Located at, String text, TypeDeclarationDescr type, String filePackage) {
        String name = type.getTypeName();
        int line = type.getLine();
        String typePackage = type.getNamespace();
        if (typePackage != null && !typePackage.isEmpty() && !typePackage.equals(filePackage)) {
            // Its class would be made in that package, where nothing of the rule set's should be.
            refuse(at, text, line, type.getColumn(), "declare", "declare " + type.getFullTypeName() + " names package " + typePackage
                    + ", not the file's own", "declare the type by its name alone: declare " + name);
        }
        if (!IDENTIFIER.matcher(name).matches() || JAVA_KEYWORDS.contains(name) || FACTS.containsKey(name) || platformName(name)) {
            refuse(at, text, line, type.getColumn(), "declare", "type name \"" + name + "\"",
                    "name a declared type with letters and digits, not a keyword, a fact type or a java.lang class");
        }
        if (!type.getSuperTypes().isEmpty()) {
            refuse(at, text, line, type.getColumn(), "declare", "declare " + name + " extends " + type.getSuperTypes(),
                    "declare a type of its own, with no supertype");
        }
        if (!type.getAnnotations().isEmpty() || type.isTrait()) {
            refuse(at, text, line, type.getColumn(), "declare", "declare " + name + " carries annotations " + type.getAnnotationNames(),
                    "remove them: a declared type is a plain classification fact");
        }
        for (TypeFieldDescr field : type.getFields().values()) {
            int fieldLine = field.getLine() > 0 ? field.getLine() : line;
            String fieldType = field.getPattern() == null ? null : field.getPattern().getObjectType();
            if (field.getInitExpr() != null) {
                refuse(at, text, fieldLine, field.getColumn(), "declare", "field " + name + "." + field.getFieldName()
                        + " has a default value, which is evaluated while compiling", "remove the default: set the field when inserting");
            }
            if (!field.getAnnotations().isEmpty()) {
                refuse(at, text, fieldLine, field.getColumn(), "declare", "field " + name + "." + field.getFieldName()
                        + " carries annotations " + field.getAnnotationNames(), "remove them");
            }
            if (!IDENTIFIER.matcher(field.getFieldName()).matches() || JAVA_KEYWORDS.contains(field.getFieldName())) {
                refuse(at, text, fieldLine, field.getColumn(), "declare", "field name \"" + field.getFieldName() + "\"",
                        "name a field with letters and digits");
            }
            if (fieldType == null || !FIELD_TYPES.contains(fieldType)) {
                refuse(at, text, fieldLine, field.getColumn(), "declare", "field " + name + "." + field.getFieldName() + " is of type "
                        + fieldType, "use one of " + String.join(", ", new java.util.TreeSet<>(FIELD_TYPES)));
            }
        }
    }

    private void checkRule(Located at, String text, RuleDescr rule, String ownPackage) {
        int line = rule.getLine();
        String name = rule.getName();
        if (rule instanceof QueryDescr || rule.isQuery()) {
            refuse(at, text, line, rule.getColumn(), "query", "query " + name, "write a rule with an @effect instead");
            return;
        }
        if (name == null || !RULE_NAME.matcher(name).matches()) {
            refuse(at, text, line, rule.getColumn(), "rule attribute", "rule name \"" + name + "\" has characters outside"
                    + " letters, digits, spaces and , . ; : ' ( ) & / ? ! -", "name the rule in plain words");
        }
        if (rule.getParentName() != null) {
            refuse(at, text, line, rule.getColumn(), "rule attribute", "rule " + name + " extends " + rule.getParentName(),
                    "write the conditions out: rules do not inherit");
        }
        if (rule.getUnit() != null) {
            refuse(at, text, line, rule.getColumn(), "rule attribute", "rule unit " + rule.getUnit().getTarget(), "remove it");
        }
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            boolean literalSalience = attribute.getName().equals("salience") && attribute.getValue() != null
                    && SALIENCE.matcher(attribute.getValue().strip()).matches();
            if (!literalSalience) {
                refuse(at, text, attribute.getLine() > 0 ? attribute.getLine() : line, attribute.getColumn(), "rule attribute",
                        attribute.getName() + " " + attribute.getValue() + " in rule \"" + name + "\"",
                        "remove it; only salience with a whole number (salience 10) is allowed, where order matters");
            }
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            checkAnnotation(at, text, rule, annotation);
        }
        Map<String, Integer> bindings = new LinkedHashMap<>();
        Set<String> patternBindings = new LinkedHashSet<>();
        Set<String> reads = new LinkedHashSet<>();
        int[] declaredPatterns = new int[1];
        if (rule.getLhs() != null) {
            if (!rule.getLhs().getAnnotations().isEmpty()) {
                refuse(at, text, line, 0, "annotation", "an annotation on the conditions of rule \"" + name + "\"", "remove it");
            }
            for (BaseDescr element : rule.getLhs().getDescrs()) {
                checkCondition(at, text, rule, element, bindings, patternBindings, reads, declaredPatterns, true);
            }
            long branches = branches(rule.getLhs());
            if (branches > MAX_BRANCHES) {
                refuse(at, text, line, 0, "pattern", "rule \"" + name + "\" expands to " + branches + " alternatives (each or doubles"
                        + " them)", "split it into rules of at most " + MAX_BRANCHES + " alternatives");
            }
        }
        if (declaredPatterns[0] > MAX_DECLARED_PATTERNS) {
            refuse(at, text, line, 0, "pattern", "rule \"" + name + "\" matches " + declaredPatterns[0] + " patterns of declared types,"
                    + " which the engine joins with each other", "match at most " + MAX_DECLARED_PATTERNS + "; classify in steps instead");
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            refuse(at, text, rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : line, 0, "consequence",
                    "named consequences " + rule.getNamedConsequences().keySet() + " in rule \"" + name + "\"",
                    "write one consequence; a rule's effect is its @effect annotation");
        }
        Set<String> inserts = checkConsequence(at, text, rule, bindings.keySet());
        Set<String> fieldBindings = new LinkedHashSet<>(bindings.keySet());
        fieldBindings.removeAll(patternBindings);
        checkEffect(at, text, rule, fieldBindings, inserts);
        flows.add(new RuleFlow(line, name, reads, inserts, at));
    }

    private void checkAnnotation(Located at, String text, RuleDescr rule, AnnotationDescr annotation) {
        int line = annotationLine(text, rule, annotation.getName());
        if (!ANNOTATIONS.contains(annotation.getName())) {
            refuse(at, text, line, 0, "annotation", "@" + annotation.getName() + " on rule \"" + rule.getName() + "\"",
                    "use only @" + String.join(", @", new java.util.TreeSet<>(ANNOTATIONS)),
                    Problem.nearest(annotation.getName(), ANNOTATIONS).orElse(null));
            return;
        }
        Map<String, Object> values = annotation.getValueMap();
        Object value = values.size() == 1 ? values.get("value") : null;
        if (!(value instanceof String literal) || !StringLiteral.isOne(literal) || literal.contains("@{") || literal.contains("#{")) {
            refuse(at, text, line, 0, "annotation", "@" + annotation.getName() + " on rule \"" + rule.getName()
                    + "\" has a value that is not one string literal: " + shorten(String.valueOf(values)),
                    "write @" + annotation.getName() + "(\"text\"): one string, no expression, no concatenation");
        }
    }

    private void checkCondition(Located at, String text, RuleDescr rule, BaseDescr element, Map<String, Integer> bindings,
            Set<String> patternBindings, Set<String> reads, int[] declaredPatterns, boolean topLevel) {
        int line = element.getLine() > 0 ? element.getLine() : rule.getLine();
        int column = element.getColumn() + 1;
        if (element instanceof org.drools.drl.ast.descr.AnnotatedBaseDescr annotated && !(element instanceof PatternDescr)
                && !annotated.getAnnotations().isEmpty()) {
            refuse(at, text, line, column, "annotation", "an annotation on a condition of rule \"" + rule.getName() + "\": "
                    + annotated.getAnnotationNames(), "remove it: annotations belong to the rule, as string literals");
            return;
        }
        if (element instanceof AndDescr || element instanceof OrDescr || element instanceof NotDescr || element instanceof ExistsDescr) {
            // A binding made under not, exists or one branch of an or is not bound when the rule fires.
            boolean nested = element instanceof NotDescr || element instanceof ExistsDescr || element instanceof OrDescr || !topLevel;
            for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) element).getDescrs()) {
                checkCondition(at, text, rule, (BaseDescr) child, bindings, patternBindings, reads, declaredPatterns, !nested && topLevel);
            }
            return;
        }
        if (!(element instanceof PatternDescr pattern)) {
            String construct = construct(element);
            refuse(at, text, line, column, construct, construct + " in rule \"" + rule.getName() + "\"",
                    "match Request( field == \"value\" ) or a declared type instead");
            return;
        }
        if (pattern.getSource() != null) {
            String construct = construct(pattern.getSource());
            refuse(at, text, line, column, construct, construct + " in rule \"" + rule.getName() + "\"",
                    "match the fact itself: Request( ... ) or a declared type, with no source");
            return;
        }
        if (!pattern.getBehaviors().isEmpty() || pattern.isQuery() || pattern.isUnification() || !pattern.getAnnotations().isEmpty()
                || !pattern.getPositionalConstraints().isEmpty()) {
            refuse(at, text, line, column, "pattern", "pattern " + pattern.getObjectType() + " in rule \"" + rule.getName()
                    + "\" uses a window, query, unification, annotation or positional constraint",
                    "write Type( field == \"value\" ) with named fields");
            return;
        }
        String type = pattern.getObjectType();
        String simple = type != null && type.startsWith(FACTS_PACKAGE) ? type.substring(FACTS_PACKAGE.length()) : type;
        Map<String, ConstraintGrammar.FieldType> fields = simple == null ? null
                : FACTS.containsKey(simple) ? FACTS.get(simple) : declared.get(simple);
        if (fields == null) {
            refuse(at, text, line, column, "pattern", "pattern over " + type + " in rule \"" + rule.getName() + "\"",
                    "match Request or a type the rule set declares (" + String.join(", ", declared.keySet()) + ")");
            return;
        }
        if (declared.containsKey(simple)) {
            reads.add(simple);
            declaredPatterns[0]++;
        }
        if (pattern.getIdentifier() != null) {
            bind(at, text, rule, pattern.getIdentifier(), line, column, bindings, topLevel);
            patternBindings.add(pattern.getIdentifier());
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                refuse(at, text, constraint.getLine() > 0 ? constraint.getLine() : line, constraint.getColumn() + 1, "constraint",
                        "constraint " + shorten(String.valueOf(constraint)) + " in rule \"" + rule.getName() + "\"",
                        "write field == \"value\"");
                continue;
            }
            int constraintLine = expr.getLine() > 0 ? expr.getLine() : line;
            ConstraintGrammar.Result result = ConstraintGrammar.check(UnicodeEscapes.translate(expr.getExpression()), fields,
                    bindings.keySet());
            if (result.error() != null) {
                refuse(at, text, constraintLine, expr.getColumn() + 1, "constraint", result.error() + " in rule \"" + rule.getName()
                        + "\": " + shorten(expr.getExpression()),
                        "compare a field of " + simple + " with literals: ==, !=, in, not in, contains, not contains, joined by && and ||");
            }
            for (String binding : result.bindings()) {
                bind(at, text, rule, binding, constraintLine, expr.getColumn() + 1, bindings, topLevel);
            }
        }
    }

    private void bind(Located at, String text, RuleDescr rule, String binding, int line, int column, Map<String, Integer> bindings,
            boolean topLevel) {
        if (!binding.startsWith("$") || !IDENTIFIER.matcher(binding.substring(1)).matches()) {
            refuse(at, text, line, column, "constraint", "binding " + binding + " in rule \"" + rule.getName() + "\"",
                    "name bindings $name");
        } else if (topLevel) {
            bindings.putIfAbsent(binding, line);
        }
    }

    /** How many alternatives the engine makes of a rule's conditions: each or multiplies them. */
    private static long branches(BaseDescr element) {
        if (element instanceof OrDescr or) {
            long sum = 0;
            for (Object child : or.getDescrs()) {
                sum = Math.min(Long.MAX_VALUE / 2, sum + branches((BaseDescr) child));
            }
            return Math.max(1, sum);
        }
        if (element instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            long product = 1;
            for (Object child : ce.getDescrs()) {
                product = Math.min(Long.MAX_VALUE / 2, product * branches((BaseDescr) child));
            }
            return product;
        }
        return 1;
    }

    private static String construct(BaseDescr element) {
        String simple = element.getClass().getSimpleName();
        return switch (simple) {
            case "EvalDescr" -> "eval";
            case "FromDescr" -> "from";
            case "AccumulateDescr" -> "accumulate";
            case "CollectDescr" -> "collect";
            case "ForallDescr" -> "forall";
            case "EntryPointDescr" -> "entry point";
            case "NamedConsequenceDescr", "ConditionalBranchDescr" -> "consequence";
            default -> "pattern";
        };
    }

    /** The consequence: {@code insert(new DeclaredType(literal-or-binding, ...));} statements and comments, nothing else. */
    private Set<String> checkConsequence(Located at, String text, RuleDescr rule, Set<String> bindings) {
        Object consequence = rule.getConsequence();
        int line = rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : rule.getLine();
        Set<String> inserts = new LinkedHashSet<>();
        if (consequence == null) {
            return inserts;
        }
        ConsequenceGrammar.Result result = ConsequenceGrammar.check(UnicodeEscapes.translate(consequence.toString()), declared, bindings);
        if (result.error() == null && result.count() > MAX_INSERTS) {
            refuse(at, text, line, 0, "consequence", "rule \"" + rule.getName() + "\" inserts " + result.count() + " facts",
                    "insert at most " + MAX_INSERTS + ": a classification inserts one fact, or a few");
        }
        if (result.error() != null) {
            refuse(at, text, line, 0, "consequence", result.error() + " in rule \"" + rule.getName() + "\"",
                    "the only statement a consequence may hold is insert(new DeclaredType(\"value\")); a rule's effect is its"
                            + " @effect annotation, e.g. @effect(\"deny\")");
        }
        inserts.addAll(result.inserts());
        return inserts;
    }

    /** A rule says what it finds with {@code @effect}, and {@code @value} for effects that name an id. */
    private void checkEffect(Located at, String text, RuleDescr rule, Set<String> bindings, Set<String> inserts) {
        String effect = literal(rule, "effect");
        String value = literal(rule, "value");
        String outcomes = literal(rule, "outcomes");
        int line = annotationLine(text, rule, "effect");
        if (effect == null) {
            if (outcomes != null) {
                refuse(at, text, annotationLine(text, rule, "outcomes"), 0, "annotation", "@outcomes without @effect(\"advice\") on rule \""
                        + rule.getName() + "\"", "@outcomes says which outcomes advice applies to: add @effect(\"advice\") or remove it");
            }
            if (inserts.isEmpty()) {
                refuse(at, text, rule.getLine(), 0, "annotation", "rule \"" + rule.getName() + "\" has no @effect and inserts nothing",
                        "say what it finds: @effect(\"" + String.join("\"), @effect(\"", RuleEffect.NAMES) + "\")");
            }
            if (value != null) {
                refuse(at, text, annotationLine(text, rule, "value"), 0, "annotation", "@value without @effect on rule \""
                        + rule.getName() + "\"", "add @effect");
            }
            return;
        }
        String problem = RuleEffect.problem(effect, value, outcomes);
        if (problem != null) {
            refuse(at, text, line, 0, "annotation", problem + " on rule \"" + rule.getName() + "\"",
                    "write @effect(\"" + String.join("\"), @effect(\"", RuleEffect.NAMES) + "\"), with @value(\"id\") or @value(\"$binding\")"
                            + " for channel-type, code, responsibility and (optionally) advice, and @outcomes(\"permit, deny, not-applicable\")"
                            + " (those it applies to) for advice only",
                    Problem.nearest(effect, RuleEffect.NAMES).orElse(null));
        } else if (value != null && value.startsWith("$") && !bindings.contains(value)) {
            refuse(at, text, annotationLine(text, rule, "value"), 0, "annotation", "@value(\"" + value + "\") on rule \""
                    + rule.getName() + "\" names no field binding made in every case of its conditions (not under not, exists or"
                    + " one branch of an or, nor a whole fact)", "bind a field in a condition that always matches: Request( "
                    + value + " : field )");
        }
    }

    private static String literal(RuleDescr rule, String annotation) {
        AnnotationDescr descr = rule.getAnnotation(annotation);
        if (descr == null || descr.getValueMap().size() != 1 || !(descr.getValueMap().get("value") instanceof String raw)
                || !StringLiteral.isOne(raw)) {
            return null;
        }
        return StringLiteral.value(raw);
    }

    /** No rule may insert a declared type its conditions depend on, directly or through other rules: such rules never stop. */
    private void checkInsertCycles() {
        Map<String, Set<String>> feeds = new HashMap<>();
        for (RuleFlow flow : flows) {
            for (String read : flow.reads()) {
                feeds.computeIfAbsent(read, k -> new LinkedHashSet<>()).addAll(flow.inserts());
            }
        }
        for (RuleFlow flow : flows) {
            for (String inserted : flow.inserts()) {
                Set<String> reachable = reachable(inserted, feeds);
                reachable.add(inserted);
                for (String read : flow.reads()) {
                    if (reachable.contains(read)) {
                        refuse(flow.at(), null, flow.line(), 0, "insert cycle", "rule \"" + flow.rule() + "\" matches " + read
                                + " and inserts " + inserted + (read.equals(inserted) ? "" : ", which leads back to " + read)
                                + ", so it can fire without end", "classify from the request first, then decide from the classification;"
                                + " a rule never inserts what it (or what it feeds) matches");
                        return;
                    }
                }
            }
        }
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> feeds) {
        Set<String> seen = new HashSet<>();
        List<String> work = new ArrayList<>(List.of(from));
        while (!work.isEmpty()) {
            String type = work.remove(work.size() - 1);
            for (String next : feeds.getOrDefault(type, Set.of())) {
                if (seen.add(next)) {
                    work.add(next);
                }
            }
        }
        return seen;
    }

    private static int annotationLine(String text, RuleDescr rule, String annotation) {
        if (text == null || rule.getStartCharacter() < 0) {
            return rule.getLine();
        }
        int start = Math.min(rule.getStartCharacter(), text.length());
        int end = rule.getEndCharacter() > start ? Math.min(text.length(), rule.getEndCharacter()) : text.length();
        java.util.regex.Matcher m = Pattern.compile("@\\s*" + Pattern.quote(annotation) + "\\b").matcher(text.substring(start, end));
        if (!m.find()) {
            return rule.getLine();
        }
        return rule.getLine() + (int) text.substring(start, start + m.start()).chars().filter(c -> c == '\n').count();
    }

    private void refuse(Located at, String text, int line, int column, String construct, String what, String instead) {
        refuse(at, text, line, column, construct, what, instead, null);
    }

    private void refuse(Located at, String text, int line, int column, String construct, String what, String instead, String suggestion) {
        int row = Math.max(1, line);
        int col = Math.max(0, column);
        if (at.csv() != null) {
            row = tableLine(at.csv(), text, row);
            col = 0;
        }
        problems.add(new Problem(at.file(), REFUSED + construct + ": " + what + "; " + instead, List.of(), suggestion, row, col));
    }

    /** The rows of a decision table's header whose content becomes DRL of its own. */
    private static final Set<String> TABLE_SECTIONS = Set.of("Import", "Variables", "Functions", "Queries", "Declare", "Sequential");

    /**
     * A line of a decision table's expanded DRL mapped back to the table: the row that names the rule around it,
     * or else the header row of the section that made it (Import, Variables, Functions, Queries, Declare).
     */
    static int tableLine(String csv, String drl, int drlLine) {
        List<String> rows = csv.lines().toList();
        if (drl != null) {
            List<String> lines = drl.lines().toList();
            for (int i = Math.min(drlLine, lines.size()) - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (line.startsWith("rule \"")) {
                    String name = line.substring(6, line.lastIndexOf('"') > 5 ? line.lastIndexOf('"') : line.length());
                    int row = RuleSource.tableRow(rows, name);
                    if (row > 0) {
                        return row;
                    }
                    break;
                }
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String first = rows.get(r).split(",", 2)[0].replace("\"", "").strip();
            if (TABLE_SECTIONS.contains(first)) {
                return r + 1;
            }
        }
        return 1;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
