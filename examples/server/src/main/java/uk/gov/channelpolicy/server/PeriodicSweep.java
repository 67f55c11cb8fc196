package uk.gov.channelpolicy.server;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A check run every so often on a scheduler while the server runs, for the deadlines Jetty does not keep itself
 * ({@link HeaderDeadline}, {@link WriteDeadline}): a bean started and stopped with the server.
 */
abstract class PeriodicSweep extends AbstractLifeCycle {
    private final Scheduler scheduler;
    private final long periodMillis;
    private volatile Scheduler.Task next;

    /**
     * A sweep every period.
     *
     * @param scheduler where it runs
     * @param periodMillis how long between the end of one sweep and the start of the next
     */
    PeriodicSweep(Scheduler scheduler, long periodMillis) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.periodMillis = periodMillis;
    }

    /** Checks once; called on the scheduler's thread. */
    protected abstract void sweep();

    /** Forgets what it watches, once stopped. */
    protected abstract void clear();

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        schedule();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        clear();
        super.doStop();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = scheduler.schedule(this::run, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        try {
            sweep();
        } finally {
            schedule();
        }
    }
}
