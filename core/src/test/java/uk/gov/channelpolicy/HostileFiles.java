package uk.gov.channelpolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of hostile rule files under src/test/resources/hostile: each tries one way to run code
 * (or run away) while a rule set loads, and says so in its first two lines,
 * {@code // trick: ...} and {@code // expect: <construct>}. Its payload creates the path written
 * {@code @MARKER@}, which a test replaces with a path of its own and then checks is absent.
 */
final class HostileFiles {
    static final Path CORPUS = Path.of("src/test/resources/hostile");
    static final String MARKER = "@MARKER@";
    static final String TRICK = "// trick: ";
    static final String EXPECT = "// expect: ";
    /** How every refusal by the policy profile begins; the construct refused follows. */
    static final String PROFILE = "not in the policy profile: ";
    /** The constructs a profile refusal can name. */
    static final List<String> CONSTRUCTS = List.of("package", "import", "global", "function", "query", "declare", "entry point",
            "rule attribute", "annotation", "eval", "from", "accumulate", "collect", "forall", "pattern", "constraint",
            "consequence", "syntax", "insert cycle");

    private HostileFiles() {
    }

    /**
     * One hostile file.
     *
     * @param file where it is in the corpus
     * @param trick its {@code // trick:} line, without the prefix; null if missing
     * @param expect its {@code // expect:} line, without the prefix; null if missing
     */
    record Hostile(Path file, String trick, String expect) {
        String name() {
            return file.getFileName().toString();
        }
    }

    /** Every corpus file, in name order. */
    static List<Hostile> corpus() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().map(HostileFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Hostile read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return new Hostile(file, header(lines, 0, TRICK), header(lines, 1, EXPECT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(List<String> lines, int index, String prefix) {
        return lines.size() > index && lines.get(index).startsWith(prefix) ? lines.get(index).substring(prefix.length()).strip() : null;
    }

    /**
     * A copy of the newsroom rule set in a new folder {@code rules} under {@code parent}, with the hostile
     * file added under its own name and its {@code @MARKER@} replaced by {@code marker}.
     *
     * @return the rule-set folder
     */
    static Path newsroomWith(Hostile hostile, Path parent, Path marker) {
        try {
            Path rules = Newsroom.copyTo(Files.createDirectories(parent.resolve("rules")));
            Files.writeString(rules.resolve(hostile.name()), Files.readString(hostile.file()).replace(MARKER, marker.toString()));
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
