package uk.gov.channelpolicy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rule-set directory and asks the policy to reload once the files have been quiet for
 * the debounce period, so an editor's save of several files is one reload.
 */
final class RuleSetWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetWatcher.class);

    private final WatchService service;
    private final Thread thread;

    RuleSetWatcher(Path directory, Duration debounce, Runnable reload) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
            directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new RuleSetException("cannot watch rule set", java.util.List.of(Problem.at(directory.toString(), e.toString())));
        }
        this.thread = new Thread(() -> run(debounce, reload), "channel-policy-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run(Duration debounce, Runnable reload) {
        try {
            while (true) {
                WatchKey key = service.take();
                drain(key);
                // Wait until the directory is quiet, so a multi-file save becomes one reload.
                WatchKey more;
                while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                reload.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("rule-set watcher stopped: {}", e.toString());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
