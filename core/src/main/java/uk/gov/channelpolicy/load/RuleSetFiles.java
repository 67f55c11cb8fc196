package uk.gov.channelpolicy.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/** The files of one rule set by relative name, read from a directory or from a classpath folder. */
public final class RuleSetFiles {
    /** The manifest's name in a rule set's folder. */
    public static final String MANIFEST = "manifest.json";
    static final String SCENARIOS = "scenarios/";

    private final String origin;
    private final SortedMap<String, byte[]> files;
    private final SortedMap<String, byte[]> classes;
    private final SortedMap<String, byte[]> scenarios;

    private RuleSetFiles(String origin, SortedMap<String, byte[]> files, SortedMap<String, byte[]> classes,
            SortedMap<String, byte[]> scenarios) {
        this.origin = origin;
        this.files = Collections.unmodifiableSortedMap(files);
        this.classes = Collections.unmodifiableSortedMap(classes);
        this.scenarios = Collections.unmodifiableSortedMap(scenarios);
    }

    static RuleSetFiles fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at(directory.toString(), "is not a directory")));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        SortedMap<String, byte[]> classes = new TreeMap<>();
        SortedMap<String, byte[]> scenarios = new TreeMap<>();
        List<Problem> links = new java.util.ArrayList<>();
        Path root;
        try {
            // The directory itself may be a link (a deployment's "current"); what is inside it may not.
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new RuleSetException("cannot read rule set", List.of(Problem.at(directory.toString(), e.toString())));
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> !p.equals(root)).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (name.contains(":")) {
                    // A colon marks a fork's base files ("dh:codes.drl"); an own file so named could pass for one.
                    links.add(Problem.at(name, "has a colon in its name, which rule-set file names may not: rename it"));
                } else if (Files.isSymbolicLink(file)) {
                    // A link would make another file's content part of the rule set (and echo it in compile errors).
                    links.add(Problem.at(name, "is a symbolic link: a rule set's files are its own; copy the file into the"
                            + " rule-set directory instead"));
                } else if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sort(name, Files.readAllBytes(file), files, classes, scenarios);
                }
            }
        } catch (IOException e) {
            throw new RuleSetException("cannot read rule set", List.of(Problem.at(directory.toString(), e.toString())));
        }
        if (!links.isEmpty()) {
            throw new RuleSetException("cannot load rule set in " + directory, links);
        }
        return new RuleSetFiles(directory.toString(), files, classes, scenarios);
    }

    /** Rule-set files, compiled classes and scenario files each go to their own map; anything else is not ours. */
    private static void sort(String name, byte[] bytes, Map<String, byte[]> files, Map<String, byte[]> classes,
            Map<String, byte[]> scenarios) {
        if (name.startsWith(SCENARIOS) && name.endsWith(".json")) {
            scenarios.put(name.substring(SCENARIOS.length()), bytes);
        } else if (name.endsWith(".class")) {
            classes.put(name, bytes);
        } else if (isRuleSetFile(name)) {
            files.put(name, bytes);
        } else if (name.endsWith(".csv") || name.endsWith(".xls") || name.endsWith(".xlsx")) {
            // A decision table Drools would silently skip: keep it only so validation can say so.
            files.put(name, bytes);
        }
    }

    /** A manifest's JSON, compact, without its {@code files}: what its seal covers of it. Unreadable JSON is taken as it is. */
    private static byte[] manifestWithoutSeal(byte[] manifest) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = JsonTree.read(manifest);
            if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.remove("files");
                return JsonTree.write(object).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // the manifest reader reports it
        }
        return manifest;
    }

    static RuleSetFiles fromClasspath(String folder, ClassLoader classLoader) {
        URL manifest = classLoader.getResource(folder + "/" + MANIFEST);
        if (manifest == null) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at("classpath:" + folder + "/" + MANIFEST,
                    "not found: add the rule set's jar as a dependency, or load a directory instead")));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        SortedMap<String, byte[]> classes = new TreeMap<>();
        SortedMap<String, byte[]> scenarios = new TreeMap<>();
        try {
            if ("jar".equals(manifest.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) manifest.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (entry.isDirectory() || !name.startsWith(folder + "/")) {
                            continue;
                        }
                        try (InputStream in = jar.getInputStream(entry)) {
                            sort(name.substring(folder.length() + 1), in.readAllBytes(), files, classes, scenarios);
                        }
                    }
                }
            } else if ("file".equals(manifest.getProtocol())) {
                RuleSetFiles local = fromDirectory(Path.of(manifest.toURI()).getParent());
                return new RuleSetFiles("classpath:" + folder, new TreeMap<>(local.files), new TreeMap<>(local.classes),
                        new TreeMap<>(local.scenarios));
            } else {
                throw new RuleSetException("cannot load rule set", List.of(Problem.at(manifest.toString(), "unsupported classpath location")));
            }
        } catch (IOException | URISyntaxException e) {
            throw new RuleSetException("cannot read rule set", List.of(Problem.at(manifest.toString(), e.toString())));
        }
        return new RuleSetFiles("classpath:" + folder, files, classes, scenarios);
    }

    /** Rule files, the manifest, and text sources; build leftovers and editor backups are not part of a rule set. */
    private static boolean isRuleSetFile(String name) {
        return name.equals(MANIFEST) || name.endsWith(".drl") || name.endsWith(".drl.csv") || name.endsWith(".txt");
    }

    String origin() {
        return origin;
    }

    Map<String, byte[]> all() {
        return files;
    }

    byte[] get(String name) {
        return files.get(name);
    }

    /** Scenario files under {@code scenarios/}, by path relative to that folder. */
    Map<String, byte[]> scenarios() {
        return scenarios;
    }

    /**
     * What a seal covers: every rule-set file, the manifest (as its JSON without the seal itself), and every scenario
     * file, named {@code scenarios/<path>}. The manifest is sealed because its vocabulary groups, overrides and
     * withdrawals decide as much as a rule file; scenarios because a reviewed change of rules comes with its tests.
     */
    Map<String, byte[]> sealed() {
        SortedMap<String, byte[]> sealed = new TreeMap<>(files);
        byte[] manifest = sealed.remove(MANIFEST);
        if (manifest != null) {
            // The manifest decides too (vocabulary groups, overrides, withdrawals): sealed as its JSON without the seal.
            sealed.put(MANIFEST, manifestWithoutSeal(manifest));
        }
        scenarios.forEach((name, bytes) -> sealed.put(SCENARIOS + name, bytes));
        return sealed;
    }

    /** Compiled classes found beside the rule files: a precompiled rule set's executable model. */
    Map<String, byte[]> classes() {
        return classes;
    }

    List<String> ruleFiles() {
        return files.keySet().stream().filter(n -> n.endsWith(".drl") || n.endsWith(".drl.csv")).toList();
    }

    /** Tables that are not named *.drl.csv, which Drools would not compile. */
    List<String> misnamedTables() {
        return files.keySet().stream().filter(n -> !n.endsWith(".drl.csv")
                && (n.endsWith(".csv") || n.endsWith(".xls") || n.endsWith(".xlsx"))).toList();
    }

    /** SHA-256 over every file's name and bytes in name order, so renaming a file changes it too. */
    String digest() {
        MessageDigest sha = sha256();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            sha.update(file.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(file.getValue().length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(file.getValue());
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("the JDK has no SHA-256", e));
        }
    }
}
