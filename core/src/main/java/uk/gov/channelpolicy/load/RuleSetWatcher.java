package uk.gov.channelpolicy.load;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;

/**
 * Watches a rule-set directory, its scenario folders included, and runs an action once the files have
 * been quiet for the debounce period, so an editor's save of several files is one run. A policy uses
 * it to hot-reload; the command line uses it for {@code validate --watch} and {@code test --watch}.
 *
 * <p>A failing action never stops the watch: whatever it throws is logged, and the next save runs it
 * again.
 */
public final class RuleSetWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetWatcher.class);

    private final WatchService service;
    private final Thread thread;

    private RuleSetWatcher(Path directory, Duration debounce, Runnable action) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
            // A linked directory is watched where it really is: a watch on the link would see nothing.
            registerTree(directory.toRealPath());
        } catch (IOException e) {
            throw new RuleSetException("cannot watch rule set", List.of(Problem.at(directory.toString(), e.toString())));
        }
        this.thread = new Thread(() -> run(debounce, action), "channel-policy-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts watching a directory on a daemon thread.
     *
     * @param directory the rule-set directory
     * @param debounce how long the files must be quiet before the action runs
     * @param action what to run after each save; anything it throws is logged and the watch goes on
     * @return the watch; close it to stop
     * @throws RuleSetException if the directory cannot be watched
     */
    public static RuleSetWatcher watch(Path directory, Duration debounce, Runnable action) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(action, "action");
        return new RuleSetWatcher(directory, debounce, action);
    }

    /** The directory and every folder below it (scenarios live in folders); links are not followed. */
    private void registerTree(Path directory) throws IOException {
        try (Stream<Path> folders = Files.walk(directory)) {
            for (Path folder : folders.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run(Duration debounce, Runnable action) {
        try {
            while (true) {
                WatchKey key = service.take();
                drain(key);
                // Wait until the directory is quiet, so a multi-file save becomes one run.
                WatchKey more;
                while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("rule-set watch: the action after a save failed ({}); watching on", e.getClass().getSimpleName());
                    LOG.debug("rule-set watch failure detail", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchKey key) {
        for (WatchEvent<?> event : key.pollEvents()) {
            // A folder made after the watch began (a new scenario area) is watched too.
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path parent
                    && event.context() instanceof Path child && Files.isDirectory(parent.resolve(child), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(parent.resolve(child));
                } catch (IOException e) {
                    LOG.debug("cannot watch a new folder", e);
                }
            }
        }
        key.reset();
    }

    /** Stops watching. */
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
