package uk.gov.channelpolicy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.channelpolicy.DecisionAssert.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Newsroom;
import uk.gov.channelpolicy.PolicyRequest;

/** A record that cannot be written fails its own decision, and only its own: the next record tries again. */
class DecisionLogRecoveryTest {
    @TempDir
    Path directory;

    private final ObjectMapper mapper = new ObjectMapper();

    private static final PolicyRequest PERMITTED = Newsroom.request("editor", "post", Channel.unattributed(), "news");

    @Test
    void evaluate_isIndeterminateWhileRotationFailsAndPermitsAgainOnceItWorks() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        Path oldest = directory.resolve("decisions.jsonl.1");
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(1024).maxFiles(2).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
            while (!Files.exists(oldest)) {
                assertThat(policy.evaluate(PERMITTED)).isPermitted();
            }
            // Rotating now means deleting decisions.jsonl.1, which a folder with a file in it refuses: a rotation that
            // fails on the file system, as a full or read-only disk would make it fail, whoever the tests run as.
            Files.delete(oldest);
            Files.createDirectories(oldest);
            Files.writeString(oldest.resolve("blocker"), "x");
            Decision first = policy.evaluate(PERMITTED);
            for (int i = 0; i < 20 && first.isPermitted(); i++) {
                first = policy.evaluate(PERMITTED); // until the file is full and a record needs the rotation
            }
            assertThat(first).isIndeterminate().citesExactly("channel-policy.decision-log");
            for (int i = 0; i < 5; i++) {
                assertThat(policy.evaluate(PERMITTED)).as("tried again, and failing closed while the cause is there")
                        .isIndeterminate().citesExactly("channel-policy.decision-log");
            }
            long linesWhileBroken = Files.readAllLines(file).size();

            Files.delete(oldest.resolve("blocker"));
            Files.delete(oldest);
            assertThat(policy.evaluate(PERMITTED)).as("the next decision after the cause is gone").isPermitted();
            assertThat(policy.evaluate(PERMITTED)).isPermitted();

            assertThat(Files.readAllLines(oldest)).as("the full file was rotated").hasSize((int) linesWhileBroken);
            assertThat(Files.readAllLines(file)).as("both new decisions recorded, in the new file").hasSize(2);
        }
    }

    @Test
    void record_afterARotationFailedPartWayFinishesItWithoutLosingAFile() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        FailingMoves disk = new FailingMoves();
        Decision decision = Newsroom.policy().evaluate(PERMITTED);
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(1024).maxFiles(4).clock(new TickingClock()).disk(disk).build()) {
            while (!Files.exists(directory.resolve("decisions.jsonl.3"))) {
                log.record(PERMITTED, decision);
            }
            // The next rotation deletes .3, moves .2 to .3, then fails moving .1 to .2.
            disk.failMovesFrom = directory.resolve("decisions.jsonl.1");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    log.record(PERMITTED, decision);
                }
            }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("the next record tries again");
            assertThat(directory.resolve("decisions.jsonl.2")).doesNotExist();

            disk.failMovesFrom = null;
            log.record(PERMITTED, decision);
        }

        List<Instant> times = new ArrayList<>();
        for (String name : List.of("decisions.jsonl.3", "decisions.jsonl.2", "decisions.jsonl.1", "decisions.jsonl")) {
            Path part = directory.resolve(name);
            assertThat(part).as("every file kept: finishing the shift must not delete one more").exists();
            for (String line : Files.readAllLines(part)) {
                times.add(Instant.parse(mapper.readTree(line).at("/time").asText()));
            }
        }
        assertThat(times).as("oldest file to newest, records in the order written").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void record_afterTheCallersThreadWasInterruptedWritesAgain() throws IOException {
        // An interrupt closes a FileChannel under the writer: before, every later decision was INDETERMINATE.
        Path file = directory.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.builder(file).build()) {
            ChannelPolicy policy = ChannelPolicy.builder().ruleSetDirectory(Newsroom.DIRECTORY).decisionSink(log).build();
            Decision interrupted;
            Thread.currentThread().interrupt();
            try {
                interrupted = policy.evaluate(PERMITTED);
            } finally {
                Thread.interrupted();
            }

            assertThat(interrupted).isIndeterminate().citesExactly("channel-policy.decision-log");
            assertThat(policy.evaluate(PERMITTED)).isPermitted();
            assertThat(policy.evaluate(PERMITTED)).isPermitted();
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void record_reopensAFileThatCouldNotBeOpenedOnceItCan() throws IOException {
        Path file = directory.resolve("decisions.jsonl");
        FailingMoves disk = new FailingMoves();
        Decision decision = Newsroom.policy().evaluate(PERMITTED);
        try (DecisionLog log = DecisionLog.builder(file).maxFileBytes(1024).disk(disk).build()) {
            disk.failOpens = true;
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    log.record(PERMITTED, decision);
                }
            }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> log.record(PERMITTED, decision)).as("still failing: it was tried again")
                    .isInstanceOf(UncheckedIOException.class);

            disk.failOpens = false;
            log.record(PERMITTED, decision);
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(directory.resolve("decisions.jsonl.1")).exists();
    }

    @Test
    void record_afterCloseStaysRefused() {
        DecisionLog log = DecisionLog.builder(directory.resolve("decisions.jsonl")).build();
        log.close();
        log.close(); // twice is harmless

        assertThatThrownBy(() -> log.record(PERMITTED, Newsroom.policy().evaluate(PERMITTED)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** Real file operations, but moves from one path, or opens after a rotation, fail while asked to. */
    private static final class FailingMoves implements DecisionLog.Disk {
        volatile Path failMovesFrom;
        volatile boolean failOpens;

        @Override
        public void move(Path from, Path to) throws IOException {
            if (from.equals(failMovesFrom)) {
                throw new IOException("rename failed on purpose");
            }
            DecisionLog.Disk.super.move(from, to);
        }

        @Override
        public java.nio.channels.FileChannel openForAppend(Path file) throws IOException {
            if (failOpens) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "No space left on device");
            }
            return DecisionLog.Disk.super.openForAppend(file);
        }
    }

    /** A second later at every reading, so each record's time says when it was written relative to the others. */
    private static final class TickingClock extends Clock {
        private final AtomicLong seconds = new AtomicLong(Instant.parse("2026-11-26T12:00:00Z").getEpochSecond());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.incrementAndGet());
        }
    }
}
