package uk.gov.channelpolicy.load;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import uk.gov.channelpolicy.load.ProfileTokens.Kind;
import uk.gov.channelpolicy.load.ProfileTokens.Refused;
import uk.gov.channelpolicy.load.ProfileTokens.Token;

/**
 * The only consequence the policy profile allows: classification, as
 * <pre>
 * consequence := ( 'insert' '(' 'new' DeclaredType '(' [ arg ( ',' arg )* ] ')' ')' ';' )*
 * arg         := "string" | whole number | true | false | $binding
 * </pre>
 * with one argument per field of the declared type, or none. What a rule decides is its
 * {@code @effect} annotation, not a call in its consequence.
 */
final class ConsequenceGrammar {
    /**
     * What the check found.
     *
     * @param error what is outside the profile, or null
     * @param inserts the declared types inserted
     * @param count how many insert statements it holds
     */
    record Result(String error, Set<String> inserts, int count) {
    }

    private ConsequenceGrammar() {
    }

    /**
     * Checks a consequence.
     *
     * @param text the consequence's text
     * @param declared the declared types and their fields
     * @param bindings the rule's bindings
     * @return an error or the types it inserts
     */
    static Result check(String text, Map<String, ? extends Map<String, ?>> declared, Set<String> bindings) {
        Set<String> inserts = new LinkedHashSet<>();
        int count = 0;
        try {
            ProfileTokens tokens = ProfileTokens.of(text);
            while (!tokens.atEnd()) {
                Token first = tokens.take();
                if (!first.is("insert")) {
                    throw new Refused("the statement starting '" + first.text() + "'");
                }
                tokens.expect("(");
                tokens.expect("new");
                Token type = tokens.take();
                if (type.kind() != Kind.NAME || !declared.containsKey(type.text())) {
                    throw new Refused("insert of '" + type.text() + "', which is not a declared type (declared: "
                            + String.join(", ", declared.keySet()) + ")");
                }
                tokens.expect("(");
                int arguments = 0;
                if (!tokens.accept(")")) {
                    do {
                        argument(tokens.take(), bindings);
                        arguments++;
                    } while (tokens.accept(","));
                    tokens.expect(")");
                }
                int fields = declared.get(type.text()).size();
                if (arguments != 0 && arguments != fields) {
                    throw new Refused("new " + type.text() + " with " + arguments + " arguments; it has " + fields + " fields");
                }
                tokens.expect(")");
                tokens.expect(";");
                inserts.add(type.text());
                count++;
            }
            return new Result(null, inserts, count);
        } catch (Refused e) {
            return new Result(e.getMessage(), inserts, count);
        }
    }

    private static void argument(Token token, Set<String> bindings) throws Refused {
        boolean literal = token.kind() == Kind.STRING || token.kind() == Kind.NUMBER
                || token.kind() == Kind.NAME && (token.text().equals("true") || token.text().equals("false"));
        if (token.kind() == Kind.BINDING && !bindings.contains(token.text())) {
            throw new Refused("binding " + token.text() + " is not bound in the rule's conditions");
        }
        if (!literal && token.kind() != Kind.BINDING) {
            throw new Refused("'" + token.text() + "' as an argument: only literals and bindings");
        }
    }
}
