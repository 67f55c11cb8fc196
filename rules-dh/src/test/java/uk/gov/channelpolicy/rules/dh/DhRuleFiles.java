package uk.gov.channelpolicy.rules.dh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The DH rule files read as text, independently of Drools, so tests can check what the compiler would not. */
final class DhRuleFiles {
    static final Path DIRECTORY = Path.of("src/main/resources/rulesets/dh");
    static final Path GUIDANCE = DIRECTORY.resolve("dh-twitter-guidance.txt");

    private static final Pattern RULE = Pattern.compile("(?ms)^rule \"([^\"]+)\"(.*?)^end\\s*$");
    private static final Pattern META = Pattern.compile("@(\\w+)\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    /** One rule block. */
    record RuleText(String file, String name, String id, String citation, String quote, String description, String body) {
        boolean denies() {
            return body.contains("findings.deny(");
        }
    }

    private DhRuleFiles() {
    }

    static List<RuleText> rules() {
        List<RuleText> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                Matcher rule = RULE.matcher(Files.readString(file));
                while (rule.find()) {
                    String body = rule.group(2);
                    rules.add(new RuleText(file.getFileName().toString(), rule.group(1), meta(body, "id"), meta(body, "citation"),
                            meta(body, "quote"), meta(body, "description"), body));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }

    static String guidance() {
        try {
            return Files.readString(GUIDANCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String meta(String body, String key) {
        Matcher meta = META.matcher(body);
        while (meta.find()) {
            if (meta.group(1).equals(key)) {
                return meta.group(2).replace("\\\"", "\"");
            }
        }
        return null;
    }
}
