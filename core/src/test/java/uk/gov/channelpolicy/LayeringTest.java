package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of core, as docs/embedding.md and the root package's Javadoc describe them, checked on the sources and the
 * compiled classes: data flows one way, and the public API is what an embedder needs.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/uk/gov/channelpolicy");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?uk\\.gov\\.channelpolicy\\.(?:([a-z]+)\\.)?(?:[a-z]+\\.)*[A-Z]",
            Pattern.MULTILINE);
    /** Each layer and the layers of ours it may use ("" is the API, the root package). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "", Set.of("json", "facts", "engine", "load"),
            "json", Set.of("", "facts", "load"),
            "facts", Set.of(""),
            "load", Set.of("", "facts"),
            "engine", Set.of("", "facts", "load"),
            "tools", Set.of("", "json", "facts", "engine", "load"),
            "log", Set.of("", "json", "facts"));
    /** The packages an embedder may use; the rest are internal. */
    private static final List<String> PUBLIC_PACKAGES = List.of("", "json", "facts", "tools", "tools.scenario", "log");

    private static String layerOf(Path file) {
        Path relative = SOURCES.relativize(file.getParent());
        return relative.toString().isEmpty() ? "" : relative.getName(0).toString();
    }

    @Test
    void eachLayer_usesOnlyTheLayersBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = layerOf(file);
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String used = imports.group(1) == null ? "" : imports.group(1);
                    if (!used.equals(layer) && !MAY_USE.get(layer).contains(used)) {
                        violations.add(SOURCES.relativize(file) + " (" + name(layer) + ") uses " + name(used));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static String name(String layer) {
        return layer.isEmpty() ? "the API" : layer;
    }

    @Test
    void rootPackage_hasAtMost25PublicTypes() throws IOException {
        Set<String> publicTypes = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).lines().anyMatch(line -> line.matches("public (final |abstract |sealed )*(class|record|interface|enum) .*"))) {
                    publicTypes.add(file.getFileName().toString().replace(".java", ""));
                }
            }
        }
        assertThat(publicTypes).hasSize(25).contains("ChannelPolicy", "PolicyRequest", "Decision", "DecisionSink", "Source");
    }

    @Test
    void publicApi_showsNoJacksonOrDroolsType() throws Exception {
        List<String> leaks = new ArrayList<>();
        Path classes = Path.of("target/classes/uk/gov/channelpolicy");
        for (String pkg : PUBLIC_PACKAGES) {
            Path folder = pkg.isEmpty() ? classes : classes.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = "uk.gov.channelpolicy." + (pkg.isEmpty() ? "" : pkg + ".") + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (!Modifier.isPublic(type.getModifiers())) {
                        continue;
                    }
                    for (Method method : type.getMethods()) {
                        List<Type> shown = new ArrayList<>(List.of(method.getGenericParameterTypes()));
                        shown.add(method.getGenericReturnType());
                        for (Type one : shown) {
                            String text = one.getTypeName();
                            if (text.contains("com.fasterxml.jackson") || text.contains("org.kie.") || text.contains("org.drools.")) {
                                leaks.add(name + "." + method.getName() + ": " + text);
                            }
                        }
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
