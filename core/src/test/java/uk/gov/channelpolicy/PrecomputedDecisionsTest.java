package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.engine.DecisionTable;
import uk.gov.channelpolicy.engine.DomainIndex;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The decision table: computed in the background for a rule set loaded from a directory, deciding every request of the
 * domain exactly as the engine does, and read back only for the rule set it was computed for.
 */
class PrecomputedDecisionsTest {
    @TempDir
    Path directory;

    private ChannelPolicy tabled;
    private ChannelPolicy engineOnly;

    @AfterEach
    void close() {
        if (tabled != null) {
            tabled.close();
        }
        if (engineOnly != null) {
            engineOnly.close();
        }
    }

    /** Waits for the background computation to finish, however it ends: a test of what it gives, not of how fast. */
    private static void settle(ChannelPolicy policy) throws InterruptedException {
        for (int i = 0; i < 6_000 && !policy.decisionTableSettled(); i++) {
            Thread.sleep(10);
        }
        assertThat(policy.decisionTableSettled()).as("the table computation ended within a minute").isTrue();
    }

    private ChannelPolicy tabled() throws InterruptedException {
        tabled = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.copyTo(directory)).build();
        settle(tabled);
        return tabled;
    }

    @Test
    void aDirectoryRuleSetGetsItsTableInTheBackgroundAndItDecidesEveryRequestAsTheEngineDoes() throws InterruptedException {
        ChannelPolicy policy = tabled();
        engineOnly = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).decisionCache(0).build();
        Vocabulary vocabulary = policy.vocabulary();
        DomainIndex index = DomainIndex.of(vocabulary);

        assertThat(policy.decidesFromTable()).isTrue();
        assertThat(engineOnly.decidesFromTable()).isFalse();
        DecisionTable table = policy.decisionTable();
        assertThat(table.size()).isEqualTo(index.size()).isEqualTo(126);
        int valid = 0;
        long runs = policy.engineRuns(); // the table is ready: its computation has ended
        for (long at = 0; at < index.size(); at++) {
            PolicyRequest request = index.request(at);
            if (vocabulary.contradictions(request).isEmpty()) {
                valid++;
                Decision fromTable = table.get(request);
                assertThat(fromTable).as("%s", request).isNotNull().isEqualTo(engineOnly.evaluate(request));
                assertThat(policy.evaluate(request)).isSameAs(fromTable);
            } else {
                assertThat(table.get(request)).as("%s", request).isNull();
            }
        }
        assertThat(table.decided()).isEqualTo(valid);
        assertThat(table.distinctDecisions()).isBetween(2, valid);
        assertThat(policy.engineRuns()).as("every valid request given from the table: the rules never ran").isEqualTo(runs);
    }

    @Test
    void askedToTableBeforeServing_buildAndReloadReturnWithTheTableReadyAndItDecidesAsTheEngineDoes() throws Exception {
        tabled = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.copyTo(directory)).decisionTableBeforeServing()
                .build();

        assertThat(tabled.decisionTableSettled()).isTrue();
        assertThat(tabled.decidesFromTable()).isTrue();
        DecisionTable built = tabled.decisionTable();
        assertThat(built.size()).isEqualTo(126);

        tabled.reload();
        assertThat(tabled.decisionTableSettled()).isTrue();
        assertThat(tabled.decidesFromTable()).isTrue();
        assertThat(tabled.decisionTable()).isNotSameAs(built);
        engineOnly = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(directory).decisionCache(0).build();
        DomainIndex index = DomainIndex.of(tabled.vocabulary());
        int decided = 0;
        for (long at = 0; at < index.size(); at++) {
            PolicyRequest request = index.request(at);
            Decision fromTable = tabled.decisionTable().get(request);
            if (fromTable != null) {
                decided++;
                assertThat(fromTable).as("%s", request).isEqualTo(engineOnly.evaluate(request));
            }
        }
        assertThat(decided).isEqualTo(tabled.decisionTable().decided()).isEqualTo(built.decided());
    }

    @Test
    void askedToTableBeforeServing_aRuleSetWithAFailingRuleStillBuildsWithoutATableAndFailsClosed() {
        ChannelPolicy faulty = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory())
                .skipProfileCheckForBackstopTests().decisionTableBeforeServing().build();
        try {
            assertThat(faulty.decisionTableSettled()).isTrue();
            assertThat(faulty.decidesFromTable()).isFalse();
            Decision decision = faulty.evaluate(Newsroom.request("writer", "crash", Channel.unattributed(), "news"));
            assertThat(decision.outcome()).isEqualTo(Outcome.INDETERMINATE);
        } finally {
            faulty.close();
        }
    }

    @Test
    void anInvalidRequestIsRefusedWithItsProblemsWhetherOrNotATableDecides() throws InterruptedException {
        ChannelPolicy policy = tabled();
        PolicyRequest misspelt = Newsroom.request("wrtier", "post", Channel.unattributed(), "news");

        assertThatThrownBy(() -> policy.evaluate(misspelt)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("$.actor.role").hasMessageContaining("writer");
        assertThatThrownBy(() -> policy.evaluate(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTableIsReadBackOnlyForTheRuleSetItWasComputedFor() throws Exception {
        ChannelPolicy policy = tabled();
        DecisionTable table = policy.decisionTable();
        RuleSetIdentity identity = policy.ruleSet().identity();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.write(bytes, policy.vocabulary());

        DecisionTable read = DecisionTable.read(new ByteArrayInputStream(bytes.toByteArray()), identity, policy.vocabulary());
        DomainIndex index = DomainIndex.of(policy.vocabulary());
        for (long at = 0; at < index.size(); at++) {
            assertThat(read.get(index.request(at))).isEqualTo(table.get(index.request(at)));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        read.write(again, policy.vocabulary());
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());

        RuleSetIdentity edited = new RuleSetIdentity(identity.id(), identity.version(), "sha256:" + "0".repeat(64));
        assertThatThrownBy(() -> DecisionTable.read(new ByteArrayInputStream(bytes.toByteArray()), edited, policy.vocabulary()))
                .isInstanceOf(IOException.class).hasMessageContaining("computed for").hasMessageContaining(identity.digest());
    }

    @Test
    void bytesThatAreNotATableWeWroteAreRefusedNotServed() throws Exception {
        ChannelPolicy policy = tabled();
        RuleSetIdentity identity = policy.ruleSet().identity();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        policy.decisionTable().write(written, policy.vocabulary());
        byte[] plain = new InflaterInputStream(new ByteArrayInputStream(written.toByteArray())).readAllBytes();

        byte[] lastSlotOutOfRange = plain.clone();
        lastSlotOutOfRange[plain.length - 1] = 0x7f;
        byte[] cut = java.util.Arrays.copyOf(plain, plain.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(plain, plain.length + 1);

        assertThatThrownBy(() -> read(lastSlotOutOfRange, policy)).isInstanceOf(IOException.class).hasMessageContaining("names decision");
        assertThatThrownBy(() -> read(cut, policy)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(trailing, policy)).isInstanceOf(IOException.class).hasMessageContaining("after its last slot");
        assertThatThrownBy(() -> DecisionTable.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), identity, policy.vocabulary()))
                .isInstanceOf(IOException.class);
    }

    private static DecisionTable read(byte[] plain, ChannelPolicy policy) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(plain);
        }
        try (InputStream in = new ByteArrayInputStream(deflated.toByteArray())) {
            return DecisionTable.read(in, policy.ruleSet().identity(), policy.vocabulary());
        }
    }

    @Test
    void aPolicyThatRemembersNothingOrIsForAuthoringHasNoTable() {
        engineOnly = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionCache(0).build();
        tabled = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).forAuthoring().build();

        assertThat(engineOnly.decisionTableSettled()).isTrue();
        assertThat(engineOnly.decidesFromTable()).isFalse();
        assertThat(tabled.decisionTableSettled()).isTrue();
        assertThat(tabled.decidesFromTable()).isFalse();
    }

    @Test
    void aRuleSetWithAFailingRuleGetsNoTableAndTheEngineKeepsFailingClosed() throws InterruptedException {
        ChannelPolicy faulty = ChannelPolicy.builder().ignoreFileDigests().ruleSetDirectory(Newsroom.withFaultsDirectory())
                .skipProfileCheckForBackstopTests().build();
        try {
            settle(faulty);
            assertThat(faulty.decidesFromTable()).isFalse();
            Decision decision = faulty.evaluate(Newsroom.request("writer", "crash", Channel.unattributed(), "news"));
            assertThat(decision.outcome()).isEqualTo(Outcome.INDETERMINATE);
        } finally {
            faulty.close();
        }
    }
}
