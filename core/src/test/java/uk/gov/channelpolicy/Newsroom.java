package uk.gov.channelpolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The small test rule set under src/test/resources/rulesets/newsroom: no department's ids. */
final class Newsroom {
    static final Path DIRECTORY = Path.of("src/test/resources/rulesets/newsroom");

    private static ChannelPolicy policy;

    private Newsroom() {
    }

    /** One compiled policy shared by the tests that do not change the rule set: compiling takes a second. */
    static synchronized ChannelPolicy policy() {
        if (policy == null) {
            policy = ChannelPolicy.builder().ruleSetDirectory(DIRECTORY).build();
        }
        return policy;
    }

    private static ChannelPolicy withoutFaults;

    /** The rule set without faults.drl, for searches that would otherwise run its slow and runaway rules. */
    static synchronized ChannelPolicy policyWithoutFaults() {
        if (withoutFaults == null) {
            try {
                Path copy = copyTo(Files.createTempDirectory("newsroom-without-faults"));
                Files.delete(copy.resolve("faults.drl"));
                withoutFaults = ChannelPolicy.builder().ruleSetDirectory(copy).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return withoutFaults;
    }

    /** A copy of the rule set to break on purpose. */
    static Path copyTo(Path target) {
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
    static int lineOf(String text) {
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

    static PolicyRequest request(String role, String action, Channel channel, String... content) {
        return PolicyRequest.builder(Actor.of(role, "me"), action).channel(channel).content(content).build();
    }
}
