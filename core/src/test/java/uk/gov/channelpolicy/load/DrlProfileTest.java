package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.facts.Request;

/**
 * The policy-profile check on its own: what it accepts, what it refuses and where, and, fuzzed with generated
 * DRL fragments, that it never runs anything and never fails with anything but a list of problems.
 */
class DrlProfileTest {
    private static final String OWN = "rulesets.newsroom";
    private static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "channel-policy-profile-fuzz-marker");
    private static final String HEAD = "package rulesets.newsroom;\nimport uk.gov.channelpolicy.facts.Request;\n"
            + "declare Flag\n    kind : String\nend\n";

    private static String rule(String annotations, String conditions, String consequence) {
        return HEAD + "rule \"Generated\"\n    @id(\"newsroom.fuzz.generated\")\n" + annotations
                + "    @description(\"d\")\n    @citation(\"Channels\")\n    @quote(\"q\")\nwhen\n" + conditions + "\nthen\n"
                + consequence + "\nend\n";
    }

    private static DrlProfile.Checked check(String text) {
        return DrlProfile.check(List.of(new DrlProfile.Source("fuzz.drl", text, OWN)));
    }

    @Test
    void check_acceptsARuleInsideTheProfile() {
        DrlProfile.Checked checked = check(rule("    @effect(\"code\") @value(\"$kind\")\n",
                "    $r : Request( $role : actorRole, action in (\"post\", \"reply\") || content not contains \"opinion\" )\n"
                        + "    exists Request( owned == true, actorRole == $role )",
                "    insert(new Flag(\"editor\"));\n    // a comment\n    insert(new Flag($role));"));

        assertThat(checked.problems()).extracting(Problem::message)
                .containsExactly(DrlProfile.REFUSED + "annotation: @value(\"$kind\") on rule \"Generated\" names no field binding made"
                        + " in every case of its conditions (not under not, exists or one branch of an or, nor a whole fact); bind a field"
                        + " in a condition that always matches: Request( $kind : field )");
    }

    @Test
    void check_refusesAUnicodeEscapeThatClosesAString() {
        String hidden = "    Request( actorRole == \"x\\u0022.concat(new java.io.File(\\u0022/tmp/p\\u0022).getName()) + \\u0022\" )";

        DrlProfile.Checked checked = check(rule("    @effect(\"deny\")\n", hidden, ""));

        assertThat(checked.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).startsWith(DrlProfile.REFUSED + "constraint: ");
            assertThat(problem.line()).isEqualTo(13);
        });
        assertThat(checked.texts().get("fuzz.drl")).contains("\"x\".concat(new java.io.File(\"/tmp/p\")");
    }

    @Test
    void check_refusesAnAnnotationOnAConditionalElement() {
        DrlProfile.Checked checked = check(rule("    @effect(\"deny\")\n",
                "    Request( action == \"a\" ) || @x(String.valueOf(new java.io.File(\"/tmp/M\").mkdir())) Request( action == \"b\" )", ""));

        assertThat(checked.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith(DrlProfile.REFUSED + "annotation: an annotation on a condition"));
    }

    @Test
    void check_refusesAValueBoundInOneBranchOfAnOrOrToAWholeFact() {
        DrlProfile.Checked branch = check(rule("    @effect(\"code\") @value(\"$v\")\n",
                "    Request( action == \"post\" ) or Request( $v : action == \"zzz\" )", ""));
        DrlProfile.Checked fact = check(rule("    @effect(\"advice\") @value(\"$r\") @outcomes(\"permit\")\n", "    $r : Request( action == \"post\" )", ""));

        assertThat(branch.problems()).extracting(Problem::message).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "annotation: @value(\"$v\") on rule \"Generated\" names no field binding");
        assertThat(fact.problems()).extracting(Problem::message).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "annotation: @value(\"$r\") on rule \"Generated\" names no field binding");
    }

    @Test
    void check_refusesWhatWouldMakeTheEngineJoinOrExpandWithoutBound() {
        String joins = "    Request( action == \"post\" )\n" + "    Flag()\n".repeat(5);
        String inserts = "    insert(new Flag(\"x\"));\n".repeat(9);
        String branches = "    Request( action == \"post\" )\n" + "    ( Request( action == \"a\" ) or Request( action == \"b\" ) )\n".repeat(7);

        assertThat(check(rule("    @effect(\"deny\")\n", joins, "")).problems()).extracting(Problem::message).singleElement()
                .asString().startsWith(DrlProfile.REFUSED + "pattern: rule \"Generated\" matches 5 patterns of declared types");
        assertThat(check(rule("", "    Request( action == \"post\" )", inserts)).problems()).extracting(Problem::message)
                .singleElement().asString().startsWith(DrlProfile.REFUSED + "consequence: rule \"Generated\" inserts 9 facts");
        assertThat(check(rule("    @effect(\"deny\")\n", branches, "")).problems()).extracting(Problem::message).singleElement()
                .asString().startsWith(DrlProfile.REFUSED + "pattern: rule \"Generated\" expands to 128 alternatives");
    }

    @Test
    void check_givesAProblemNotAnErrorForConditionsNestedTooDeeply() {
        String deep = "    Request( " + "(".repeat(5000) + "action == \"post\"" + ")".repeat(5000) + " )";

        assertThat(check(rule("    @effect(\"deny\")\n", deep, "")).problems()).extracting(Problem::message).singleElement()
                .asString().startsWith(DrlProfile.REFUSED + "syntax: ");
    }

    @Test
    void check_refusesAnUnpairedSurrogateMadeByAnEscape() {
        DrlProfile.Checked checked = check(rule("    @effect(\"deny\")\n", "    Request( action == \"\\uD800\" )", ""));

        assertThat(checked.problems()).extracting(Problem::message).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "syntax: an unpaired surrogate");
    }

    @Test
    void check_refusesALiteralThatDoesNotFitItsField() {
        assertThat(check(rule("    @effect(\"deny\")\n", "    Request( owned == \"yes\" )", "")).problems()).extracting(Problem::message)
                .singleElement().asString().contains("'\"yes\"' does not fit a true/false field: write true or false");
        assertThat(check(rule("    @effect(\"deny\")\n", "    Request( content == \"news\" )", "")).problems()).extracting(Problem::message)
                .singleElement().asString().contains("'==' on a set: write contains");
        assertThat(check(rule("    @effect(\"deny\")\n", "    Request( action contains \"p\" )", "")).problems()).extracting(Problem::message)
                .singleElement().asString().contains("contains on a field that is not a set");
        assertThat(check(rule("    @effect(\"deny\")\n", "    Request( owned == true, content not contains \"news\", action not in (\"a\", \"b\") )",
                "")).problems()).isEmpty();
    }

    @Test
    void check_refusesADeclaredTypeNamedLikeAJavaLangClass() {
        String text = "package rulesets.newsroom;\ndeclare Thread\nend\n";

        assertThat(check(text).problems()).extracting(Problem::message).containsExactly(DrlProfile.REFUSED
                + "declare: type name \"Thread\"; name a declared type with letters and digits, not a keyword, a fact type or a java.lang class");
    }

    @Test
    void check_refusesAnInsertCycleAcrossRules() {
        String text = HEAD + "declare Other\nend\n"
                + "rule \"A\"\n    @id(\"newsroom.fuzz.a\")\n    @description(\"d\")\n    @citation(\"c\")\n    @quote(\"q\")\nwhen\n"
                + "    Flag()\nthen\n    insert(new Other());\nend\n"
                + "rule \"B\"\n    @id(\"newsroom.fuzz.b\")\n    @description(\"d\")\n    @citation(\"c\")\n    @quote(\"q\")\nwhen\n"
                + "    Other()\nthen\n    insert(new Flag(\"again\"));\nend\n";

        assertThat(check(text).problems()).extracting(Problem::message).singleElement().asString()
                .startsWith(DrlProfile.REFUSED + "insert cycle: rule \"A\" matches Flag and inserts Other, which leads back to Flag");
    }

    @Test
    void check_mapsAProblemInADecisionTableToItsRow() {
        String table = """
                RuleSet,rulesets.newsroom
                Import,uk.gov.channelpolicy.facts.Request

                RuleTable Whose work
                NAME,CONDITION,METADATA,METADATA,METADATA,METADATA,METADATA
                ,Request,,,,,
                ,\"action == $param\",\"effect(\"\"$param\"\")\",\"id(\"\"$param\"\")\",\"description(\"\"$param\"\")\",\"citation(\"\"$param\"\")\",\"quote(\"\"$param\"\")\"
                Rule,Action,Effect,Id,Description,Cited section,Verbatim quote
                Fine,\"\"\"post\"\"\",permit,newsroom.t.fine,d,Channels,q
                Sneaky,\"\"\"x\"\".concat(String.valueOf(System.exit(1)))\",permit,newsroom.t.sneaky,d,Channels,q
                """;

        DrlProfile.Checked checked = DrlProfile.check(List.of(new DrlProfile.Source("t.drl.csv", table, OWN)));

        assertThat(checked.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("t.drl.csv");
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.message()).startsWith(DrlProfile.REFUSED + "constraint: ");
        });
    }

    /** Pieces of DRL, harmless and hostile, that generated rules are made of. */
    private static final List<String> PIECES = List.of("actorRole", "action", "content", "owned", "==", "!=", "in", "not", "contains",
            "&&", "||", "(", ")", ",", ":", "\"post\"", "\"editor\"", "null", "true", "$r", "$x", "Request", "Flag", ".", "+",
            "new", "java.io.File(\"" + "MARKER" + "\").mkdir()", "System.exit(1)", "\\u0022", "\\u002e", "eval(", "from", "accumulate",
            "collect(", "@x(", "salience", "then", "end", "when", "rule", "\"", ";", "insert(", "kcontext", "drools.halt()", "//", "/*",
            "#", "[", "]", "{", "}", "->", "::", "'", "\n", "\r", "\\u000d", " ");

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(25).map(parts -> String.join(" ", parts)
                .replace("MARKER", MARKER.toString()));
    }

    @Provide
    Arbitrary<String> rules() {
        Arbitrary<String> annotation = Arbitraries.of("", "    @effect(\"deny\")\n", "    @effect(\"code\") @value(\"$x\")\n",
                "    @effect(\"permit\")\n    @x(new java.io.File(\"MARKER\").mkdir())\n").map(a -> a.replace("MARKER", MARKER.toString()));
        return Combinators.combine(annotation, fragments(), fragments(), fragments())
                .as((a, condition, constraint, consequence) -> rule(a, "    Request( " + constraint + " )\n    " + condition, consequence));
    }

    @Property(tries = 1500)
    void check_neverThrowsAndNeverRunsAGeneratedRule(@ForAll("rules") String text) {
        DrlProfile.Checked checked = check(text);

        assertThat(checked.problems()).allSatisfy(problem -> {
            assertThat(problem.message()).startsWith(DrlProfile.REFUSED);
            assertThat(problem.line()).isPositive();
        });
        assertThat(Files.exists(MARKER)).as("a payload ran").isFalse();
        // A payload inside a comment is text Drools never reads: accepting it is right. Java reads the escapes first.
        String code = withoutComments(UnicodeEscapes.translate(text));
        if (code.contains("java.io.File") || code.contains("System.exit") || code.contains("eval(")) {
            assertThat(checked.problems()).as("a payload was accepted: %s", text).isNotEmpty();
        }
    }

    /** The text without its {@code //} and {@code /* *}{@code /} comments, outside string literals, as a Java lexer reads it. */
    static String withoutComments(String text) {
        StringBuilder code = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                code.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    code.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (text.startsWith("//", i)) {
                int end = firstOf(text, i, '\n', '\r'); // Java ends a line comment at either
                i = end < 0 ? text.length() : end - 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
                code.append(' ');
            } else {
                inString = c == '"';
                code.append(c);
            }
        }
        return code.toString();
    }

    @Test
    void withoutComments_dropsCommentsButNotStringsThatLookLikeThem() {
        assertThat(withoutComments("a // java.io.File\nb /* System.exit(1) */ c \"// kept\" d"))
                .isEqualTo("a \nb   c \"// kept\" d");
        assertThat(withoutComments("a // note\rjava.io.File")).isEqualTo("a \rjava.io.File");
    }

    private static int firstOf(String text, int from, char one, char other) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == one || text.charAt(i) == other) {
                return i;
            }
        }
        return -1;
    }

    @Property(tries = 1500)
    void check_neverThrowsOnArbitraryText(@ForAll("fragments") String text) {
        DrlProfile.Checked checked = check(text);

        assertThat(checked.problems()).allSatisfy(problem -> assertThat(problem.message()).startsWith(DrlProfile.REFUSED));
        assertThat(Files.exists(MARKER)).as("a payload ran").isFalse();
    }
}
