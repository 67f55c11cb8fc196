package uk.gov.channelpolicy.server;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Decides, once for every request and before Javalin routes it, whether it may go on; the one place where
 * a path's spelling and the token are judged, so no route can be reached by a spelling the check did not see.
 *
 * <ol>
 * <li>The {@code Host} (and an absolute request URI's authority) must be one the server answers for: a 421
 *     otherwise, before anything else is looked at (see {@link AllowedHosts}).</li>
 * <li>The path, exactly as sent, must be canonical: {@code /} or segments of letters, digits and {@code -._~},
 *     with no empty, {@code .} or {@code ..} segment, no trailing slash, no percent-encoding and no {@code ;}
 *     parameters. Anything else is a 404, whatever it would normalise to.</li>
 * <li>It must be a path the server serves (a route's or one of the pages' files), spelt in the same case:
 *     anything else is a 404 here, so nothing unknown reaches the router.</li>
 * <li>When the server has a token, every path but the open ones needs it, with every method: a 401 otherwise.
 *     A CORS preflight from an allowed origin is let through without it (it carries no credentials), and answered
 *     here with no body.</li>
 * </ol>
 *
 * <p>When CORS is on, every answer says {@code Vary: Origin}, and an answer to an allowed origin carries
 * {@code Access-Control-Allow-Origin}. An origin not allowed gets the answer it would get with CORS off.
 *
 * <p>A refusal never reads the request's body, nor does any route but those that take one: when a body nothing will
 * read was announced, the answer says {@code Connection: close}.
 *
 * <p>What passes goes to Javalin, which answers it or says 405 for a method the path does not take. A {@code POST} to a
 * route that reads a body has its whole body read first, without holding a thread ({@link BufferedBody}): only a
 * request that passed every check above gets that far.
 */
final class RequestGate extends Handler.Wrapper {
    private final AllowedHosts hosts;
    private final IntSupplier port;
    private final Set<String> servedPaths;
    private final Set<String> openPaths;
    private final BearerToken token;
    private final CorsOrigins cors;
    private final Map<String, BufferedBody.Rules> bodies;
    private final ProblemWriter problems;
    private final ServerMetrics metrics;
    private final WriteDeadline writes;

    /**
     * A gate for these names and paths.
     *
     * @param hosts the names a request's Host may give
     * @param port the port the server listens on, once it does
     * @param servedPaths every path the server serves: its routes' and its pages' files'
     * @param openPaths the served paths that never need the token
     * @param token the token every other path needs, or {@code null} when the server has none
     * @param cors the origins a browser may call from, or {@code null} when CORS is off
     * @param bodies the rules for reading the body of a {@code POST}, by the path of each route that reads one
     * @param problems writes the refusals
     * @param metrics counts the refusals
     * @param writes holds the answers of the requests let through to the minimum response rate
     */
    RequestGate(AllowedHosts hosts, IntSupplier port, Set<String> servedPaths, Set<String> openPaths, BearerToken token,
            CorsOrigins cors, Map<String, BufferedBody.Rules> bodies, ProblemWriter problems, ServerMetrics metrics, WriteDeadline writes) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.port = Objects.requireNonNull(port, "port");
        this.servedPaths = Set.copyOf(servedPaths);
        this.openPaths = Set.copyOf(openPaths);
        this.token = token;
        this.cors = cors;
        this.bodies = Map.copyOf(bodies);
        this.problems = Objects.requireNonNull(problems, "problems");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null) {
            return false;
        }
        // Echoed on every answer, refusals included, as the AuthZEN API asks of its PDPs. Jetty has already refused a
        // value with a line break, so the value cannot split the response's headers.
        String requestId = request.getHeaders().get(AuthzenRoutes.REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().put(AuthzenRoutes.REQUEST_ID, requestId);
        }
        boolean preflight = false;
        if (cors != null) {
            // The answer depends on the Origin whenever CORS is on, whether or not this one is allowed.
            response.getHeaders().add(HttpHeader.VARY, HttpHeader.ORIGIN.asString());
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (cors.allows(origin)) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, CorsOrigins.EXPOSED_HEADERS);
                preflight = HttpMethod.OPTIONS.is(request.getMethod())
                        && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
            }
        }
        HttpProblem refusal = refusal(request, preflight);
        BufferedBody.Rules body = refusal == null && HttpMethod.POST.is(request.getMethod()) && request.getLength() != 0
                ? bodies.get(request.getHttpURI().getPath()) : null;
        if (body == null && hasBody(request)) {
            // Nothing will read this body, so the connection cannot carry another request and Jetty closes it after the
            // answer. Saying so keeps a client that pools connections from sending its next request into a closed one.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (refusal != null) {
            metrics.answered(request.getMethod(), ServerMetrics.UNMATCHED, refusal.status());
            problems.write(request, response, callback, refusal);
            return true;
        }
        if (preflight) {
            answerPreflight(request, response, callback);
            return true;
        }
        Response watched = writes.watch(request, response);
        if (body != null) {
            BufferedBody.read(next, request, watched, callback, body, request.getHttpURI().getPath());
            return true;
        }
        return next.handle(request, watched, callback);
    }

    /**
     * Answers a CORS preflight from an allowed origin: no body, and the method and headers it asks for. A method the
     * path does not take is then a 405 for the request itself.
     */
    private void answerPreflight(Request request, Response response, Callback callback) {
        var fields = response.getHeaders();
        problems.headers().forEach(fields::put);
        fields.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD));
        String headers = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null) {
            fields.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, headers);
        }
        fields.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, CorsOrigins.MAX_AGE_SECONDS);
        response.setStatus(204);
        metrics.answered(request.getMethod(), DecisionServer.routeLabel(request.getHttpURI().getPath(), 204), 204);
        response.write(true, null, callback);
    }

    /** Why the request may not go on, or {@code null} if it may. */
    private HttpProblem refusal(Request request, boolean preflight) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        int serverPort = port.getAsInt();
        if (!hosts.admits(host, serverPort)) {
            return HttpProblem.misdirected(host);
        }
        HttpURI uri = request.getHttpURI();
        if (uri.isAbsolute() && !hosts.admits(uri.getAuthority(), serverPort)) {
            return HttpProblem.misdirected(uri.getAuthority());
        }
        String path = uri.getPath();
        if (!isCanonical(path) || !servedPaths.contains(path)) {
            return HttpProblem.notFound(path == null ? "" : path);
        }
        if (token == null || openPaths.contains(path) || preflight) {
            return null;
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (token.admits(authorization)) {
            return null;
        }
        return HttpProblem.unauthorized(authorization == null
                ? "This route needs an Authorization: Bearer token."
                : "The bearer token is not the one this server accepts.");
    }

    /** Whether the request says a body follows its headers: a positive Content-Length, or a Transfer-Encoding. */
    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /**
     * Whether a path is spelt the one way the server spells its paths.
     *
     * @param path the path as sent, undecoded
     * @return true for {@code /} and for {@code /segment/segment...} of unreserved characters with no dot segments
     */
    static boolean isCanonical(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String segment = path.substring(segmentStart, i);
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return false; // an empty segment is also a trailing slash or a double slash
                }
                segmentStart = i + 1;
            } else if (!isUnreserved(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
