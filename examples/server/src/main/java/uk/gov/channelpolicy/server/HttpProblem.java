package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.StrictJson;

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
    /**
     * Where every problem type URI starts: the page the service serves at {@code /problems}, whose sections are the
     * {@link ProblemType}s; the fragment names the type.
     */
    public static final String TYPE_BASE = ProblemType.PAGE + "#";

    private static final ObjectMapper MAPPER = StrictJson.mapper();

    /** The HTTP status. */
    private final int status;
    /** The problem type. */
    private final ProblemType type;
    private final transient List<Problem> problems;
    private final transient Map<String, String> headers;
    /** For a 500, the id the log has the failure under; otherwise {@code null}. */
    private final String incident;

    private HttpProblem(ProblemType type, String detail, List<Problem> problems, Map<String, String> headers) {
        this(type, type.status(), detail, problems, headers, null);
    }

    private HttpProblem(ProblemType type, int status, String detail, List<Problem> problems, Map<String, String> headers,
            String incident) {
        super(detail, null, false, false); // no stack trace: this is an answer, not a failure
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
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
        return new HttpProblem(ProblemType.INVALID_REQUEST, detail, problems, Map.of());
    }

    /**
     * A 401: a bearer token is required and was missing or wrong.
     *
     * @param detail what was wrong with the credentials
     * @return the problem, with a {@code WWW-Authenticate} header
     */
    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(ProblemType.UNAUTHORIZED, detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"channel-policy\""));
    }

    /**
     * A 404: nothing is served at this path.
     *
     * @param path the path asked for
     * @return the problem
     */
    public static HttpProblem notFound(String path) {
        return new HttpProblem(ProblemType.NOT_FOUND, "Nothing is served at " + printable(path) + ".", List.of(), Map.of());
    }

    /**
     * A 405: the path is served, but not with this method.
     *
     * @param method the method used
     * @param allowed the methods the path accepts, for the {@code Allow} header
     * @return the problem
     */
    public static HttpProblem methodNotAllowed(String method, List<String> allowed) {
        return new HttpProblem(ProblemType.METHOD_NOT_ALLOWED,
                printable(method) + " is not allowed here; use " + String.join(" or ", allowed) + ".", List.of(),
                allowed.isEmpty() ? Map.of() : Map.of("Allow", String.join(", ", allowed)));
    }

    /**
     * A 413: the body, or the batch, is larger than the server accepts.
     *
     * @param detail the limit that was passed
     * @return the problem
     */
    public static HttpProblem payloadTooLarge(String detail) {
        return new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(), Map.of());
    }

    /**
     * A 415: the body is not in a media type this route reads.
     *
     * @param detail what was sent and what is accepted
     * @return the problem
     */
    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, List.of(), Map.of());
    }

    /**
     * A 500: something went wrong inside the server. Says nothing about what, only the incident id under which it was logged.
     *
     * @param incident the id the log has the failure under
     * @return the problem
     */
    public static HttpProblem internalError(String incident) {
        return new HttpProblem(ProblemType.INTERNAL_ERROR, 500,
                "The server could not answer this request. Quote incident " + incident + " to its operators.", List.of(),
                Map.of(), incident);
    }

    /**
     * A 400 for a message Jetty could not read as HTTP: the request line, the URI's encoding, a header's syntax.
     *
     * @param detail what could not be read, without any of the request's own text
     * @return the problem
     */
    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(ProblemType.BAD_REQUEST, detail, List.of(), Map.of());
    }

    /**
     * A 408: the body came more slowly than the minimum rate, or stopped coming.
     *
     * @param detail which limit was passed
     * @return the problem, which closes the connection
     */
    public static HttpProblem requestTimeout(String detail) {
        return new HttpProblem(ProblemType.REQUEST_TIMEOUT, detail, List.of(), Map.of("Connection", "close"));
    }

    /**
     * A 503: the server cannot take the request now, e.g. it holds as many request bodies as it may.
     *
     * @param detail why, and that trying again later may work
     * @return the problem, with {@code Retry-After: 1}
     */
    public static HttpProblem serviceUnavailable(String detail) {
        return new HttpProblem(ProblemType.SERVICE_UNAVAILABLE, detail, List.of(), Map.of("Retry-After", "1"));
    }

    /**
     * A 421: the request's Host is not a name this server answers for.
     *
     * @param host the Host sent, or {@code null} when there was none
     * @return the problem
     */
    public static HttpProblem misdirected(String host) {
        return new HttpProblem(ProblemType.MISDIRECTED_REQUEST, host == null
                ? "The request has no Host; this server answers only for the names it is configured with."
                : "This server does not answer for the host " + printable(host) + ".", List.of(), Map.of());
    }

    /**
     * A problem for an error the web server (Jetty or Javalin) raised itself, by its status.
     *
     * @param status the status it chose, 400 or more
     * @param detail what went wrong, in words that hold none of the request's own text
     * @return the problem, typed by {@link ProblemType#forStatus(int)}
     */
    public static HttpProblem fromWebServer(int status, String detail) {
        ProblemType type = ProblemType.forStatus(status);
        return new HttpProblem(type, status, detail, List.of(), Map.of(), null);
    }

    /**
     * The problem type.
     *
     * @return the type
     */
    public ProblemType problemType() {
        return type;
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
     * The problem type URI: a reference to the type's section of the service's own {@code /problems} page.
     *
     * @return {@link #TYPE_BASE} followed by the type's name, e.g. {@code /problems#invalid-request}
     */
    public String type() {
        return type.uri();
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
        node.put("title", type == ProblemType.HTTP_ERROR ? httpTitle(status) : type.title());
        node.put("status", status);
        node.put("detail", getMessage());
        node.put("instance", instance);
        if (type == ProblemType.INVALID_REQUEST) {
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
        try {
            return (ArrayNode) MAPPER.readTree(PolicyJson.writeProblems(problems));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the library wrote problems that do not parse", e);
        }
    }

    /** A text from the request, safe to echo: printable ASCII, at most 200 characters. */
    static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "..." : cleaned;
    }

    private static String httpTitle(int status) {
        String reason = org.eclipse.jetty.http.HttpStatus.getMessage(status);
        return reason == null || reason.isBlank() ? "HTTP error " + status : reason;
    }
}
