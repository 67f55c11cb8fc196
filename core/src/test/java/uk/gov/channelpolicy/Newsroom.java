package uk.gov.channelpolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The small test rule set under src/test/resources/rulesets/newsroom: no department's ids. */
public final class Newsroom {
    public static final Path DIRECTORY = Path.of("src/test/resources/rulesets/newsroom");

    private static ChannelPolicy policy;

    private Newsroom() {
    }

    /** One compiled policy shared by the tests that do not change the rule set: compiling takes a second. */
    public static synchronized ChannelPolicy policy() {
        if (policy == null) {
            policy = ChannelPolicy.builder().ruleSetDirectory(DIRECTORY).build();
        }
        return policy;
    }

    private static Path withFaultsDirectory;
    private static ChannelPolicy withFaults;

    /**
     * The rule set plus faults.drl (rules that throw, run away or stall on purpose) and the ids they use:
     * for the fail-closed tests only, since searching its domain would run the slow rule thousands of times.
     * No rule inside the policy profile can fail these ways, so it loads with the profile check off: these are
     * tests of the backstops behind the profile.
     */
    public static synchronized ChannelPolicy policyWithFaults() {
        if (withFaults == null) {
            withFaults = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(withFaultsDirectory()).skipProfileCheckForBackstopTests().build();
        }
        return withFaults;
    }

    /** A directory holding the rule set plus faults.drl and the ids its rules use. */
    public static synchronized Path withFaultsDirectory() {
        if (withFaultsDirectory == null) {
            try {
                Path copy = copyTo(Files.createTempDirectory("newsroom-with-faults"));
                Files.copy(Path.of("src/test/resources/faults/faults.drl"), copy.resolve("faults.drl"));
                Path manifest = copy.resolve("manifest.json");
                Files.writeString(manifest, Files.readString(manifest)
                        .replace("\"label\": \"post\"\n      }", "\"label\": \"post\"\n      },\n      { \"id\": \"crash\", \"label\": \"trip the broken constraint\" },"
                                + "\n      { \"id\": \"loop\", \"label\": \"set a rule running away\" },\n      { \"id\": \"stall\", \"label\": \"run a slow consequence\" },"
                                + "\n      { \"id\": \"recurse\", \"label\": \"overflow the stack\" }")
                        .replace("\"label\": \"opinion\"\n      }", "\"label\": \"opinion\"\n      },\n      { \"id\": \"explosive\", \"label\": \"trips the broken consequence\" }"));
                withFaultsDirectory = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return withFaultsDirectory;
    }

    /** A copy of the rule set to break on purpose. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line of newsroom.drl containing the text, so tests need no line numbers. */
    public static int lineOf(String text) {
        try {
            java.util.List<String> lines = Files.readAllLines(DIRECTORY.resolve("newsroom.drl"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("newsroom.drl has no line containing " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyRequest request(String role, String action, Channel channel, String... content) {
        return PolicyRequest.builder(Actor.of(role, "me"), action).channel(channel).content(content).build();
    }
}
