package uk.gov.channelpolicy.cli;

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
 * carries, the rules that fired, and why not otherwise: the smallest changes the person asking could make that
 * would change the outcome ({@link Change}).
 */
@Command(name = "explain",
        description = {
            "Decide a request and explain it: reasons, quoted guidance, and what would change the outcome.",
            "Prints the outcome in one sentence; each reason with the guidance it quotes; codes, obligations, advice and "
                    + "whose work it is (and for NOT_APPLICABLE, the rules that came closest and what the request lacked); every "
                    + "rule that fired; and \"why not?\": the smallest changes the person asking could make (the content, the action "
                    + "or the channel, or asking the person whose work it is; never who is acting) that would change the outcome, "
                    + "and what the rules would then decide.",
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

    @Option(names = "--max-alternatives", paramLabel = "N", defaultValue = "" + ChannelPolicy.DEFAULT_MAX_ALTERNATIVES,
            description = "The most changes to list under \"why not?\", smallest first (default ${DEFAULT-VALUE}).")
    private int maxAlternatives;

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
        if (maxAlternatives < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-alternatives must be at least 1, not " + maxAlternatives);
        }
        String text;
        // Read first: a missing file is reported before the rule set takes its time to load.
        try (BufferedReader reader = input.open(file)) {
            text = Input.withoutByteOrderMark(Input.read(file, reader, PolicyJson.MAX_DOCUMENT_LENGTH + 1));
        } catch (IOException e) {
            throw Input.unreadable(file, e);
        }
        try (DecisionLog log = decisionLog.open(); ChannelPolicy policy = rules.loadToDecide(evaluationTimeout.timeout(), log)) {
            PolicyRequest request;
            Explanation explanation;
            try {
                request = policy.json().readRequest(text);
                explanation = policy.explain(request, maxAlternatives);
            } catch (InvalidRequestException e) {
                new ProblemPrinter(spec.commandLine().getErr()).problems("invalid request in "
                        + (Input.STDIN.equals(file) ? "standard input" : file), e.problems());
                return ExitStatus.INVALID;
            }
            return print(policy, request, explanation, output);
        }
    }

    private int print(ChannelPolicy policy, PolicyRequest request, Explanation explanation, OutputFormat output) {
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
            out.print(words.paragraph("None: no change the person asking could make (to the content, the action or the channel, "
                    + "or asking the person whose work it is) would change the outcome.", indent));
        }
        int number = 0;
        for (Alternative alternative : alternatives) {
            number++;
            out.print(words.numbered(number, instructions(alternative.changes()) + ":"));
            out.print(words.paragraph(words.sentence(alternative.request(), alternative.decision()), DecisionText.NUMBERED_INDENT));
            out.print(words.paragraph("(" + decided(alternative.decision()) + ")", DecisionText.NUMBERED_INDENT));
        }
    }

    /** "Leave out personal content", or "Leave out personal content, and use a corporate channel instead of ...". */
    private static String instructions(List<Change> changes) {
        StringBuilder text = new StringBuilder();
        for (Change change : changes) {
            String instruction = change.instruction();
            if (text.length() > 0) {
                text.append(", and ");
                instruction = Character.toLowerCase(instruction.charAt(0)) + instruction.substring(1);
            }
            text.append(instruction);
        }
        return text.toString();
    }

    private static String decided(Decision decision) {
        return decision.outcome() + (decision.reasons().isEmpty() ? ": no rule permits or forbids it" : " by " + String.join(", ", decision.ruleIds()));
    }
}
