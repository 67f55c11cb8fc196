package uk.gov.channelpolicy.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.engine.DecisionTable;
import uk.gov.channelpolicy.engine.EvaluationLimits;
import uk.gov.channelpolicy.engine.Evaluator;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.RuleSetLoader;

/**
 * Computes a precompiled rule set's decision table at packaging time and writes it where the jar ships it
 * ({@link DecisionTable#resource}), so that a policy built from the jar loads its decisions instead of computing them.
 *
 * <pre>
 * java -cp &lt;rule-set classes and runtime&gt; uk.gov.channelpolicy.tools.DecisionTableWriter dh target/classes
 * </pre>
 *
 * <p>It loads the rule set from the classpath exactly as a serving policy does (the seal, the profile and the compiled
 * classes checked), and decides every combination of its domain with the engine, on every core. A rule set whose rules
 * read beyond the request gets no table, and the writer says so. Exit status: 0 written (or rightly none), 2 the rule set
 * cannot be loaded or decided, 64 wrong arguments.
 *
 * <p>Given a third argument, a cache directory, it keeps the table there under a key made of the rule set's digest and
 * everything on the classpath that could change a decision: the bytes of every directory and of this library's jars, and
 * the names (with their versions) of the other jars. A build that packs the same rule set with the same code again copies
 * the table instead of computing it.
 */
public final class DecisionTableWriter {
    private DecisionTableWriter() {
    }

    /**
     * Writes the table.
     *
     * @param args the rule set's id and the classes directory to write into
     */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: DecisionTableWriter <rule-set id> <classes directory> [cache directory]");
            System.exit(64);
        }
        try {
            System.out.println(write(args[0], Path.of(args[1]), args.length == 3 ? Path.of(args[2]) : null));
        } catch (RuleSetException | IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("no decision table for rule set " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Computes and writes the table of a rule set on the classpath.
     *
     * @param ruleSetId the rule set's id
     * @param classes the directory the jar is packed from
     * @param cache where computed tables are kept between builds, or null
     * @return what was done, in one line
     * @throws IOException when the table cannot be written
     * @throws RuleSetException when the rule set cannot be loaded
     * @throws IllegalStateException when a combination is INDETERMINATE
     */
    public static String write(String ruleSetId, Path classes, Path cache) throws IOException {
        RuleSet ruleSet = new RuleSetLoader(DecisionTableWriter.class.getClassLoader(), true).fromClasspath(ruleSetId);
        Path file = classes.resolve(DecisionTable.resource(ruleSetId));
        if (!ruleSet.beyondRequest().isEmpty()) {
            Files.deleteIfExists(file);
            return "no decision table for rule set " + ruleSetId + ": its rules read beyond the request: " + ruleSet.beyondRequest();
        }
        Path cached = cache == null ? null : cache.resolve(ruleSetId + "-" + key(ruleSet) + DecisionTable.RESOURCE_SUFFIX);
        if (cached != null && Files.isRegularFile(cached)) {
            try (java.io.InputStream in = Files.newInputStream(cached)) {
                DecisionTable.read(in, ruleSet.identity(), ruleSet.vocabulary()); // a damaged copy is computed again
                Files.createDirectories(file.getParent());
                Files.copy(cached, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return "decision table of rule set " + ruleSetId + " " + ruleSet.identity().version() + ": copied from " + cached;
            } catch (IOException e) {
                Files.delete(cached);
            }
        }
        long started = System.nanoTime();
        Evaluator evaluator = new Evaluator(ruleSet, new EvaluationLimits(ChannelPolicy.DEFAULT_MAX_RULE_FIRINGS, null, null));
        DecisionTable table = DecisionTable.compute(evaluator, ruleSet.identity(), ruleSet.vocabulary(), true, () -> false);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            table.write(out, ruleSet.vocabulary());
        }
        if (cached != null) {
            Files.createDirectories(cache);
            try (java.util.stream.Stream<Path> old = Files.list(cache)) {
                for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(ruleSetId + "-")).toList()) {
                    Files.delete(stale);
                }
            }
            Files.copy(file, cached);
        }
        return "decision table of rule set " + ruleSetId + " " + ruleSet.identity().version() + ": " + table.size() + " combinations, "
                + table.decided() + " valid, " + table.distinctDecisions() + " distinct decisions, " + Files.size(file) + " bytes, computed in "
                + (System.nanoTime() - started) / 1_000_000 + " ms";
    }

    /**
     * What a table depends on, as a hex SHA-256: the rule set's digest; every classpath directory's files (but a table
     * written into one, and test classes, which a build compiles after packing the table) and every jar of this library,
     * byte for byte; the file names of the other jars, whose versions
     * are in their names.
     */
    private static String key(RuleSet ruleSet) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(ruleSet.identity().digest().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            sha.update(path.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (Files.isDirectory(path) && !path.endsWith("test-classes")) {
                try (java.util.stream.Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = path.relativize(file).toString().replace('\\', '/');
                        if (!name.startsWith(DecisionTable.RESOURCE_PREFIX)) {
                            sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            sha.update(Files.readAllBytes(file));
                        }
                    }
                }
            } else if (Files.isRegularFile(path) && path.getFileName().toString().startsWith("channel-policy")) {
                sha.update(Files.readAllBytes(path));
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
