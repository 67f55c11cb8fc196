package uk.gov.channelpolicy.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers have not all arrived within the header timeout of their first
 * byte. Jetty's idle timeout restarts with every byte, so without this a client sending its headers a byte every few
 * seconds could hold a connection for hours; many such clients would hold every connection the server allows.
 *
 * <p>Jetty has no such timeout itself. This is the one place that reads its HTTP/1.1 connection's parser
 * ({@code org.eclipse.jetty.server.internal.HttpConnection}): when the parser began the message, and whether it is
 * still in the request line or headers. It is a {@link Connection.Listener} bean on the connector, and checks the
 * open connections a few times a second on the connector's scheduler.
 */
final class HeaderDeadline extends PeriodicSweep implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;

    /**
     * A deadline for request heads on a connector.
     *
     * @param timeout how long a request line and headers may take from their first byte
     * @param scheduler the connector's scheduler
     */
    HeaderDeadline(Duration timeout, Scheduler scheduler) {
        super(scheduler, Math.max(50, Math.min(1_000, timeout.toMillis() / 4)));
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.add(http);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.remove(http);
        }
    }

    @Override
    protected void clear() {
        open.clear();
    }

    /**
     * Whether a connection's request head has taken longer than the timeout. The parser belongs to the connection's
     * thread, which may finish a request and reset the parser between any two of these reads: a reset sets the begin
     * time to 0 and then the state to START, and START counts as a header state. Reading the state twice and the begin
     * time after them (as this once did) could see "not START", then START, then 0, and close a healthy keep-alive
     * connection just before its client sent the next request. So the begin time is read on both sides of one read
     * of the state, and only a head whose begin time is set and unchanged across it is judged.
     *
     * @param parser the connection's parser, read from another thread
     * @param now {@link NanoTime#now()} at the sweep
     * @param timeoutNanos how long a head may take
     * @return true if the parser is in the request line or headers of one message begun more than the timeout ago
     */
    static boolean headOverdue(HttpParser parser, long now, long timeoutNanos) {
        long begin = parser.getBeginNanoTime();
        HttpParser.State state = parser.getState();
        // START: between requests (the idle timeout's business); past the headers: the body's rules apply.
        boolean inHead = state != HttpParser.State.START && state.ordinal() < HttpParser.State.CONTENT.ordinal();
        return inHead && begin != 0 && parser.getBeginNanoTime() == begin && NanoTime.elapsed(begin, now) > timeoutNanos;
    }

    /** Closes every connection whose request head has taken too long. */
    @Override
    protected void sweep() {
        long now = NanoTime.now();
        for (HttpConnection connection : open) {
            if (headOverdue(connection.getParser(), now, timeoutNanos)) {
                LOG.debug("closing a connection whose request headers took longer than {} ms", TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                connection.getEndPoint().close();
            }
        }
    }
}
