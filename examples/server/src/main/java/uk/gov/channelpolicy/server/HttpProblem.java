package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * An HTTP request the server will not answer with a result: its status, an RFC 9457 problem type and
 * title, a detail for people, and for an invalid request every {@link Problem} with it. Thrown by the
 * handlers and written by the server as {@code application/problem+json}; never carries a cause, so
 * nothing about the program's internals can reach the response.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Where every problem type URI starts; the fragment names the type, as docs/server.md lists them. */
    public static final String TYPE_BASE = "https://github.com/uk-gov/channel-policy/docs/problems#";

    private static final ObjectMapper MAPPER = PolicyJson.strictMapper();

    /** The HTTP status. */
    private final int status;
    /** The problem type's name, after {@link #TYPE_BASE}. */
    private final String type;
    /** The problem type's title. */
    private final String title;
    private final transient List<Problem> problems;
    private final transient Map<String, String> headers;
    /** For a 500, the id the log has the failure under; otherwise {@code null}. */
    private final String incident;

    private HttpProblem(int status, String type, String title, String detail, List<Problem> problems, Map<String, String> headers) {
        this(status, type, title, detail, problems, headers, null);
    }

    private HttpProblem(int status, String type, String title, String detail, List<Problem> problems, Map<String, String> headers,
            String incident) {
        super(detail, null, false, false); // no stack trace: this is an answer, not a failure
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
        this.incident = incident;
    }

    /**
     * A 400: the request cannot be decided as it is.
     *
     * @param detail what is wrong, in a sentence
     * @param problems every problem found, with paths
     * @return the problem
     */
    public static HttpProblem invalidRequest(String detail, List<Problem> problems) {
        return new HttpProblem(400, "invalid-request", "Invalid request", detail, problems, Map.of());
    }

    /**
     * A 401: a bearer token is required and was missing or wrong.
     *
     * @param detail what was wrong with the credentials
     * @return the problem, with a {@code WWW-Authenticate} header
     */
    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "unauthorized", "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"channel-policy\""));
    }

    /**
     * A 404: nothing is served at this path.
     *
     * @param path the path asked for
     * @return the problem
     */
    public static HttpProblem notFound(String path) {
        return new HttpProblem(404, "not-found", "Not found", "Nothing is served at " + path + ".", List.of(), Map.of());
    }

    /**
     * A 405: the path is served, but not with this method.
     *
     * @param method the method used
     * @param allowed the methods the path accepts, for the {@code Allow} header
     * @return the problem
     */
    public static HttpProblem methodNotAllowed(String method, List<String> allowed) {
        return new HttpProblem(405, "method-not-allowed", "Method not allowed",
                method + " is not allowed here; use " + String.join(" or ", allowed) + ".", List.of(),
                allowed.isEmpty() ? Map.of() : Map.of("Allow", String.join(", ", allowed)));
    }

    /**
     * A 413: the body, or the batch, is larger than the server accepts.
     *
     * @param detail the limit that was passed
     * @return the problem
     */
    public static HttpProblem payloadTooLarge(String detail) {
        return new HttpProblem(413, "payload-too-large", "Payload too large", detail, List.of(), Map.of());
    }

    /**
     * A 415: the body is not in a media type this route reads.
     *
     * @param detail what was sent and what is accepted
     * @return the problem
     */
    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(415, "unsupported-media-type", "Unsupported media type", detail, List.of(), Map.of());
    }

    /**
     * A 500: something went wrong inside the server. Says nothing about what, only the incident id under which it was logged.
     *
     * @param incident the id the log has the failure under
     * @return the problem
     */
    public static HttpProblem internalError(String incident) {
        return new HttpProblem(500, "internal-error", "Internal server error",
                "The server could not answer this request. Quote incident " + incident + " to its operators.", List.of(),
                Map.of(), incident);
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }

    /**
     * The problem type URI.
     *
     * @return {@link #TYPE_BASE} followed by the type's name, e.g. {@code invalid-request}
     */
    public String type() {
        return TYPE_BASE + type;
    }

    /**
     * The problems with the request, for a 400.
     *
     * @return every problem, possibly none
     */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Headers the response must carry besides the body, e.g. {@code WWW-Authenticate}.
     *
     * @return header names and values
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The RFC 9457 document.
     *
     * @param instance the request's path, for {@code instance}
     * @return {@code {"type", "title", "status", "detail", "instance", "problems"?, "incident"?}}
     */
    public ObjectNode toJson(String instance) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type());
        node.put("title", title);
        node.put("status", status);
        node.put("detail", getMessage());
        node.put("instance", instance);
        if (status == 400) {
            node.set("problems", problemsJson(problems));
        }
        if (incident != null) {
            node.put("incident", incident);
        }
        return node;
    }

    /**
     * Problems as JSON: {@code [{"path", "message", "allowedValues", "suggestion"?, "line"?, "column"?}]}.
     *
     * @param problems the problems
     * @return the array
     */
    public static ArrayNode problemsJson(List<Problem> problems) {
        return PolicyJson.problemsJson(problems);
    }
}
