package uk.gov.channelpolicy.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import uk.gov.channelpolicy.Problem;

/**
 * Reads a request's whole body without holding a thread, then hands the request on with that body. Jetty reads
 * asynchronously; a servlet reading the body itself would block a thread for as long as the client takes, so a few
 * hundred clients sending their bodies a byte at a time could hold every thread the server has.
 *
 * <p>While it reads, it refuses a body that passes the route's limit (413), that would take the server past the
 * bytes it may hold at once (503), that falls behind the minimum rate (408), or that stops coming for longer than the
 * connection's idle timeout (408). Each refusal closes the connection.
 */
final class BufferedBody implements Runnable {
    /** What a body is read with: its route's limit, the minimum rate, the shared budget, how refusals are written. */
    record Rules(long maxBytes, long minBytesPerSecond, BodyBudget budget, ProblemWriter problems, ServerMetrics metrics) {
        Rules {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(problems, "problems");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    private static final int INITIAL_BYTES = 8_192;

    private final Handler next;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Rules rules;
    private final String route;
    private final long declared;
    private final long started = NanoTime.now();
    private byte[] bytes;
    private int size;
    /** Bytes taken from the budget, given back when the request is done. */
    private long taken;

    private BufferedBody(Handler next, Request request, Response response, Callback callback, Rules rules, String route) {
        this.next = next;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.rules = rules;
        this.route = route;
        this.declared = request.getLength();
        // Grown as bytes arrive: a declared length costs nothing until the bytes come (and count against the budget).
        this.bytes = new byte[(int) Math.min(INITIAL_BYTES, declared >= 0 ? Math.min(declared, rules.maxBytes()) : rules.maxBytes())];
    }

    /**
     * Reads the body, then has the next handler handle the request; or answers the request with a problem.
     *
     * @param next the handler to hand the request to
     * @param request the request
     * @param response its response
     * @param callback completed when the request is done
     * @param rules the limits
     * @param route the route, for the metrics
     */
    static void read(Handler next, Request request, Response response, Callback callback, Rules rules, String route) {
        BufferedBody body = new BufferedBody(next, request, response, callback, rules, route);
        if (body.declared > rules.maxBytes()) {
            body.refuse(HttpProblem.payloadTooLarge("The body is larger than the " + rules.maxBytes() + " bytes this route accepts."));
            return;
        }
        body.read(false);
    }

    /** Called by Jetty when more of the body may be read. */
    @Override
    public void run() {
        read(true);
    }

    private void read(boolean inDemandCallback) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                refuse(failure instanceof TimeoutException
                        ? HttpProblem.requestTimeout("The body stopped coming for longer than the server waits.")
                        : HttpProblem.invalidRequest("The request body could not be read.", List.of(Problem.at("$", "the body could not be read"))));
                return;
            }
            int length = chunk.remaining();
            if (size + (long) length > rules.maxBytes()) {
                chunk.release();
                refuse(HttpProblem.payloadTooLarge("The body is larger than the " + rules.maxBytes() + " bytes this route accepts."));
                return;
            }
            if (length > 0) {
                if (!rules.budget().take(length)) {
                    chunk.release();
                    refuse(HttpProblem.serviceUnavailable("The server holds as many request bodies as it may at once; try again shortly."));
                    return;
                }
                taken += length;
                append(chunk.getByteBuffer());
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                handOn(inDemandCallback);
                return;
            }
            if (tooSlow()) {
                refuse(HttpProblem.requestTimeout("The body came more slowly than the " + rules.minBytesPerSecond()
                        + " bytes a second the server waits for."));
                return;
            }
        }
    }

    private void append(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(rules.maxBytes(), Math.max(size + (long) length, 2L * bytes.length)));
        }
        buffer.get(bytes, size, length);
        size += length;
    }

    /** Behind the minimum rate, once the grace period is over; a body of known length needs no more than its length. */
    private boolean tooSlow() {
        long elapsed = NanoTime.millisSince(started) - ServerConfig.BODY_GRACE_MILLIS;
        if (elapsed <= 0) {
            return false;
        }
        long due = rules.minBytesPerSecond() * elapsed / 1_000;
        return size < (declared >= 0 ? Math.min(due, declared) : due);
    }

    private void handOn(boolean inDemandCallback) {
        Request whole = new WholeBody(request, ByteBuffer.wrap(bytes, 0, size));
        Callback done = Callback.from(callback, this::giveBack);
        if (inDemandCallback) {
            // Demand callbacks are serialised with the connection's I/O: the application must not run inside one.
            request.getContext().execute(() -> handle(whole, done));
        } else {
            handle(whole, done);
        }
    }

    private void handle(Request whole, Callback done) {
        try {
            if (!next.handle(whole, response, done)) {
                Response.writeError(whole, response, done, 404);
            }
        } catch (Throwable failure) {
            Response.writeError(whole, response, done, failure);
        }
    }

    private void refuse(HttpProblem problem) {
        giveBack();
        rules.metrics().answered(request.getMethod(), route, problem.status());
        if (problem.problemType() == ProblemType.INVALID_REQUEST) {
            rules.metrics().invalid(route);
        }
        // The rest of the body is not read: the connection cannot carry another request.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        rules.problems().write(request, response, callback, problem);
    }

    private void giveBack() {
        if (taken > 0) {
            rules.budget().giveBack(taken);
            taken = 0;
        }
    }

    /** The request with its body already read: one chunk, then the end. */
    private static final class WholeBody extends Request.Wrapper {
        private final AtomicReference<Content.Chunk> body;

        WholeBody(Request request, ByteBuffer body) {
            super(request);
            this.body = new AtomicReference<>(Content.Chunk.from(body, true));
        }

        @Override
        public Content.Chunk read() {
            return body.getAndSet(Content.Chunk.EOF);
        }

        @Override
        public void demand(Runnable demandCallback) {
            getContext().execute(demandCallback);
        }
    }
}
