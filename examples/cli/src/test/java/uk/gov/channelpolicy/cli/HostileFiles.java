package uk.gov.channelpolicy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The core module's corpus of hostile rule files (core/src/test/resources/hostile), each dropped into a
 * copy of core's newsroom test rule set. A file's second line, {@code // expect: <construct>}, names
 * what the policy profile refuses it for; its payload creates the path written {@code @MARKER@}.
 */
final class HostileFiles {
    /** The corpus, found from this module's folder (where Maven runs the tests) or any folder of the checkout. */
    static final Path CORPUS = fromCheckout("core/src/test/resources/hostile");
    /** The newsroom test rule set the corpus files are written for. */
    static final Path NEWSROOM = fromCheckout("core/src/test/resources/rulesets/newsroom");
    /** How every refusal by the policy profile begins; the construct refused follows. */
    static final String PROFILE = "not in the policy profile: ";
    private static final String EXPECT = "// expect: ";

    /** A request the newsroom rule set decides (PERMIT): an editor posts news on the newsroom account. */
    static final String NEWSROOM_REQUEST = """
            {"actor":{"role":"editor","id":"ed"},"action":"post","channel":{},"content":["news"]}""";

    private HostileFiles() {
    }

    /**
     * One hostile file.
     *
     * @param file where it is in the corpus
     * @param expect the construct its {@code // expect:} line names
     */
    record Hostile(Path file, String expect) {
        String name() {
            return file.getFileName().toString();
        }
    }

    /** Every corpus file, in name order. */
    static List<Hostile> corpus() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().map(file -> new Hostile(file, expect(file))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expect(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(2).filter(line -> line.startsWith(EXPECT)).map(line -> line.substring(EXPECT.length()).strip())
                    .findFirst().orElseThrow(() -> new IllegalStateException(file + " has no second line " + EXPECT + "<construct>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the newsroom rule set in a new folder {@code rules} under {@code parent}, with the hostile
     * file added under its own name and its {@code @MARKER@} replaced by {@code marker}.
     *
     * @return the rule-set folder
     */
    static Path newsroomWith(Hostile hostile, Path parent, Path marker) throws IOException {
        Path rules = Files.createDirectories(parent.resolve("rules"));
        try (Stream<Path> files = Files.list(NEWSROOM)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Files.writeString(rules.resolve(hostile.name()), Files.readString(hostile.file()).replace("@MARKER@", marker.toString()));
        return rules;
    }

    /**
     * A path of the checkout, from the nearest folder that has it at or above this module's folder (which
     * Maven's surefire names in {@code basedir}; the working directory when run otherwise).
     */
    private static Path fromCheckout(String relative) {
        Path start = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve(relative))) {
                return folder.resolve(relative).normalize();
            }
        }
        throw new IllegalStateException("no " + relative + " at or above " + start
                + ": run the tests from the checkout (Maven runs them from examples/cli)");
    }
}
