package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch behind hot reload and --watch survives whatever its action throws, and sees saves in scenario folders. */
class RuleSetWatcherTest {
    @TempDir
    Path directory;

    @Test
    void watch_goesOnAfterTheActionThrowsAnythingAndSeesSubfolders() throws Exception {
        Path scenarios = Files.createDirectories(directory.resolve("scenarios/area"));
        BlockingQueue<Integer> runs = new LinkedBlockingQueue<>();
        AtomicInteger count = new AtomicInteger();
        try (RuleSetWatcher watcher = RuleSetWatcher.watch(directory, Duration.ofMillis(20), () -> {
            int run = count.incrementAndGet();
            runs.add(run);
            if (run == 1) {
                throw new StackOverflowError("the first run fails as badly as it can");
            }
            if (run == 2) {
                throw new IllegalStateException("the second run fails too");
            }
        })) {
            Files.writeString(directory.resolve("a.drl"), "first");
            assertThat(runs.poll(30, TimeUnit.SECONDS)).isEqualTo(1);
            Files.writeString(scenarios.resolve("case.json"), "second");
            assertThat(runs.poll(30, TimeUnit.SECONDS)).isEqualTo(2);
            Path added = Files.createDirectories(directory.resolve("scenarios/new-area"));
            assertThat(runs.poll(30, TimeUnit.SECONDS)).isEqualTo(3);
            Files.writeString(added.resolve("case.json"), "in a folder made after the watch began");
            assertThat(runs.poll(30, TimeUnit.SECONDS)).isEqualTo(4);
        }
    }
}
