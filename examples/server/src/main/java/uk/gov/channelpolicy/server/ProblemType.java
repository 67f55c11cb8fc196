package uk.gov.channelpolicy.server;

import java.util.Objects;

/**
 * Every kind of error the service answers with. Each is a section of the page the service serves at
 * {@code /problems}, and a problem document's {@code type} is {@code /problems#<name>}: a reference the
 * service itself resolves, the same in every version and on every host. The page is made from these
 * constants, so a type the server emits always has its section.
 */
public enum ProblemType {
    /** 400: the request is well-formed HTTP but cannot be decided as it is; every problem is listed. */
    INVALID_REQUEST(400, "invalid-request", "Invalid request",
            "The request cannot be decided as it is: malformed JSON, a body that is not UTF-8, unknown or missing fields, or ids "
                    + "the rule set's vocabulary does not have. The problems member lists every problem at once, each with its JSON "
                    + "path, a message, the allowed values and, for a near miss, a suggestion. Fix them and send the request again."),
    /** 400: the HTTP message itself could not be read. */
    BAD_REQUEST(400, "bad-request", "Bad request",
            "The HTTP message itself could not be read: a malformed request line, a URI that is not validly encoded, a header "
                    + "that breaks the HTTP syntax, or an HTTP/1.1 request with no Host. Nothing in it was looked at."),
    /** 401: a bearer token is required and was missing or wrong. */
    UNAUTHORIZED(401, "unauthorized", "Unauthorized",
            "The server was started with a token, and this route needs it: send Authorization: Bearer <token>. The playground "
                    + "pages, this page, /openapi.yaml and /health never need it."),
    /** 404: nothing is served at this path, or the path is not spelled as the service spells it. */
    NOT_FOUND(404, "not-found", "Not found",
            "Nothing is served at this path. Paths are matched exactly as the description spells them: no trailing slash, no "
                    + "empty or dot segments, no percent-encoding, and letters in the same case. Any other spelling is not found, "
                    + "whatever it would normalise to."),
    /** 405: the path is served, but not with this method. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed",
            "The path is served, but not with this method. The Allow header lists the methods it takes."),
    /** 408: the request's body came too slowly or stopped coming. */
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout",
            "The body came more slowly than the server's minimum rate, or stopped coming for longer than its idle timeout. The "
                    + "connection is closed. Send the whole body at once."),
    /** 413: the body, or a batch, is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large",
            "The body is larger than this route accepts, or a batch holds more requests than the server takes at once. The "
                    + "detail gives the limit. Send less, or split a batch."),
    /** 414: the request line's URI is longer than the server reads. */
    URI_TOO_LONG(414, "uri-too-long", "URI too long",
            "The URI is longer than the server reads. No route of this service needs a long URI or a query string."),
    /** 415: the body is not in a media type the route reads. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type",
            "The body has no Content-Type, or one this route does not read: application/json (and, for a batch, "
                    + "application/x-ndjson), in UTF-8."),
    /** 421: the Host the request names is not one this server answers for. */
    MISDIRECTED_REQUEST(421, "misdirected-request", "Misdirected request",
            "The request's Host is not one of the names this server answers for (by default localhost, 127.0.0.1 and [::1], "
                    + "with its port or none; an operator adds others with --allowed-host). This stops a web page from reaching "
                    + "the service through a name it controls (DNS rebinding). Use the server's own name."),
    /** 431: the request's headers are larger than the server reads. */
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "request-header-fields-too-large", "Request header fields too large",
            "The request's headers together are larger than the server reads. Send fewer or shorter headers."),
    /** 503: the server holds as many request bodies as it may at once. */
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable",
            "The server is holding as many request bodies as it is allowed to at once (--max-buffered-body-bytes), or is "
                    + "stopping. Nothing was decided. Try again shortly; Retry-After says when."),
    /** 500: the server failed; the log has the failure under the incident id given. */
    INTERNAL_ERROR(500, "internal-error", "Internal server error",
            "The server failed while answering. The detail and the incident member give an id; quote it to the service's "
                    + "operators, whose log has the failure under that id. Nothing about the failure is in the answer."),
    /** Any other status the web server answers with itself, e.g. 501 or 505. */
    HTTP_ERROR(0, "http-error", "HTTP error",
            "The web server refused the request at the HTTP level with a status that has no type of its own here (for example "
                    + "505 for an HTTP version it does not speak). The status and title say which.");

    /** Where every problem type's URI starts: the service's own page, whose sections are named by {@link #anchor()}. */
    public static final String PAGE = "/problems";

    private final int status;
    private final String anchor;
    private final String title;
    private final String explanation;

    ProblemType(int status, String anchor, String title, String explanation) {
        this.status = status;
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.title = Objects.requireNonNull(title, "title");
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * The HTTP status this type is answered with.
     *
     * @return e.g. 400; 0 for {@link #HTTP_ERROR}, whose status varies
     */
    public int status() {
        return status;
    }

    /**
     * The type's name: its section's id on the page, and the fragment of its URI.
     *
     * @return e.g. {@code invalid-request}
     */
    public String anchor() {
        return anchor;
    }

    /**
     * The problem document's {@code title} for this type.
     *
     * @return e.g. {@code Invalid request}
     */
    public String title() {
        return title;
    }

    /**
     * What the problem means and what to do about it, in a few sentences, as the page gives it.
     *
     * @return plain text
     */
    public String explanation() {
        return explanation;
    }

    /**
     * The problem document's {@code type}: a URI reference to this type's section of the page the service serves.
     *
     * @return e.g. {@code /problems#invalid-request}
     */
    public String uri() {
        return PAGE + "#" + anchor;
    }

    /**
     * The type the service answers a status with when it has no more specific one: for errors the web server
     * raises itself (Jetty's and Javalin's).
     *
     * @param status an HTTP error status
     * @return the type with that status, {@link #BAD_REQUEST} for 400, or {@link #HTTP_ERROR}
     */
    public static ProblemType forStatus(int status) {
        if (status == 400) {
            return BAD_REQUEST;
        }
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return HTTP_ERROR;
    }
}
