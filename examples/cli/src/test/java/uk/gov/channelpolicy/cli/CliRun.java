package uk.gov.channelpolicy.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the command line in-process, as {@code main} would, with standard input given and stdout and
 * stderr captured.
 *
 * @param exitStatus what the program would exit with
 * @param out everything written to stdout
 * @param err everything written to stderr
 */
record CliRun(int exitStatus, String out, String err) {

    static CliRun run(String... args) {
        return withStdin("", args);
    }

    static CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Stdout split into lines, without the line breaks. */
    List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        // Shown by AssertJ when an assertion on a run fails: everything needed to see why.
        return "exit " + exitStatus + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
