package uk.gov.channelpolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import uk.gov.channelpolicy.load.DrlProfile;

/**
 * The corpus of hostile rule files under core/src/test/resources/hostile: each tries one way to run code
 * (or run away) while a rule set loads, and says so in its first two lines, {@code // trick: ...} and
 * {@code // expect: <construct>}. Its payload creates the path written {@code @MARKER@}, which a test
 * replaces with a path of its own and then checks is absent. Each is written for core's newsroom test
 * rule set. Public, in core's test jar, so the CLI's and the server's tests throw the same corpus at their
 * loading paths.
 */
public final class HostileFiles {
    /** The corpus, found from the running module's folder (where Maven runs the tests) or any folder of the checkout. */
    public static final Path CORPUS = fromCheckout("core/src/test/resources/hostile");
    /** The newsroom test rule set the corpus files are written for. */
    public static final Path NEWSROOM = fromCheckout("core/src/test/resources/rulesets/newsroom");
    /** What a corpus file writes where its payload would create a path. */
    public static final String MARKER = "@MARKER@";
    /** The first line's prefix. */
    public static final String TRICK = "// trick: ";
    /** The second line's prefix. */
    public static final String EXPECT = "// expect: ";
    /** How every refusal by the policy profile begins; the construct refused follows. */
    public static final String PROFILE = DrlProfile.REFUSED;
    /** The constructs a profile refusal can name. */
    public static final List<String> CONSTRUCTS = List.of("package", "import", "global", "function", "query", "declare", "entry point",
            "rule attribute", "annotation", "eval", "from", "accumulate", "collect", "forall", "pattern", "constraint",
            "consequence", "syntax", "insert cycle");
    /** A request the newsroom rule set decides (PERMIT): an editor posts news on the newsroom account. */
    public static final String NEWSROOM_REQUEST = """
            {"actor":{"role":"editor","id":"ed"},"action":"post","channel":{},"content":["news"]}""";

    private HostileFiles() {
    }

    /**
     * One hostile file.
     *
     * @param file where it is in the corpus
     * @param trick its {@code // trick:} line, without the prefix; null if missing
     * @param expect its {@code // expect:} line, without the prefix; null if missing
     */
    public record Hostile(Path file, String trick, String expect) {
        /**
         * The file's name, which it keeps when written into a rule set.
         *
         * @return the name
         */
        public String name() {
            return file.getFileName().toString();
        }
    }

    /**
     * Every corpus file, in name order.
     *
     * @return the files
     */
    public static List<Hostile> corpus() {
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
     * A copy of the newsroom rule set's files in a new folder.
     *
     * @param folder the folder to make
     * @return the folder
     */
    public static Path newsroomCopy(Path folder) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(NEWSROOM)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the hostile file into a folder under its own name, its {@code @MARKER@} replaced by {@code marker}.
     *
     * @param hostile the file
     * @param folder where to write it
     * @param marker the path its payload would create
     * @return the file written
     */
    public static Path write(Hostile hostile, Path folder, Path marker) {
        try {
            return Files.writeString(folder.resolve(hostile.name()), Files.readString(hostile.file()).replace(MARKER, marker.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the newsroom rule set in a new folder {@code rules} under {@code parent}, with the hostile
     * file added.
     *
     * @param hostile the file
     * @param parent where to make the folder
     * @param marker the path its payload would create
     * @return the rule-set folder
     */
    public static Path newsroomWith(Hostile hostile, Path parent, Path marker) {
        Path rules = newsroomCopy(parent.resolve("rules"));
        write(hostile, rules, marker);
        return rules;
    }

    /**
     * A path of the checkout, from the nearest folder that has it at or above the running module's folder (which
     * Maven's surefire names in {@code basedir}; the working directory when run otherwise).
     */
    private static Path fromCheckout(String relative) {
        Path start = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve(relative))) {
                return folder.resolve(relative).normalize();
            }
        }
        throw new IllegalStateException("no " + relative + " at or above " + start + ": run the tests from the checkout");
    }
}
