package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * {@code channel-policy demo}: asks the rule set the questions in its {@code demo.json} and prints
 * each answer with its reasons, quoted from the guidance, for a person to read.
 */
@Command(name = "demo",
        description = {
            "Ask the rule set its demonstration questions and print the answers readably.",
            "Each answer shows the outcome, channel type and codes, each reason with its rule id and the guidance it quotes, "
                    + "obligations, advice and whose work it is.",
            "The built-in rule set's demo is on the classpath; with --rules DIR it is DIR/demo.json."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every question was answered",
            "1:demo.json could not be read",
            "2:a usage error",
            "3:the rule set, or its demo.json, is not valid"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Mixin
    private EvaluationTimeoutOption evaluationTimeout;

    @Mixin
    private DecisionLogOption decisionLog;

    /** Creates the command. */
    public DemoCommand() {
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws UnreadableInputException if demo.json cannot be read
     * @throws uk.gov.channelpolicy.RuleSetException if the rule set or its demo.json is not valid
     */
    @Override
    public Integer call() {
        try (DecisionLog log = decisionLog.open(); ChannelPolicy policy = rules.loadToDecide(evaluationTimeout.timeout(), log)) {
            return demo(policy);
        }
    }

    private int demo(ChannelPolicy policy) {
        String name = rules.directory() == null ? "classpath:" + resource(policy) : rules.directory().resolve(DemoCase.FILE).toString();
        List<DemoCase> cases = DemoCase.readAll(policy, name, readDemo(policy, name));

        PrintWriter out = spec.commandLine().getOut();
        DecisionText text = new DecisionText(policy.vocabulary());
        RuleSetIdentity identity = policy.ruleSet().identity();
        out.println("Rule set " + identity.id() + " " + identity.version() + " (" + policy.ruleSet().manifest().department() + ")");
        out.println("  " + identity.digest());
        out.println(cases.size() + " questions from " + name);
        int number = 0;
        for (DemoCase demo : cases) {
            number++;
            Decision decision = policy.evaluate(demo.request());
            out.println();
            out.println("=".repeat(DecisionText.DEFAULT_WIDTH));
            out.println();
            out.print(text.numbered(number, demo.question()));
            out.println();
            out.print(text.request(demo.request(), DecisionText.NUMBERED_INDENT));
            out.println();
            out.print(text.decision(decision, DecisionText.NUMBERED_INDENT));
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static String resource(ChannelPolicy policy) {
        return "rulesets/" + policy.ruleSet().manifest().id() + "/" + DemoCase.FILE;
    }

    private String readDemo(ChannelPolicy policy, String name) {
        if (rules.directory() != null) {
            Path file = rules.directory().resolve(DemoCase.FILE);
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw Input.unreadable(file.toString(), e);
            }
        }
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource(policy))) {
            if (in == null) {
                throw new UnreadableInputException(name, "not found: the built-in rule set has no demonstration", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Input.unreadable(name, e);
        }
    }
}
