package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * Writes a problem document (plain text on the AuthZEN API's paths) through Jetty's own API: for the answers given before Javalin routes a request
 * (a refused Host, path or token, a body too slow or too large) and in place of Jetty's error pages. Every
 * answer carries the headers every other response carries, so no error goes out without them.
 */
final class ProblemWriter {
    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private final Supplier<Map<String, String>> headers;

    /**
     * A writer that puts these headers on every problem it writes.
     *
     * @param headers the security headers and the rule-set header, as they are when the answer is written
     */
    ProblemWriter(Supplier<Map<String, String>> headers) {
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    /** The headers every answer carries: the security headers and the rule-set header, as they are now. */
    Map<String, String> headers() {
        return headers.get();
    }

    /**
     * Answers a request with a problem and completes it.
     *
     * @param request the request; its raw path is the problem's {@code instance}
     * @param response the response, not yet committed
     * @param callback completed when the answer is written
     * @param problem the problem
     */
    void write(Request request, Response response, Callback callback, HttpProblem problem) {
        write(request, response, callback, problem, instance(request));
    }

    /**
     * Answers a request with a problem, naming the instance, and completes it.
     *
     * @param request the request
     * @param response the response, not yet committed
     * @param callback completed when the answer is written
     * @param problem the problem
     * @param instance the problem's {@code instance}: the path asked for, or empty when there is none to name
     */
    void write(Request request, Response response, Callback callback, HttpProblem problem, String instance) {
        response.setStatus(problem.status());
        var fields = response.getHeaders();
        headers.get().forEach(fields::put);
        problem.headers().forEach(fields::put);
        byte[] body;
        if (AuthzenRoutes.isAuthzenPath(instance(request))) {
            // The AuthZEN binding's errors are a message string: plain text, with the same headers.
            fields.put(HttpHeader.CONTENT_TYPE, AuthzenRoutes.TEXT);
            body = AuthzenMapping.plainText(problem).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            fields.put(HttpHeader.CONTENT_TYPE, HttpProblem.MEDIA_TYPE);
            try {
                body = MAPPER.writeValueAsBytes(problem.toJson(instance));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a problem document could not be written as JSON", e);
            }
        }
        fields.put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** The path as it was sent (undecoded), for {@code instance}. */
    static String instance(Request request) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return path == null ? "" : path;
    }
}
