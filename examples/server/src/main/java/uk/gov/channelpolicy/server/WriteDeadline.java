package uk.gov.channelpolicy.server;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection of a client that does not take its answer at the minimum response rate. Javalin writes an answer
 * through a blocking stream, so the thread writing it waits for the client: one that stops reading (the slow-read attack)
 * held that thread until the idle timeout. 260 such clients, each asking for a batch's 2 MB answer and reading none of it,
 * held all 250 of Jetty's threads, and an ordinary decision waited 22 s.
 *
 * <p>The rate is averaged from the answer's first byte, after a grace period: by {@code grace + bytes / rate} after its
 * first write, the bytes handed to the connection so far must have left. A write still waiting past that is failed by
 * closing the connection, which frees the thread. Small answers are written at once and never wait. Pending writes are
 * checked a few times a second on the server's scheduler; each write only joins and leaves a set.
 */
final class WriteDeadline extends PeriodicSweep {
    private static final Logger LOG = LoggerFactory.getLogger(WriteDeadline.class);
    private static final long PERIOD_MILLIS = 250;

    private final Set<Watched> waiting = ConcurrentHashMap.newKeySet();
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final AtomicLong closed = new AtomicLong();

    /**
     * A deadline for the answers of one server.
     *
     * @param minBytesPerSecond the rate a client must take its answer at
     * @param graceMillis how long an answer may take before the rate applies
     * @param scheduler the server's scheduler
     */
    WriteDeadline(long minBytesPerSecond, long graceMillis, Scheduler scheduler) {
        super(scheduler, PERIOD_MILLIS);
        if (minBytesPerSecond < 1 || graceMillis < 0) {
            throw new IllegalArgumentException("the minimum response rate must be positive and the grace not negative");
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
    }

    /**
     * The response, its writes held to the deadline.
     *
     * @param request the request it answers
     * @param response the response
     * @return a response whose writes are watched
     */
    Response watch(Request request, Response response) {
        return new Watched(request, response);
    }

    /** How many connections were closed because their client took its answer too slowly: for the tests. */
    long closed() {
        return closed.get();
    }

    @Override
    protected void clear() {
        waiting.clear();
    }

    /** Closes the connection of every write still waiting past its deadline. */
    @Override
    protected void sweep() {
        long now = NanoTime.now();
        for (Watched watched : waiting) {
            if (NanoTime.isBefore(watched.deadline, now) && waiting.remove(watched)) {
                closed.incrementAndGet();
                LOG.debug("closing a connection whose client took its answer more slowly than {} bytes a second", minBytesPerSecond);
                watched.getRequest().getConnectionMetaData().getConnection().getEndPoint()
                        .close(new TimeoutException("the client took its answer more slowly than " + minBytesPerSecond + " bytes a second"));
            }
        }
    }

    /** A response whose writes must leave by the deadline. Its writes come one at a time, as a response's do. */
    private final class Watched extends Response.Wrapper {
        private long firstWrite;
        private long bytes;
        private volatile long deadline;

        Watched(Request request, Response response) {
            super(request, response);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            long now = NanoTime.now();
            if (bytes == 0 && firstWrite == 0) {
                firstWrite = now;
            }
            bytes += content == null ? 0 : content.remaining();
            deadline = firstWrite + graceNanos + (long) (bytes * (1e9 / minBytesPerSecond));
            waiting.add(this);
            super.write(last, content, new Callback() {
                @Override
                public void succeeded() {
                    waiting.remove(Watched.this);
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    waiting.remove(Watched.this);
                    callback.failed(x);
                }

                @Override
                public InvocationType getInvocationType() {
                    return callback.getInvocationType();
                }
            });
        }
    }
}
