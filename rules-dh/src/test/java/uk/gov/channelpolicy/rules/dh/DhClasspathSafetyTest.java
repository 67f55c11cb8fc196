package uk.gov.channelpolicy.rules.dh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;

/**
 * A precompiled rule set is checked like one compiled at run time: a class in the rule set's folder that
 * reaches beyond reading the request is refused when the rule set is loaded from the classpath.
 */
class DhClasspathSafetyTest {
    @TempDir
    Path classpath;

    @Test
    void ruleSet_loadsTheCopiedJarContentsAsTheyAre() throws IOException {
        copyRuleSet();
        try (URLClassLoader loader = rulesFirst(classpath)) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").classLoader(loader).build();
            RuleSetIdentity identity = policy.ruleSet().identity();
            assertThat(identity.id()).isEqualTo("dh");
            assertThat(policy.evaluate(DhScenarioRequests.officialDraftingPartyPoliticalForMinister()).outcome()).isEqualTo(Outcome.DENY);
        }
    }

    @Test
    void ruleSet_refusesACompiledClassInTheRuleSetThatCouldDoMoreThanDecide() throws IOException {
        copyRuleSet();
        compile("rulesets.dh.Sneaky", "package rulesets.dh; public class Sneaky { public static void run() { System.exit(3); } }");
        try (URLClassLoader loader = rulesFirst(classpath)) {
            RuleSetException refused = catchThrowableOfType(RuleSetException.class,
                    () -> ChannelPolicy.builder().ruleSet("dh").classLoader(loader).build());

            assertThat(refused).as("loading a precompiled rule set holding a class that calls System.exit").isNotNull();
            assertThat(refused.problems()).extracting(Problem::message)
                    .anySatisfy(m -> assertThat(m).contains("rules refer to java.lang.System.exit").contains("rulesets/dh/Sneaky.class"));
        }
    }

    private void copyRuleSet() throws IOException {
        Path built;
        try {
            built = Path.of(getClass().getClassLoader().getResource("rulesets/dh/manifest.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = classpath.resolve("rulesets/dh");
        try (Stream<Path> files = Files.walk(built)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(built.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private void compile(String className, String source) throws IOException {
        Path sources = Files.createDirectories(classpath.resolveSibling(classpath.getFileName() + "-src"));
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classpath.toString(), file.toString());
        assertThat(status).as("javac %s", className).isZero();
    }

    /** Looks in the copy first for the rule set's classes and files, and everywhere else for the rest. */
    private static URLClassLoader rulesFirst(Path root) {
        URL[] urls;
        try {
            urls = new URL[] {root.toUri().toURL()};
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
        return new URLClassLoader(urls, DhClasspathSafetyTest.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                URL own = name.startsWith("rulesets/") ? findResource(name) : null;
                return own != null ? own : super.getResource(name);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.startsWith("rulesets.")) {
                        Class<?> loaded = findLoadedClass(name);
                        if (loaded == null) {
                            loaded = findClass(name);
                        }
                        return loaded;
                    }
                    return super.loadClass(name, resolve);
                }
            }
        };
    }

    private static final class DhScenarioRequests {
        private DhScenarioRequests() {
        }

        static uk.gov.channelpolicy.PolicyRequest officialDraftingPartyPoliticalForMinister() {
            return uk.gov.channelpolicy.PolicyRequest.builder(uk.gov.channelpolicy.Actor.of("official", "a1"), "draft")
                    .channel(uk.gov.channelpolicy.Channel.ownedBy(uk.gov.channelpolicy.Owner.of("minister", "jane")))
                    .content("party-political").build();
        }
    }
}
