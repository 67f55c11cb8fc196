package uk.gov.channelpolicy.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * {@code channel-policy evaluate}: decides requests written as JSON and prints each decision as JSON,
 * exactly as the contract shows it.
 */
@Command(name = "evaluate",
        description = {
            "Decide a request and print the decision as JSON on stdout.",
            "With --jsonl, decide one request per line and print one decision per line, in order; "
                    + "an invalid or blank line gives a line {\"error\": ...} and the run goes on."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every request was decided (whatever the outcome)",
            "1:the input could not be read",
            "2:a request was invalid (problems on stderr, or error lines with --jsonl), or a usage error",
            "3:the rule set could not be loaded"})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RuleSetOption rules;

    @Mixin
    private EvaluationTimeoutOption evaluationTimeout;

    @Mixin
    private DecisionLogOption decisionLog;

    @Option(names = "--jsonl", description = "JSON Lines: one request per input line, one decision per output line.")
    private boolean jsonLines;

    @Option(names = "--threads", paramLabel = "N", description = "With --jsonl, threads deciding requests (default: one per core). "
            + "Output stays in input order.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Parameters(index = "0", paramLabel = "FILE", description = "The request as JSON, or - to read standard input.")
    private String file;

    private final Input input;
    private final PrintStream stdout;

    /**
     * Creates the command, writing JSON Lines results through the command line's output writer.
     *
     * @param input where {@code FILE} is read from
     */
    public EvaluateCommand(Input input) {
        this(input, null);
    }

    /**
     * Creates the command.
     *
     * @param input where {@code FILE} is read from
     * @param stdout the process's standard output, which {@code --jsonl} writes UTF-8 bytes to directly; or null to
     *     write through the command line's output writer (slower: every line is encoded again)
     */
    public EvaluateCommand(Input input, PrintStream stdout) {
        this.input = Objects.requireNonNull(input, "input");
        this.stdout = stdout;
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
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--threads must be at least 1, not " + threads + ": try --threads " + Runtime.getRuntime().availableProcessors());
        }
        // Open first: a missing file is reported before the rule set takes its time to load.
        if (jsonLines) {
            try (java.io.InputStream bytes = input.openBytes(file); DecisionLog log = decisionLog.open();
                    ChannelPolicy policy = rules.loadToDecide(evaluationTimeout.timeout(), log)) {
                return evaluateLines(policy, bytes);
            } catch (IOException e) {
                throw Input.unreadable(file, e);
            }
        }
        try (BufferedReader reader = input.open(file); DecisionLog log = decisionLog.open();
                ChannelPolicy policy = rules.loadToDecide(evaluationTimeout.timeout(), log)) {
            return evaluateOne(policy, reader);
        } catch (IOException e) {
            throw Input.unreadable(file, e);
        }
    }

    private int evaluateOne(ChannelPolicy policy, BufferedReader reader) {
        // One more than the limit, so that an over-long document is reported as too long, not cut short.
        String text = Input.withoutByteOrderMark(Input.read(file, reader, PolicyJson.MAX_DOCUMENT_LENGTH + 1));
        Decision decision;
        try {
            PolicyRequest request = policy.json().readRequest(text);
            decision = policy.evaluate(request);
        } catch (InvalidRequestException e) {
            new ProblemPrinter(spec.commandLine().getErr()).problems("invalid request in " + displayName(), e.problems());
            return ExitStatus.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(policy.json().write(decision));
        out.flush();
        return ExitStatus.OK;
    }

    private int evaluateLines(ChannelPolicy policy, java.io.InputStream bytes) {
        LineReader lines = new LineReader(bytes, (int) PolicyJson.MAX_DOCUMENT_LENGTH);
        JsonLinesBatch.Summary summary;
        try {
            PrintStream sink = stdout != null ? stdout : utf8Over(spec.commandLine().getOut());
            summary = new JsonLinesBatch(policy, threads).run(lines, sink);
        } catch (IOException e) {
            throw Input.unreadable(file, e);
        }
        if (summary.outputClosed()) {
            new ProblemPrinter(spec.commandLine().getErr()).message("output closed after line " + summary.lastWritten() + "; stopped");
        }
        if (summary.invalid() > 0) {
            new ProblemPrinter(spec.commandLine().getErr()).message(summary.invalid() + " of " + summary.total()
                    + (summary.total() == 1 ? " line" : " lines") + " in " + displayName() + " did not hold a valid request (the first was line "
                    + summary.firstInvalid() + "); each has an {\"error\": ...} line in the output");
            return ExitStatus.INVALID;
        }
        return ExitStatus.OK;
    }

    /** UTF-8 bytes written through a writer, whole lines at a time; a writer in error shows as the stream in error. */
    private static PrintStream utf8Over(PrintWriter writer) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
                if (writer.checkError()) {
                    throw new IOException("output closed");
                }
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
                if (writer.checkError()) {
                    throw new IOException("output closed");
                }
            }
        }, false, StandardCharsets.UTF_8);
    }

    private String displayName() {
        return Input.STDIN.equals(file) ? "standard input" : file;
    }
}
