package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import uk.gov.channelpolicy.facts.Request;

/** Rule-set folders the tests edit: copies of the DH rule set, and a small fork of it. */
final class RuleSetFolders {
    /** The DH rule set's source folder, from this module's folder (where Maven runs the tests). */
    static final Path DH = RuleSetOptionTest.DH_DIRECTORY;

    private RuleSetFolders() {
    }

    /** A copy of the whole DH rule-set folder, scenarios included. It is sealed: its manifest records its files' digests. */
    static Path copyOfDh(Path parent, String name) throws IOException {
        Path copy = parent.resolve(name);
        try (Stream<Path> files = Files.walk(DH)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(DH.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }

    /**
     * Replaces the one occurrence of a piece of text in a file, as a policy writer's edit.
     *
     * @return the 1-based line the edit is on
     */
    static int edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        int at = text.indexOf(from);
        assertThat(at).as("%s contains %s", file, from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("%s contains %s once", file, from).isNegative();
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The hex SHA-256 of a file, as a sealed manifest records it. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A fork of dh that adds a press office, which posts on the corporate channel. With
     * {@code takeOverCorporate}, it also overrides the DH rule that lets the Communications Division
     * post and reply on the corporate channel, declares one of the upstream scenarios that breaks as
     * intentional, and declares a difference for a scenario that does not exist.
     */
    static Path fork(Path parent, String name, boolean takeOverCorporate) throws IOException {
        Path fork = Files.createDirectories(parent.resolve(name));
        String guidance = """
                Press office
                The press office posts on the corporate channel.
                Corporate channel
                Only the press office posts on the corporate channel; the Communications Division drafts for it and manages it.
                """;
        Files.writeString(fork.resolve("press-office.txt"), guidance);
        String rules = """
                package rulesets.pressfork;

                import uk.gov.channelpolicy.facts.Request;
                import rulesets.dh.ChannelIs;

                rule "The press office posts on the corporate channel"
                    @id("pressfork.press.press-office-posts-on-corporate")
                    @effect("permit")
                    @description("The press office posts on the Department's corporate channel.")
                    @citation("Press office")
                    @quote("The press office posts on the corporate channel.")
                when
                    ChannelIs( type == "corporate" )
                    Request( actorRole == "press-office", action == "post" )
                then
                end
                """;
        if (takeOverCorporate) {
            rules += """

                    rule "The Communications Division drafts for and manages the corporate channel"
                        @id("dh.channels.communications-runs-corporate-channel")
                        @effect("permit")
                        @description("The Communications Division drafts for and manages the corporate channel; the press office posts.")
                        @citation("Corporate channel")
                        @quote("the Communications Division drafts for it and manages it.")
                    when
                        ChannelIs( type == "corporate" )
                        Request( actorRole == "communications-division", action in ("draft", "manage") )
                    then
                    end
                    """;
        }
        Files.writeString(fork.resolve("press-office.drl"), rules);
        String changes = takeOverCorporate ? """
                  "overrides": [ "dh.channels.communications-runs-corporate-channel" ],
                  "intentionalDifferences": {
                    "channels/comms-replies-with-departmental-content-on-corporate.json": "Only the press office speaks on the corporate channel now.",
                    "channels/no-such-scenario.json": "A declaration left behind."
                  },
                """ : "";
        Files.writeString(fork.resolve("manifest.json"), """
                {
                  "id": "pressfork",
                  "version": "0.1.0",
                  "department": "Press Fork Department (fictional)",
                  "effective": "2026-12-01",
                  "source": { "id": "press-office-annex", "title": "Press office annex", "file": "press-office.txt", "sha256": "%s" },
                  "extends": { "id": "dh", "version": "2.0.0" },
                %s  "vocabulary": { "roles": [ { "id": "press-office", "label": "Press office" } ] }
                }
                """.formatted(HexFormat.of().formatHex(sha256Of(guidance)), changes));
        return fork;
    }

    /** Writes scenario files into a fresh folder. */
    static Path scenarios(Path parent, String name, List<String> fileAndJson) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        for (int i = 0; i < fileAndJson.size(); i += 2) {
            Path file = folder.resolve(fileAndJson.get(i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, fileAndJson.get(i + 1));
        }
        return folder;
    }

    private static byte[] sha256Of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
