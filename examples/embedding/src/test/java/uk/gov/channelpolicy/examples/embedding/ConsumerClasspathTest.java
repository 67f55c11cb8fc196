package uk.gov.channelpolicy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a developer gets who adds only {@code channel-policy-rules-dh}: this module's runtime classpath, as Maven
 * resolved it (written by the dependency plugin before the tests run). The example runs on exactly that classpath in
 * a JVM of its own, so nothing of the test libraries or of the reactor's other modules can help it.
 */
class ConsumerClasspathTest {
    /** The ceiling for a consumer of a precompiled rule set. */
    private static final int MAX_JARS = 30;
    private static final long MAX_BYTES = 10_000_000;
    /** The DRL compiler's jars, which only channel-policy-compiler brings. */
    private static final List<String> COMPILER_JARS = List.of("drools-model-codegen-", "drools-mvel-", "drools-mvel-parser-",
            "drools-mvel-compiler-", "drools-decisiontables-", "drools-templates-", "drools-ecj-", "ecj-", "antlr-runtime-",
            "javaparser-core-", "mvel2-");

    private static List<Path> consumerClasspath() throws IOException {
        String text = Files.readString(Path.of("target/consumer-classpath.txt")).strip();
        return Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
    }

    @Test
    void consumerOfThePrecompiledRuleSet_resolvesAtMost30JarsAnd10MegabytesWithoutTheCompiler() throws IOException {
        List<Path> jars = consumerClasspath();
        long bytes = 0;
        for (Path jar : jars) {
            bytes += Files.size(jar);
        }
        System.out.printf("consumer runtime classpath: %d jars, %,d bytes%n", jars.size(), bytes);

        assertThat(jars).hasSizeLessThanOrEqualTo(MAX_JARS);
        assertThat(bytes).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(jars.stream().map(jar -> jar.getFileName().toString()))
                .noneMatch(name -> COMPILER_JARS.stream().anyMatch(name::startsWith))
                .noneMatch(name -> name.startsWith("commons-codec-"))
                .anyMatch(name -> name.startsWith("channel-policy-rules-dh-"))
                .anyMatch(name -> name.startsWith("channel-policy-core-"));
    }

    @Test
    void example_decidesOnTheConsumerClasspathAlone() throws Exception {
        List<String> output = run("target/classes", Embedding.class.getName());

        assertThat(output).containsExactly(
                "dh.ministers.no-official-help-with-party-political: DH officials cannot assist in the use of the channel for personal or party political content.",
                "dh.partisan.no-civil-service-resources-for-party-politics: ensuring that civil service resources are not used for partisan purposes");
    }

    @Test
    void loadingADirectoryWithoutTheCompiler_namesTheArtifactToAdd() throws Exception {
        List<String> output = run("target/test-classes" + File.pathSeparator + "target/classes", LoadDirectory.class.getName(),
                Path.of("../../rules-dh/src/main/resources/rulesets/dh").toAbsolutePath().normalize().toString());

        assertThat(output).containsExactly("loading a rule-set directory compiles its DRL, and the DRL compiler is not on the"
                + " classpath (missing org.drools:drools-model-codegen, org.drools:drools-mvel, org.drools:drools-decisiontables,"
                + " org.drools:drools-ecj, org.antlr:antlr-runtime) | add the dependency uk.gov.channelpolicy:channel-policy-compiler"
                + " (type pom), or use a precompiled rule-set jar, which needs no compiler");
    }

    /** Runs a main class in a fresh JVM on the consumer classpath plus {@code own}, and returns its standard output. */
    private static List<String> run(String own, String mainClass, String... args) throws Exception {
        String classpath = own + File.pathSeparator + String.join(File.pathSeparator,
                consumerClasspath().stream().map(Path::toString).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
        return out.lines().toList();
    }
}
