package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.DocExamples;
import uk.gov.channelpolicy.InvalidRequestException;

/**
 * The examples in docs/contract.md and docs/policy-writers.md are real output: the contract's decision and problems
 * come from the DH rule set, and the policy writers' transcripts from the command line run in-process on a copy of it,
 * with the temporary folder's path taken out. {@code -Dchannelpolicy.writeDocs=true} writes them again.
 */
class DocsTest {
    static final Path CONTRACT = Path.of("../../docs/contract.md");
    static final Path POLICY_WRITERS = Path.of("../../docs/policy-writers.md");

    private static ChannelPolicy policy;

    @BeforeAll
    static void load() {
        policy = ChannelPolicy.builder().ruleSet("dh").build();
    }

    @Test
    void everyExampleInTheContract_isWhatTheDhRuleSetGives() throws Exception {
        Map<String, Callable<String>> examples = new LinkedHashMap<>();
        examples.put("decision", () -> DocExamples.jq(policy.json().write(policy.evaluateJson(DocExamples.block(CONTRACT, "request.json")))));
        examples.put("problems", () -> {
            String invalid = DocExamples.block(CONTRACT, "invalid-request.json");
            try {
                policy.evaluateJson(invalid);
                throw new AssertionError("not refused: " + invalid);
            } catch (InvalidRequestException e) {
                return DocExamples.jq(policy.json().writeError(e.problems()));
            }
        });

        DocExamples.check(CONTRACT, examples);
    }

    @Test
    void everyTranscriptInThePolicyWritersGuide_isWhatTheCommandLinePrints(@TempDir Path work) throws Exception {
        Path myDh = RuleSetFolders.copyOfDh(work, "my-dh");
        Path responsibilities = myDh.resolve("responsibilities.drl");
        Files.writeString(work.resolve("request.json"), DocExamples.block(CONTRACT, "request.json"));
        Transcripts shell = new Transcripts(work);

        Map<String, Callable<String>> examples = new LinkedHashMap<>();
        examples.put("validate", () -> {
            RuleSetFolders.edit(responsibilities, "actorRole == \"private-office\"", "actorRole == \"private-offce\"");
            return shell.run("channel-policy validate my-dh") + "\n" + shell.run("channel-policy validate --ignore-file-digests my-dh");
        });
        examples.put("test", () -> {
            RuleSetFolders.edit(responsibilities, "actorRole == \"private-offce\"", "actorRole in (\"private-office\", \"official\")");
            return Transcripts.headAndTail(shell.run("channel-policy test --rules my-dh --ignore-file-digests"),
                    line -> line.startsWith("Rule coverage:"), 5, "  ... (one line per rule, then one per cited quote) ...");
        });
        examples.put("explain", () -> {
            List<String> lines = shell.run("channel-policy explain request.json").lines().toList();
            int headline = lines.indexOf("");
            int whyNot = Transcripts.firstLine(lines, line -> line.startsWith("Why not?"));
            // Two alternatives at most are shown; the rest, if any, are cut.
            int third = java.util.stream.IntStream.range(whyNot, lines.size()).filter(i -> lines.get(i).startsWith(" 3. "))
                    .findFirst().orElse(-1);
            return String.join("\n", lines.subList(0, headline)) + "\n"
                    + "  ... (the request, the decision with every reason and its quote, advice, whose work it is, the rules that fired) ...\n\n"
                    + String.join("\n", lines.subList(whyNot, third < 0 ? lines.size() : third)) + (third < 0 ? "\n" : "\n  ...\n");
        });
        examples.put("seal", () -> Transcripts.keep(shell.run("channel-policy seal my-dh"),
                line -> line.startsWith("Sealed ") || line.contains("(changed since the last seal)") || line.startsWith("Checked:")
                        || line.startsWith("(exit"), 0, "  ..."));

        DocExamples.check(POLICY_WRITERS, examples);
    }

    /** Runs command lines in-process as a policy writer would type them in a folder, and prints them as a terminal shows them. */
    static final class Transcripts {
        private final Path folder;

        Transcripts(Path folder) {
            this.folder = folder;
        }

        /**
         * {@code $ COMMAND}, what it wrote to stdout, then what it wrote to stderr, then its exit status. The files it names
         * (each argument after the command that is not an option) are the folder's, and the folder's path is taken out.
         */
        String run(String commandLine) {
            List<String> words = Arrays.asList(commandLine.split(" "));
            assertThat(words.get(0)).isEqualTo("channel-policy");
            List<String> args = new ArrayList<>();
            for (String word : words.subList(1, words.size())) {
                args.add(Files.exists(folder.resolve(word)) && !word.startsWith("-") && args.size() > 0 ? folder.resolve(word).toString() : word);
            }
            CliRun run = CliRun.run(args.toArray(String[]::new));
            String prefix = folder.toString() + "/";
            return ("$ " + commandLine + "\n" + run.out() + run.err()).replace(prefix, "") + "(exit " + run.exitStatus() + ")\n";
        }

        /** The index of the first line that matches. */
        static int firstLine(List<String> lines, Predicate<String> match) {
            for (int i = 0; i < lines.size(); i++) {
                if (match.test(lines.get(i))) {
                    return i;
                }
            }
            throw new AssertionError("no such line in\n" + String.join("\n", lines));
        }

        /** The lines up to the first that {@code until} matches (not included), the elision, and the last {@code tail} lines. */
        static String headAndTail(String text, Predicate<String> until, int tail, String elision) {
            List<String> lines = text.lines().toList();
            int end = 0;
            while (end < lines.size() && !until.test(lines.get(end))) {
                end++;
            }
            assertThat(end).as("a line to stop at in\n%s", text).isLessThan(lines.size());
            List<String> shown = new ArrayList<>(lines.subList(0, end + (tail > 0 ? 1 : 0)));
            shown.add(elision);
            shown.addAll(lines.subList(Math.max(end + 1, lines.size() - tail), lines.size()));
            return String.join("\n", shown) + "\n";
        }

        /**
         * The first line, every line {@code keep} matches and the {@code after} lines after each, with every run of
         * other lines shown as the elision.
         */
        static String keep(String text, Predicate<String> keep, int after, String elision) {
            List<String> lines = text.lines().toList();
            List<String> shown = new ArrayList<>();
            int keepUntil = 1;
            boolean elided = false;
            for (int i = 0; i < lines.size(); i++) {
                if (keep.test(lines.get(i))) {
                    keepUntil = Math.max(keepUntil, i + 1 + after);
                }
                if (i < keepUntil) {
                    shown.add(lines.get(i));
                    elided = false;
                } else if (!elided) {
                    shown.add(elision);
                    elided = true;
                }
            }
            return String.join("\n", shown) + "\n";
        }
    }
}
