package uk.gov.channelpolicy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.PolicyRequest;

/** When records are forced to the disk, counted where the log asks for it. */
class DecisionLogFsyncTest {
    @TempDir
    Path directory;

    private static final PolicyRequest PERMITTED = Newsroom.request("editor", "post", Channel.unattributed(), "news");

    @Test
    void perRecord_forcesEachRecordBeforeReturning() throws IOException {
        CountingDisk disk = new CountingDisk();
        Path file = directory.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.builder(file).fsync(DecisionLog.Fsync.PER_RECORD).disk(disk).build()) {
            for (int i = 1; i <= 5; i++) {
                log.record(PERMITTED, decision());
                assertThat(disk.forces.get()).isEqualTo(i);
                assertThat(Files.readAllLines(file)).hasSize(i);
            }
        }
        assertThat(disk.forces.get()).as("and once more on closing").isEqualTo(6);
    }

    @Test
    void perRecord_aRecordThatCannotBeForcedFailsItsDecisionAndTheNextIsForcedAgain() throws IOException {
        CountingDisk disk = new CountingDisk();
        try (DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsync(DecisionLog.Fsync.PER_RECORD).disk(disk).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
            disk.failForces = true;
            assertThat(policy.evaluate(PERMITTED)).isIndeterminate().citesExactly("channel-policy.decision-log");

            disk.failForces = false;
            assertThat(policy.evaluate(PERMITTED)).isPermitted();
        }
    }

    @Test
    void onClose_forcesOnlyOnClosing() {
        CountingDisk disk = new CountingDisk();
        DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsync(DecisionLog.Fsync.ON_CLOSE).disk(disk).build();
        for (int i = 0; i < 5; i++) {
            log.record(PERMITTED, decision());
        }
        assertThat(disk.forces.get()).isZero();

        log.close();

        assertThat(disk.forces.get()).isEqualTo(1);
    }

    @Test
    void everyPolicy_forcesAFileBeforeRotatingIt() throws IOException {
        CountingDisk disk = new CountingDisk();
        Path file = directory.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(1024).maxFiles(2).fsync(DecisionLog.Fsync.ON_CLOSE).disk(disk).build()) {
            while (!Files.exists(directory.resolve("decisions.jsonl.1"))) {
                log.record(PERMITTED, decision());
            }
            assertThat(disk.forces.get()).isEqualTo(1);
        }
    }

    @Test
    void interval_doesNotMakeARecordWaitForTheDisk() {
        CountingDisk disk = new CountingDisk();
        DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsync(DecisionLog.Fsync.INTERVAL)
                .fsyncInterval(Duration.ofHours(1)).disk(disk).build();
        for (int i = 0; i < 5; i++) {
            log.record(PERMITTED, decision());
        }
        assertThat(disk.forces.get()).isZero();

        log.close();

        assertThat(disk.forces.get()).isEqualTo(1);
    }

    @Test
    void interval_forcesRecordsInTheBackgroundWithoutAnotherRecordOrClose() throws InterruptedException {
        CountingDisk disk = new CountingDisk();
        try (DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsyncInterval(Duration.ofMillis(20)).disk(disk).build()) {
            log.record(PERMITTED, decision());

            assertThat(eventually(() -> disk.forces.get() >= 1)).as("forced by the background thread").isTrue();
            int afterOne = disk.forces.get();
            Thread.sleep(200); // ten intervals with nothing written
            assertThat(disk.forces.get()).as("nothing new, nothing forced").isEqualTo(afterOne);
        }
    }

    @Test
    void interval_afterABackgroundForceFailedTheNextRecordForcesFirstAndFailsIfItCannot() throws InterruptedException {
        CountingDisk disk = new CountingDisk();
        try (DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).fsyncInterval(Duration.ofMillis(20)).disk(disk).build()) {
            disk.failForces = true;
            log.record(PERMITTED, decision());
            // Twice: the second try starts only once the first failure has been noted.
            assertThat(eventually(() -> disk.failedForces.get() >= 2)).as("the background force was tried").isTrue();

            assertThatThrownBy(() -> log.record(PERMITTED, decision())).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("fsync failed on purpose");

            disk.failForces = false;
            int before = disk.forces.get();
            log.record(PERMITTED, decision());
            assertThat(disk.forces.get()).as("the record forced the file first").isGreaterThan(before);
        }
    }

    @Test
    void builder_refusesAnIntervalForAnotherPolicy() {
        DecisionLog.Builder builder = DecisionLog.builder(directory.resolve("decisions.jsonl"))
                .fsync(DecisionLog.Fsync.PER_RECORD).fsyncInterval(Duration.ofSeconds(5));

        assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("fsyncInterval");
        assertThat(directory.resolve("decisions.jsonl")).doesNotExist();
    }

    @Test
    void builder_refusesAnIntervalThatIsNotPositive() {
        DecisionLog.Builder builder = DecisionLog.builder(directory.resolve("decisions.jsonl"));

        assertThatIllegalArgumentException().isThrownBy(() -> builder.fsyncInterval(Duration.ZERO)).withMessageContaining("positive");
    }

    @Test
    void fsync_namesAreTheSameEverywhere() {
        assertThat(DecisionLog.Fsync.values()).extracting(DecisionLog.Fsync::id).containsExactly("per-record", "interval", "on-close");
        for (DecisionLog.Fsync policy : DecisionLog.Fsync.values()) {
            assertThat(DecisionLog.Fsync.forId(policy.id())).isEqualTo(policy);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> DecisionLog.Fsync.forId("always"))
                .withMessage("'always' is not an fsync policy: use per-record, interval or on-close");
    }

    private static Decision decision() {
        return Newsroom.policy().evaluate(PERMITTED);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Real file operations that count fsyncs, and fail them while asked to. */
    private static final class CountingDisk implements DecisionLog.Disk {
        final AtomicInteger forces = new AtomicInteger();
        final AtomicInteger failedForces = new AtomicInteger();
        volatile boolean failForces;

        @Override
        public void force(FileChannel channel) throws IOException {
            if (failForces) {
                failedForces.incrementAndGet();
                throw new IOException("fsync failed on purpose");
            }
            DecisionLog.Disk.super.force(channel);
            forces.incrementAndGet();
        }
    }
}
