package uk.gov.channelpolicy.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.engine.DecisionTable;
import uk.gov.channelpolicy.engine.EvaluationLimits;
import uk.gov.channelpolicy.engine.Evaluator;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSetLoader;

/**
 * Computes a precompiled rule set's decision table at packaging time and writes it where the jar ships it
 * ({@link DecisionTable#resource}), so that a policy built from the jar loads its decisions instead of computing them.
 *
 * <pre>
 * java -cp &lt;rule-set classes and runtime&gt; uk.gov.channelpolicy.tools.DecisionTableWriter dh target/classes
 * </pre>
 *
 * <p>It loads the rule set from the classpath exactly as a serving policy does (the seal, the profile and the compiled
 * classes checked), and decides every combination of its domain with the engine, on every core. A rule set whose rules
 * read beyond the request gets no table, and the writer says so. Exit status: 0 written (or rightly none), 2 the rule set
 * cannot be loaded or decided, 64 wrong arguments.
 */
public final class DecisionTableWriter {
    private DecisionTableWriter() {
    }

    /**
     * Writes the table.
     *
     * @param args the rule set's id and the classes directory to write into
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DecisionTableWriter <rule-set id> <classes directory>");
            System.exit(64);
        }
        try {
            System.out.println(write(args[0], Path.of(args[1])));
        } catch (RuleSetException | IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("no decision table for rule set " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Computes and writes the table of a rule set on the classpath.
     *
     * @param ruleSetId the rule set's id
     * @param classes the directory the jar is packed from
     * @return what was done, in one line
     * @throws IOException when the table cannot be written
     * @throws RuleSetException when the rule set cannot be loaded
     * @throws IllegalStateException when a combination is INDETERMINATE
     */
    public static String write(String ruleSetId, Path classes) throws IOException {
        RuleSet ruleSet = new RuleSetLoader(DecisionTableWriter.class.getClassLoader(), true).fromClasspath(ruleSetId);
        Path file = classes.resolve(DecisionTable.resource(ruleSetId));
        if (!ruleSet.beyondRequest().isEmpty()) {
            Files.deleteIfExists(file);
            return "no decision table for rule set " + ruleSetId + ": its rules read beyond the request: " + ruleSet.beyondRequest();
        }
        long started = System.nanoTime();
        Evaluator evaluator = new Evaluator(ruleSet, new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null));
        DecisionTable table = DecisionTable.compute(evaluator, ruleSet.identity(), ruleSet.vocabulary(), true, () -> false);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            table.write(out, ruleSet.vocabulary());
        }
        return "decision table of rule set " + ruleSetId + " " + ruleSet.identity().version() + ": " + table.size() + " combinations, "
                + table.decided() + " valid, " + table.distinctDecisions() + " distinct decisions, " + Files.size(file) + " bytes, computed in "
                + (System.nanoTime() - started) / 1_000_000 + " ms";
    }
}
