package uk.gov.channelpolicy.server;

import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the errors Jetty raises itself (a request line it cannot parse, a URI it will not decode, headers or a
 * URI too large, an exception that escapes the servlet) with a problem document and the usual headers, in
 * place of its HTML error page. The detail is fixed text per status: nothing from the request or from Jetty's
 * own message reaches the answer.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    /** The URI Jetty gives a request whose request line it could not read. */
    private static final String UNREAD_URI = "/badMessage";

    private final ProblemWriter writer;
    private final ServerMetrics metrics;

    /**
     * An error handler writing through this writer and counting what it answers.
     *
     * @param writer writes the problem with the usual headers
     * @param metrics counts the answer as an unmatched request
     */
    ProblemErrorHandler(ProblemWriter writer, ServerMetrics metrics) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
        }
        if (status < 400) {
            status = 500;
        }
        HttpProblem problem;
        if (status == 500) {
            String incident = UUID.randomUUID().toString();
            // The log has the whole failure; the caller gets only the incident id.
            LOG.error("incident {}: the web server failed a request with status {}", incident, status, cause);
            problem = HttpProblem.internalError(incident);
        } else {
            problem = HttpProblem.fromWebServer(status, detail(status));
        }
        String path = ProblemWriter.instance(request);
        metrics.answered(request.getMethod(), ServerMetrics.UNMATCHED, problem.status());
        writer.write(request, response, callback, problem, UNREAD_URI.equals(path) ? "" : path);
        return true;
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read as HTTP.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The body is larger than the server accepts.";
            case 414 -> "The URI is longer than the server reads.";
            case 415 -> "The server does not read this media type.";
            case 431 -> "The request's headers are larger than the server reads.";
            case 501 -> "The server does not implement this.";
            case 503 -> "The server cannot take the request now; try again shortly.";
            case 505 -> "The server speaks HTTP/1.1 and HTTP/1.0 only.";
            default -> "The web server refused the request with status " + status + ".";
        };
    }
}
