package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.Alternative;
import uk.gov.channelpolicy.Change;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * {@code channel-policy explain}: decides one request and explains the answer to a person: the
 * outcome in a sentence, each reason with the guidance it quotes, everything else the decision
 * carries, the rules that fired, and why not otherwise: the smallest changes to the request that
 * would change the outcome.
 */
@Command(name = "explain",
        description = {
            "Decide a request and explain it: reasons, quoted guidance, and what would change the outcome.",
            "Prints the outcome in one sentence; each reason with the guidance it quotes; codes, obligations, advice and "
                    + "whose work it is; every rule that fired; and \"why not?\": the smallest changes to the request (another "
                    + "role, action, channel type, owner or content) that would change the outcome, and what the rules would "
                    + "then decide.",
            "--format json prints the decision as evaluate does, with \"summary\", \"rulesFired\" and \"alternatives\" added."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the request was decided and explained (whatever the outcome)",
            "1:the input could not be read",
            "2:the request was invalid (problems on stderr), or a usage error",
            "3:the rule set could not be loaded"})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Mixin
    private EvaluationTimeoutOption evaluationTimeout;

    @Mixin
    private DecisionLogOption decisionLog;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (the default) or json.")
    private String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The request as JSON, or - to read standard input.")
    private String file;

    private final Input input;

    /**
     * Creates the command.
     *
     * @param input where {@code FILE} is read from
     */
    public ExplainCommand(Input input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws UnreadableInputException if the input cannot be read
     * @throws uk.gov.channelpolicy.RuleSetException if the rule set cannot be loaded
     */
    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.parse(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        String text;
        // Read first: a missing file is reported before the rule set takes its time to load.
        try (BufferedReader reader = input.open(file)) {
            text = Input.withoutByteOrderMark(Input.read(file, reader, PolicyJson.MAX_DOCUMENT_LENGTH + 1));
        } catch (IOException e) {
            throw Input.unreadable(file, e);
        }
        ChannelPolicy policy;
        PolicyRequest request;
        Explanation explanation;
        try (DecisionLog log = decisionLog.open()) {
            policy = rules.loadToDecide(evaluationTimeout.timeout(), log);
            request = policy.json().readRequest(text);
            explanation = policy.explain(request);
        } catch (InvalidRequestException e) {
            new ProblemPrinter(spec.commandLine().getErr()).problems("invalid request in " + (Input.STDIN.equals(file) ? "standard input" : file),
                    e.problems());
            return ExitStatus.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        DecisionText words = new DecisionText(policy.vocabulary());
        if (output == OutputFormat.JSON) {
            out.println(policy.json().write(explanation));
        } else {
            text(words, request, explanation, out);
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static void text(DecisionText words, PolicyRequest request, Explanation explanation, PrintWriter out) {
        Decision decision = explanation.decision();
        String indent = "   ";
        out.print(words.paragraph(words.sentence(request, decision), ""));
        out.println();
        out.println("The request:");
        out.print(words.request(request, indent));
        out.println();
        out.println("The decision:");
        out.print(words.decision(decision, indent));
        out.println();
        out.println("Rules that fired, in order (" + explanation.rulesFired().size() + "):");
        explanation.rulesFired().forEach(rule -> out.println(indent + rule));
        out.println();
        List<Alternative> alternatives = explanation.alternatives();
        out.println(decision.isPermitted() ? "What would change it? The smallest changes that would stop it being permitted:"
                : "Why not? The smallest changes that would permit it:");
        if (alternatives.isEmpty()) {
            out.print(words.paragraph("None: no change to one or two parts of the request would change the outcome.", indent));
        }
        int number = 0;
        for (Alternative alternative : alternatives) {
            number++;
            List<String> changes = alternative.changes().stream().map(Change::describe).toList();
            for (int i = 0; i < changes.size(); i++) {
                String change = (i == 0 ? "If " : "and ") + changes.get(i) + (i == changes.size() - 1 ? ":" : "");
                out.print(i == 0 ? words.numbered(number, change) : words.paragraph(change, DecisionText.NUMBERED_INDENT));
            }
            out.print(words.paragraph(words.sentence(alternative.request(), alternative.decision()), DecisionText.NUMBERED_INDENT));
            out.print(words.paragraph("(" + decided(alternative.decision()) + ")", DecisionText.NUMBERED_INDENT));
        }
    }

    private static String decided(Decision decision) {
        return decision.outcome() + (decision.reasons().isEmpty() ? ": no rule speaks to it" : " by " + String.join(", ", decision.ruleIds()));
    }
}
