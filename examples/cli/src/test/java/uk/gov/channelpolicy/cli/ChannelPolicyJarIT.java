package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program as a user runs it: {@code java -jar target/channel-policy.jar}, a real process
 * with its dependencies found through the jar's {@code Class-Path}. Run by failsafe after packaging.
 */
class ChannelPolicyJarIT {
    /** A generous bound so a hung process fails the build instead of stalling it; not a timing assertion. */
    private static final long GIVE_UP_MINUTES = 5;

    private static Path jar;

    @BeforeAll
    static void findTheJar() {
        jar = Path.of(System.getProperty("channelpolicy.cli.jar", "target/channel-policy.jar"));
        assertThat(jar).as("the packaged jar; run 'mvn verify'").isRegularFile();
        assertThat(jar.resolveSibling("lib")).as("its dependencies").isDirectory();
    }

    @Test
    void jar_runsTheDemoWithOnlyTheDemoOnStdout() throws Exception {
        Result result = run("", "demo");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.out())
                .startsWith("Rule set dh 2.0.0 (Department of Health)\n")
                .contains("\n10 questions from classpath:rulesets/dh/demo.json\n")
                .contains("10. May a minister tweet from the Department's corporate channel, @dhgovuk?")
                .contains("DENY by dh.ministers.use-a-personal-channel")
                .contains("(if you\u2019re"); // the guidance's curly quotes come out as UTF-8
        assertThat(result.err()).as("no log lines from Drools").isEmpty();
    }

    @Test
    void jar_evaluatesARequestOnStandardInput() throws Exception {
        Result result = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "evaluate", "-");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        JsonNode decision = new ObjectMapper().readTree(result.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
        assertThat(EvaluateCommandTest.ruleIds(decision.path("reasons"))).containsExactly(
                "dh.ministers.no-official-help-with-party-political",
                "dh.partisan.no-civil-service-resources-for-party-politics");
    }

    @Test
    void jar_compilesARuleSetDirectoryWithEverythingItNeedsOnTheClassPath() throws Exception {
        // Compiling at run time needs more of Drools than the precompiled rule set does (e.g. decision tables).
        Result result = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "evaluate", "--rules",
                RuleSetOptionTest.DH_DIRECTORY.toString(), "-");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        JsonNode decision = new ObjectMapper().readTree(result.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
        assertThat(EvaluateCommandTest.ruleIds(decision.path("reasons"))).contains("dh.ministers.no-official-help-with-party-political");
    }

    @Test
    void jar_exitsTwoWithoutAStackTraceForAnInvalidRequest() throws Exception {
        Result result = run(Requests.MISSPELT_ROLE, "evaluate", "-");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("$.actor.role").contains("Did you mean \"minister\"?").doesNotContain("\tat ");
    }

    @Test
    void jar_explainsARequestWithTheChangesThatWouldPermitIt() throws Exception {
        Result result = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "explain", "-");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("No: the Communications Division may not draft a tweet with party-political\n")
                .contains("Why not? The smallest changes that would permit it:")
                .contains("(PERMIT by dh.ministers.minister-uses-own-personal-channel)");
    }

    @Test
    void jar_validatesTheBuiltInRuleSetClean() throws Exception {
        Result result = run("", "validate");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).isEqualTo("dh 2.0.0: clean\n");
    }

    @Test
    void jar_runsTheBuiltInScenariosWithCoverage() throws Exception {
        Result result = run("", "test", "--min-coverage", "100");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).containsPattern("\nPASS (\\d+), FAIL 0 \\(\\1 scenarios\\)\n").endsWith("\nOK\n");
        assertThat(result.err()).as("no log lines from Drools").isEmpty();
    }

    @Test
    void jar_printsTheRuleCatalogue() throws Exception {
        Result result = run("", "catalogue", "--format", "json");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        JsonNode catalogue = new ObjectMapper().readTree(result.out());
        assertThat(catalogue.path("rules")).anySatisfy(rule -> assertThat(rule.path("id").asText()).isEqualTo("dh.partisan.civil-servants"));
    }

    @Test
    void jar_printsItsVersionFromTheManifest() throws Exception {
        Result result = run("", "--version");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).startsWith("channel-policy 1.0.0").doesNotContain(VersionText.UNPACKAGED);
    }

    @Test
    void jar_writesJsonLinesAsUtf8StraightToStandardOutput() throws Exception {
        String valid = Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER.replace("\n", " ");
        Result result = run(valid + "\nnot json\n" + valid + "\n", "evaluate", "--jsonl", "-");
        Result single = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "evaluate", "-");

        assertThat(result.exitStatus()).as(result.toString()).isEqualTo(ExitStatus.INVALID);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(single.out().strip()).isEqualTo(lines.get(2));
        assertThat(lines.get(1)).startsWith("{\"error\":");
        assertThat(result.err()).contains("1 of 3 lines").contains("the first was line 2");
    }

    @Test
    void launcher_givesWhatTheJarGivesUsingTheArchiveTheBuildMade() throws Exception {
        Path launcher = Path.of(System.getProperty("channelpolicy.cli.launcher", "channel-policy"));
        assertThat(launcher).as("the launcher script").isExecutable();
        assertThat(jar.resolveSibling("channel-policy.jsa")).as("the class-data-sharing archive mvn package makes").isRegularFile().isNotEmptyFile();

        Result fromJar = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "evaluate", "-");
        Result fromLauncher = start(List.of(launcher.toString(), "evaluate", "-"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);
        Result demo = start(List.of(launcher.toString(), "demo"), "");
        Result archiveUsed = start(List.of(launcher.toString(), "--version"), "", "CHANNEL_POLICY_JAVA_OPTS",
                "-Xshare:on -Xlog:cds=info:stderr");

        assertThat(fromLauncher.exitStatus()).as(fromLauncher.toString()).isZero();
        assertThat(fromLauncher.out()).isEqualTo(fromJar.out());
        assertThat(fromLauncher.err()).isEmpty();
        assertThat(demo.out()).isEqualTo(run("", "demo").out());
        // -Xshare:on makes the JVM refuse to start if it cannot map the archive: this proves the archive is used.
        assertThat(archiveUsed.exitStatus()).as(archiveUsed.toString()).isZero();
        assertThat(archiveUsed.out()).startsWith("channel-policy 1.0.0");
    }

    /**
     * The README puts the launcher on PATH with a symbolic link: the launcher must follow it, here a relative link to an
     * absolute link, to find the jar beside itself.
     */
    @Test
    void launcher_worksThroughSymbolicLinksAsOnPath(@TempDir Path temp) throws Exception {
        Path launcher = Path.of(System.getProperty("channelpolicy.cli.launcher", "channel-policy")).toAbsolutePath();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path absoluteLink = Files.createSymbolicLink(temp.resolve("linked-launcher"), launcher);
        Path onPath = Files.createSymbolicLink(bin.resolve("channel-policy"), Path.of("..", "linked-launcher"));
        assertThat(onPath.toRealPath()).isEqualTo(launcher.toRealPath());

        Result fromJar = run(Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER, "evaluate", "-");
        Result throughLinks = start(List.of(onPath.toString(), "evaluate", "-"), Requests.COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER);
        Result byName = start(List.of("bash", "-c", "PATH=\"$1:$PATH\" channel-policy --version", "-", bin.toString()), "");

        assertThat(absoluteLink).isSymbolicLink();
        assertThat(throughLinks.exitStatus()).as(throughLinks.toString()).isZero();
        assertThat(throughLinks.out()).isEqualTo(fromJar.out());
        assertThat(throughLinks.err()).isEmpty();
        assertThat(byName.exitStatus()).as(byName.toString()).isZero();
        assertThat(byName.out()).startsWith("channel-policy 1.0.0");
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException, ExecutionException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return start(command, stdin);
    }

    private static Result start(List<String> command, String stdin, String... environment)
            throws IOException, InterruptedException, ExecutionException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        List<String> args = command.subList(1, command.size());
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("channel-policy " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String readAll(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exitStatus, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitStatus + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

}
