package uk.gov.channelpolicy;

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

/** The files of one rule set by relative name, read from a directory or from a classpath folder. */
final class RuleSetFiles {
    static final String MANIFEST = "manifest.json";

    private final String origin;
    private final SortedMap<String, byte[]> files;
    private final SortedMap<String, byte[]> classes;

    private RuleSetFiles(String origin, SortedMap<String, byte[]> files, SortedMap<String, byte[]> classes) {
        this.origin = origin;
        this.files = Collections.unmodifiableSortedMap(files);
        this.classes = Collections.unmodifiableSortedMap(classes);
    }

    static RuleSetFiles fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at(directory.toString(), "is not a directory")));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        SortedMap<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                if (isRuleSetFile(name)) {
                    files.put(name, Files.readAllBytes(file));
                } else if (name.endsWith(".class")) {
                    classes.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new RuleSetException("cannot read rule set", List.of(Problem.at(directory.toString(), e.toString())));
        }
        return new RuleSetFiles(directory.toString(), files, classes);
    }

    static RuleSetFiles fromClasspath(String folder, ClassLoader classLoader) {
        URL manifest = classLoader.getResource(folder + "/" + MANIFEST);
        if (manifest == null) {
            throw new RuleSetException("cannot load rule set", List.of(Problem.at("classpath:" + folder + "/" + MANIFEST,
                    "not found: add the rule set's jar as a dependency, or load a directory instead")));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        SortedMap<String, byte[]> classes = new TreeMap<>();
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
                        String relative = name.substring(folder.length() + 1);
                        if (isRuleSetFile(relative) || relative.endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                (relative.endsWith(".class") ? classes : files).put(relative, in.readAllBytes());
                            }
                        }
                    }
                }
            } else if ("file".equals(manifest.getProtocol())) {
                RuleSetFiles local = fromDirectory(Path.of(manifest.toURI()).getParent());
                return new RuleSetFiles("classpath:" + folder, new TreeMap<>(local.files), new TreeMap<>(local.classes));
            } else {
                throw new RuleSetException("cannot load rule set", List.of(Problem.at(manifest.toString(), "unsupported classpath location")));
            }
        } catch (IOException | URISyntaxException e) {
            throw new RuleSetException("cannot read rule set", List.of(Problem.at(manifest.toString(), e.toString())));
        }
        return new RuleSetFiles("classpath:" + folder, files, classes);
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

    /** Compiled classes found beside the rule files: a precompiled rule set's executable model. */
    Map<String, byte[]> classes() {
        return classes;
    }

    List<String> ruleFiles() {
        return files.keySet().stream().filter(n -> n.endsWith(".drl") || n.endsWith(".drl.csv")).toList();
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
