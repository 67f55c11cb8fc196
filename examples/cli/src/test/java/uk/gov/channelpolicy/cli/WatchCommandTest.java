package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code validate --watch} and {@code test --watch} run again after every save, show a broken edit's problems and
 * keep watching. No time is asserted: the waits below only bound the test.
 */
class WatchCommandTest {
    private static final long BOUND_MILLIS = 60_000;

    @TempDir
    Path dir;

    /** The command line running on its own thread, with its output readable while it runs. */
    private record Running(Thread thread, StringWriter out, StringWriter err, AtomicInteger status) {
        void awaitOut(Predicate<String> seen) throws InterruptedException {
            long until = System.currentTimeMillis() + BOUND_MILLIS;
            while (!seen.test(out.toString()) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(out.toString()).as("stdout so far; stderr: %s", err).matches(seen);
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(BOUND_MILLIS);
            assertThat(thread.isAlive()).as("the watch ends when interrupted").isFalse();
            return status.get();
        }
    }

    private static Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger status = new AtomicInteger(-1);
        CommandLine commandLine = Main.commandLine(new ByteArrayInputStream(new byte[0]));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        Thread thread = new Thread(() -> status.set(commandLine.execute(args)), "watch-under-test");
        thread.start();
        return new Running(thread, out, err, status);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void validateWatch_runsAgainAfterEachSaveAndShowsABrokenEdit() throws Exception {
        Path rules = RuleSetFolders.copyOfDh(dir, "watched");
        Running running = start("validate", "--ignore-file-digests", "--watch", rules.toString());
        running.awaitOut(out -> out.contains("dh 2.0.0: clean\n(watching " + rules + " for saves; stop with Ctrl-C)"));

        RuleSetFolders.edit(rules.resolve("codes.drl"), "ChannelIs( type == \"personal\" )", "ChannelIs( type == \"persnal\" )");
        running.awaitOut(out -> out.contains("--- " + rules + " changed") && out.contains("uses \"persnal\""));

        RuleSetFolders.edit(rules.resolve("codes.drl"), "ChannelIs( type == \"persnal\" )", "ChannelIs( type == \"personal\" )");
        running.awaitOut(out -> count(out, "dh 2.0.0: clean") == 2);

        assertThat(running.stop()).isEqualTo(ExitStatus.OK);
        assertThat(running.err().toString()).doesNotContain("\tat ");
    }

    @Test
    void testWatch_showsTheProblemsOfARuleFileOutsideTheProfileAndGoesOn() throws Exception {
        Path rules = RuleSetFolders.copyOfDh(dir, "tested");
        Running running = start("test", "--ignore-file-digests", "--watch", "--rules", rules.toString());
        running.awaitOut(out -> out.contains("(watching " + rules));
        String first = running.out().toString();

        Files.writeString(rules.resolve("sneaky.drl"), "package rulesets.dh;\nrule \"Sneaky\"\n    @id(\"dh.x.sneaky\")\nwhen\n"
                + "    eval( true )\nthen\nend\n");
        running.awaitOut(out -> count(out, "(watching " + rules) == 2);
        assertThat(running.err().toString()).contains("sneaky.drl (line 5, column 5): not in the policy profile: eval");

        Files.delete(rules.resolve("sneaky.drl"));
        running.awaitOut(out -> count(out, "(watching " + rules) == 3);
        String last = running.out().toString();
        assertThat(last.substring(last.lastIndexOf("changed\n") + "changed\n".length(), last.lastIndexOf("(watching")))
                .isEqualTo(first.substring(0, first.indexOf("(watching")));
        assertThat(running.stop()).isEqualTo(ExitStatus.OK);
    }
}
