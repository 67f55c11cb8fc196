package uk.gov.channelpolicy.tools.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.ChannelPolicy;

/** A snapshot of the newsroom's decisions reads back as written, and a changed rule shows up as readable differences. */
class DecisionSnapshotTest {
    private static final Path NEWSROOM = Path.of("src/test/resources/rulesets/newsroom");
    private static final ChannelPolicy POLICY = ChannelPolicy.builder().ruleSetDirectory(NEWSROOM).build();

    @TempDir
    Path directory;

    @Test
    void write_readsBackTheSameSnapshot_madeWithOrWithoutTheDecisionCache() throws IOException {
        DecisionSnapshot snapshot = DecisionSnapshot.of(POLICY);
        Path file = directory.resolve("newsroom.tsv");
        snapshot.write(file);

        assertThat(DecisionSnapshot.read(file)).isEqualTo(snapshot)
                .isEqualTo(DecisionSnapshot.of(ChannelPolicy.builder().ruleSetDirectory(NEWSROOM).decisionCache(0).build()));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2 * 3 * 7 * 3).doesNotHaveDuplicates()
                .contains("editor|post|-|none|news\t" + snapshot.entries().get(0).digest())
                .anySatisfy(line -> assertThat(line).startsWith("writer|post|named|other:editor:official|news+opinion\t"))
                .anySatisfy(line -> assertThat(line).startsWith("writer|post|-|self:-|opinion\t"));
        assertThat(DecisionSnapshot.decisionsFile(file)).hasFileName("newsroom-decisions.jsonl.gz").exists();
        assertThat(snapshot.decisions().values()).noneMatch(json -> json.contains("ruleSet"));
        assertThat(snapshot.compare(POLICY).same()).isTrue();
    }

    @Test
    void compare_findsAndRendersEveryDecisionAChangedRuleMakesDifferently() throws IOException {
        Path file = directory.resolve("newsroom.tsv");
        DecisionSnapshot.of(POLICY).write(file);
        Path changed = copyOfNewsroom();
        edit(changed.resolve("newsroom.drl"), "Request( actorRole == \"editor\", action == \"post\" )", "Request( action == \"post\" )");

        DecisionSnapshot.Comparison comparison = DecisionSnapshot.read(file)
                .compare(ChannelPolicy.builder().ruleSetDirectory(changed).ignoreFileDigests().build());

        // A writer may now post on the newsroom account (stated, or an account with no owner): news is permitted,
        // and opinion is still denied, now with the permitting rule among the reasons.
        assertThat(comparison.compared()).isEqualTo(126);
        assertThat(comparison.differences()).extracting(DecisionSnapshot.Difference::key).hasSize(24)
                .allMatch(key -> key.startsWith("writer|post|-|none|") || key.startsWith("writer|post|newsroom|"));
        assertThat(comparison.render(3)).isEqualTo("""
                24 of 126 decisions differ from the snapshot
                       16  DENY -> DENY
                        8  NOT_APPLICABLE -> PERMIT
                writer|post|-|none|news
                    NOT_APPLICABLE -> PERMIT; rules +newsroom.posting.check-twice +newsroom.posting.editors-post; \
                differs in outcome, reasons, obligations
                writer|post|-|none|opinion
                    DENY -> DENY; rules +newsroom.posting.editors-post; differs in reasons
                writer|post|-|none|news+opinion
                    DENY -> DENY; rules +newsroom.posting.editors-post; differs in reasons
                ... and 21 more
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void compare_failsClearlyWhenTheSnapshotIsNotOfThePolicysDomain() throws IOException {
        Path file = directory.resolve("newsroom.tsv");
        DecisionSnapshot.of(POLICY).write(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String dropped = lines.remove(0);
        lines.add("columnist|post|-|none|news\t" + dropped.split("\t")[1]);
        Files.write(file, lines);

        assertThatThrownBy(() -> DecisionSnapshot.read(file).compare(POLICY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the snapshot is not of this policy's request domain (did the vocabulary change?): 1 of the snapshot's "
                        + "126 keys are not in the domain, e.g. columnist|post|-|none|news; 1 of the domain's 126 keys are not in "
                        + "the snapshot, e.g. editor|post|-|none|news");
    }

    @Test
    void read_refusesADecisionEditedByHand() throws IOException {
        Path file = directory.resolve("newsroom.tsv");
        DecisionSnapshot.of(POLICY).write(file);
        Path decisions = DecisionSnapshot.decisionsFile(file);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(decisions))) {
            out.write("0123456789abcdef\t{\"outcome\":\"PERMIT\"}\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> DecisionSnapshot.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsroom-decisions.jsonl.gz line 1: expected digest<TAB>decision JSON");
    }

    private Path copyOfNewsroom() throws IOException {
        Path copy = Files.createDirectory(directory.resolve("newsroom"));
        try (Stream<Path> files = Files.list(NEWSROOM)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
