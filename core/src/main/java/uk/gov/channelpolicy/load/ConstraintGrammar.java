package uk.gov.channelpolicy.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import uk.gov.channelpolicy.load.ProfileTokens.Kind;
import uk.gov.channelpolicy.load.ProfileTokens.Refused;
import uk.gov.channelpolicy.load.ProfileTokens.Token;

/**
 * The constraints a pattern may hold under the policy profile, as a grammar:
 * <pre>
 * constraint := binding | or
 * binding    := $name ':' field [ comparison-rest ]
 * or         := and ( '||' and )*
 * and        := term ( '&amp;&amp;' term )*
 * term       := '(' or ')' | field op operand
 * op         := '==' | '!=' | 'contains' | 'not' 'contains' | 'in' | 'not' 'in'
 * operand    := literal | $binding | '(' literal ( ',' literal )* ')'   (the list only after in / not in)
 * literal    := "string" | whole number | true | false | null
 * </pre>
 * A field is a property of the pattern's type; anything else (a method call, {@code new}, a field of a
 * field, arithmetic) is refused. Literals must fit the field's type, as the executable model will insist
 * when the rule set is served: {@code true}/{@code false} for a flag, a string or {@code null} for a text
 * field, a whole number for a number, and {@code contains} for a set.
 */
final class ConstraintGrammar {
    /** What a field holds, for checking the literals compared with it. */
    enum FieldType { TEXT, FLAG, NUMBER, SET }

    /**
     * What the check found.
     *
     * @param error what is outside the profile, or null
     * @param bindings the bindings the constraint introduces
     */
    record Result(String error, List<String> bindings) {
    }

    private final ProfileTokens tokens;
    private final java.util.Map<String, FieldType> fields;
    private final Set<String> bindings;

    private ConstraintGrammar(ProfileTokens tokens, java.util.Map<String, FieldType> fields, Set<String> bindings) {
        this.tokens = tokens;
        this.fields = fields;
        this.bindings = bindings;
    }

    /**
     * Checks one constraint.
     *
     * @param expression the constraint's text
     * @param fields the pattern type's fields and what each holds
     * @param bindings the bindings made earlier in the rule
     * @return an error or the bindings it introduces
     */
    static Result check(String expression, java.util.Map<String, FieldType> fields, Set<String> bindings) {
        try {
            ProfileTokens tokens = ProfileTokens.of(expression);
            ConstraintGrammar grammar = new ConstraintGrammar(tokens, fields, bindings);
            List<String> introduced = new ArrayList<>();
            Token first = tokens.peek();
            Token second = tokens.peek(1);
            if (first != null && first.kind() == Kind.BINDING && second != null && second.is(":")) {
                tokens.take();
                tokens.take();
                introduced.add(first.text());
                FieldType type = grammar.field();
                if (!tokens.atEnd()) {
                    grammar.comparisonRest(type);
                }
            } else {
                grammar.or();
            }
            if (!tokens.atEnd()) {
                throw new Refused("'" + tokens.peek().text() + "' after a complete constraint");
            }
            return new Result(null, introduced);
        } catch (Refused e) {
            return new Result(e.getMessage(), List.of());
        }
    }

    private void or() throws Refused {
        and();
        while (tokens.accept("||")) {
            and();
        }
    }

    private void and() throws Refused {
        term();
        while (tokens.accept("&&")) {
            term();
        }
    }

    private void term() throws Refused {
        if (tokens.accept("(")) {
            or();
            tokens.expect(")");
            return;
        }
        comparisonRest(field());
    }

    private FieldType field() throws Refused {
        Token token = tokens.take();
        if (token.kind() != Kind.NAME || !fields.containsKey(token.text())) {
            throw new Refused("'" + token.text() + "' is not a field (fields: " + String.join(", ", new java.util.TreeSet<>(fields.keySet())) + ")");
        }
        Token after = tokens.peek();
        if (after != null && after.is("(")) {
            throw new Refused("a method call, " + token.text() + "(...)");
        }
        return fields.get(token.text());
    }

    private void comparisonRest(FieldType type) throws Refused {
        Token op = tokens.take();
        boolean list;
        if (op.is("==") || op.is("!=") || op.is("contains")) {
            list = false;
        } else if (op.is("in")) {
            list = true;
        } else if (op.is("not")) {
            Token negated = tokens.take();
            if (negated.is("contains")) {
                list = false;
            } else if (negated.is("in")) {
                list = true;
            } else {
                throw new Refused("'not " + negated.text() + "' is not a comparison");
            }
        } else {
            throw new Refused("'" + op.text() + "' is not a comparison (==, !=, in, not in, contains, not contains)");
        }
        boolean contains = op.is("contains") || op.is("not") && !list;
        if (contains != (type == FieldType.SET)) {
            throw new Refused(contains ? "contains on a field that is not a set" : "'" + op.text() + "' on a set: write contains");
        }
        if (list) {
            tokens.expect("(");
            literal(type);
            while (tokens.accept(",")) {
                literal(type);
            }
            tokens.expect(")");
            return;
        }
        Token operand = tokens.peek();
        if (operand != null && operand.kind() == Kind.BINDING) {
            tokens.take();
            if (!bindings.contains(operand.text())) {
                throw new Refused("binding " + operand.text() + " is not bound earlier in the rule");
            }
            return;
        }
        literal(type == FieldType.SET ? FieldType.TEXT : type);
    }

    private void literal(FieldType type) throws Refused {
        Token token = tokens.take();
        boolean ok = switch (type) {
            case FLAG -> token.kind() == Kind.NAME && (token.text().equals("true") || token.text().equals("false"));
            case NUMBER -> token.kind() == Kind.NUMBER;
            case TEXT, SET -> token.kind() == Kind.STRING || token.kind() == Kind.NAME && token.text().equals("null");
        };
        if (!ok) {
            throw new Refused("'" + token.text() + "' does not fit a " + switch (type) {
                case FLAG -> "true/false field: write true or false";
                case NUMBER -> "number field: write a whole number";
                case TEXT, SET -> "text field: write a \"string\" or null";
            });
        }
    }
}
