package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.RuleSet;
import uk.gov.channelpolicy.load.StrictJson;
import uk.gov.channelpolicy.load.Vocabulary;
import uk.gov.channelpolicy.log.DecisionLog;
import uk.gov.channelpolicy.tools.Catalogue;

/**
 * The decision service: a {@link ChannelPolicy} behind HTTP.
 *
 * <pre>{@code
 * try (DecisionServer server = DecisionServer.start(ServerConfig.builder().port(0).build())) {
 *     System.out.println(server.url()); // e.g. http://127.0.0.1:41231/
 * }
 * }</pre>
 *
 * <p>Its routes are {@link #ROUTES}, described in {@code docs/openapi.yaml} (served at {@code /openapi.yaml})
 * and {@code docs/server.md}. Every response names the rule-set version that served it in the
 * {@value #RULE_SET_HEADER} header; every error is {@code application/problem+json}, except on the AuthZEN API's paths
 * ({@link AuthzenRoutes}), whose errors are plain text as that standard has them. Every response echoes the request's
 * {@code X-Request-ID}.
 */
public final class DecisionServer implements AutoCloseable {
    /** The header every response carries: {@code <id> <version> <digest>} of the rule set serving. */
    public static final String RULE_SET_HEADER = "Channel-Policy-Rule-Set";

    /**
     * A route the server answers.
     *
     * @param method the HTTP method, upper case
     * @param path the path
     */
    public record Route(String method, String path) {
        /**
         * Checks the values.
         *
         * @param method the HTTP method, upper case
         * @param path the path
         * @throws NullPointerException if either is null
         */
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    /** Every route the server answers, as the OpenAPI description lists them. */
    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/v1/decisions"),
            new Route("POST", "/v1/decisions/batch"),
            new Route("POST", "/v1/explain"),
            new Route("GET", "/v1/rules"),
            new Route("GET", "/v1/vocabulary"),
            new Route("GET", "/health"),
            new Route("GET", "/metrics"),
            new Route("GET", "/openapi.yaml"),
            new Route("GET", "/"),
            new Route("GET", "/rules"),
            new Route("GET", "/problems"),
            new Route("POST", AuthzenRoutes.EVALUATION),
            new Route("POST", AuthzenRoutes.EVALUATIONS),
            new Route("POST", AuthzenRoutes.SEARCH_ACTION),
            new Route("POST", AuthzenRoutes.SEARCH_SUBJECT),
            new Route("POST", AuthzenRoutes.SEARCH_RESOURCE),
            new Route("GET", AuthzenRoutes.CONFIGURATION));

    /** The playground pages' own files, served beside them at {@code /<name>}: open, like the pages. */
    static final List<String> PAGE_FILES = List.of("index.html", "rules.html", "common.js", "playground.js", "rules.js", "playground.css",
            "favicon.svg");

    /** The routes that never need the token: the pages, this description, what problems mean, health, and the AuthZEN metadata. */
    static final Set<String> OPEN_ROUTES = Set.of("/", "/rules", ProblemType.PAGE, "/openapi.yaml", "/health", AuthzenRoutes.CONFIGURATION);

    /**
     * Jetty's request threads (Javalin's default). Evaluations with a timeout run on a pool as large, which refuses work
     * when full rather than queue it: as large, so that only evaluations stuck past their timeout can fill it.
     */
    static final int REQUEST_THREADS = 250;

    /** The idle timeout connections get while the server is at its connection limit. */
    static final long AT_LIMIT_IDLE_TIMEOUT_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionServer.class);
    private static final ObjectMapper MAPPER = StrictJson.mapper();
    private static final String ROUTE_ATTRIBUTE = "channel-policy.route";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final String NDJSON_UTF8 = "application/x-ndjson; charset=utf-8";
    private static final String HTML_UTF8 = "text/html; charset=utf-8";
    private static final String PLAYGROUND = "/playground";
    private static final String BATCH = "/v1/decisions/batch";
    /** What every problem document's type points to: made once, from {@link ProblemType}. */
    private static final String PROBLEMS_PAGE = ProblemsPage.html();
    /**
     * The playground's scripts and styles are its own files: nothing inline, nothing from elsewhere. In a fixed order
     * (not {@code Map.of}, whose order changes from run to run), so that every response's head is the same each time.
     */
    private static final Map<String, String> SECURITY_HEADERS = securityHeaders();

    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        return Collections.unmodifiableMap(headers);
    }

        private record CachedCatalogue(RuleSetIdentity identity, String json) {
    }

    private final ServerConfig config;
    private final ChannelPolicy policy;
    private final boolean ownsPolicy;
    private final BearerToken token;
    private final ServerMetrics metrics = new ServerMetrics();
    /** The decision log the server opened from its configuration, closed when it stops; null when there is none. */
    private volatile DecisionLog decisionLog;
    /** What the hot reload has done, or null when the rule set is not watched. */
    private final ReloadStatus reloads;
    private final AtomicReference<CachedCatalogue> catalogue = new AtomicReference<>();
    /** Writes the answers given outside Javalin (Jetty's own errors), with the headers every response carries. */
    private final ProblemWriter problems = new ProblemWriter(this::responseHeaders);
    /** The one connector and its connection limit, made when the server starts. */
    private volatile ServerConnector connector;
    private volatile NetworkConnectionLimit connectionLimit;
    /** Holds answers to the minimum response rate; made when the server starts. */
    private volatile WriteDeadline writeDeadline;
    /** The bytes of request bodies held at once, shared by every route that reads one. */
    private final BodyBudget bodyBudget;
    private final AuthzenRoutes authzen;
    private final Javalin app;

    private DecisionServer(ServerConfig config, ChannelPolicy policy, boolean ownsPolicy, ReloadStatus reloads,
            Consumer<JavalinConfig> extra) {
        this.config = config;
        this.reloads = reloads;
        if (reloads != null) {
            metrics.watchReloads(reloads);
        }
        this.policy = policy;
        this.ownsPolicy = ownsPolicy;
        this.token = config.token() == null ? null : new BearerToken(config.token());
        this.bodyBudget = new BodyBudget(config.maxBufferedBodyBytes());
        this.authzen = new AuthzenRoutes(policy, metrics, config, () -> url().substring(0, url().length() - 1));
        this.app = Javalin.create(javalin -> configure(javalin, extra));
    }

    /**
     * Loads the configured rule set and starts serving it.
     *
     * @param config how to run
     * @return the running server; {@link #close()} stops it
     * @throws RuleSetException if the rule set cannot be loaded, listing every problem
     * @throws IllegalStateException if the server cannot listen (e.g. the port is taken)
     */
    public static DecisionServer start(ServerConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /**
     * Loads the configured rule set, its policy builder adjusted, and starts serving it: for the tests of what the library
     * does with rules the policy profile refuses (a rule that stalls or overflows the stack).
     */
    static DecisionServer start(ServerConfig config, UnaryOperator<ChannelPolicy.Builder> adjust) {
        Objects.requireNonNull(config, "config");
        ReloadStatus reloads = config.rulesDirectory() != null && config.watch() != null ? new ReloadStatus() : null;
        DecisionLog log = config.decisionLog() == null ? null
                : DecisionLog.builder(config.decisionLog()).fsync(config.decisionLogFsync()).build();
        ChannelPolicy policy;
        try {
            policy = load(config, reloads, builder -> adjust.apply(log == null ? builder : builder.decisionSink(log)));
        } catch (RuntimeException e) {
            closeQuietly(log);
            throw e;
        }
        try {
            DecisionServer server = start(config, policy, true, reloads, javalin -> { });
            server.decisionLog = log;
            return server;
        } catch (RuntimeException e) {
            policy.close();
            closeQuietly(log);
            throw e;
        }
    }

    /** Starts a server on a policy, with extra routes: for tests that need a route that fails. */
    static DecisionServer start(ServerConfig config, ChannelPolicy policy, boolean ownsPolicy, Consumer<JavalinConfig> extra) {
        return start(config, policy, ownsPolicy, null, extra);
    }

    /** Starts a server on a policy whose hot reloads report to {@code reloads} (null when it is not watched). */
    static DecisionServer start(ServerConfig config, ChannelPolicy policy, boolean ownsPolicy, ReloadStatus reloads,
            Consumer<JavalinConfig> extra) {
        DecisionServer server = new DecisionServer(config, policy, ownsPolicy, reloads, extra);
        server.app.start();
        return server;
    }

    private static ChannelPolicy load(ServerConfig config, ReloadStatus reloads, UnaryOperator<ChannelPolicy.Builder> adjust) {
        // A runaway rule or a StackOverflowError gives INDETERMINATE after the timeout, never a held thread or a 500.
        ChannelPolicy.Builder builder = adjust.apply(ChannelPolicy.builder().evaluationTimeout(config.evaluationTimeout(), REQUEST_THREADS));
        if (config.ignoreFileDigests()) {
            builder.ignoreFileDigests();
        }
        if (config.rulesDirectory() == null) {
            return builder.ruleSet("dh").build();
        }
        builder.ruleSetDirectory(config.rulesDirectory());
        if (config.watch() != null) {
            builder.watch(config.watch()).listener(reloads);
        }
        return builder.build();
    }

    /**
     * The port the server listens on, the one chosen when the configuration said 0.
     *
     * @return the port
     */
    public int port() {
        return app.port();
    }

    /**
     * Where the server can be reached.
     *
     * @return e.g. {@code http://127.0.0.1:8080/}
     */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    /**
     * The policy the server decides with.
     *
     * @return the policy
     */
    public ChannelPolicy policy() {
        return policy;
    }

    /** Every route registered with the web framework, as it sees them: for checking against the OpenAPI description. */
    List<Route> registeredRoutes() {
        List<Route> routes = new ArrayList<>();
        for (ParsedEndpoint endpoint : app.unsafe.internalRouter.allHttpHandlers()) {
            HandlerType method = endpoint.endpoint.method;
            if (method.isHttpMethod()) {
                routes.add(new Route(method.name(), endpoint.endpoint.path));
            }
        }
        return routes;
    }

    /** How many connections were closed because their client took its answer too slowly: for the tests. */
    long slowReadersClosed() {
        return writeDeadline.closed();
    }

    /** How many connections are open now: for the tests of the connection limit and of slow clients. */
    int openConnections() {
        return connectionLimit.getNetworkConnectionCount();
    }

    /** How many bytes of request bodies the server holds now: for the test of the budget. */
    long bufferedBodyBytes() {
        return bodyBudget.held();
    }

    /** Whether the server accepts new connections now, or is at its connection limit. */
    boolean accepting() {
        return connector.isAccepting();
    }

    /** Stops serving and, if the server loaded its policy, stops watching its rule set. */
    @Override
    public void close() {
        app.stop();
        if (ownsPolicy) {
            policy.close();
        }
        // After the last request: every decision made is in the log before it closes.
        closeQuietly(decisionLog);
    }

    private static void closeQuietly(DecisionLog log) {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (RuntimeException e) {
            LOG.error("closing the decision log failed: {}", e.toString());
        }
    }

    private void configure(JavalinConfig javalin, Consumer<JavalinConfig> extra) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.jetty.threadPool = new QueuedThreadPool(REQUEST_THREADS, 8);
        javalin.http.prefer405over404 = true;
        // A decision is about 1.5 KB: compressing each costs the service more CPU than it saves a client on the networks
        // it serves, and wrapping every response for the check alone was 3% of a decision's CPU in its profile.
        javalin.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
        // The gate refuses every other spelling of a path before routing; the router matches exactly, too.
        javalin.router.ignoreTrailingSlashes = false;
        // Bodies are read by RequestBody, which enforces the route's own limit; this only keeps Javalin out of the way.
        javalin.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxBatchBodyBytes());
        javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        javalin.jetty.addConnector(this::connector);
        javalin.jetty.modifyServer(server -> {
            // Runs at start, when every route is registered: the gate knows every path the server serves.
            WriteDeadline writes = new WriteDeadline(config.minResponseBytesPerSecond(), ServerConfig.BODY_GRACE_MILLIS, server.getScheduler());
            server.addBean(writes);
            this.writeDeadline = writes;
            server.insertHandler(gate(writes));
            // Jetty's own errors (a request line or URI it cannot read, headers too large) are problem documents too.
            server.setErrorHandler(new ProblemErrorHandler(problems, metrics));
        });
        javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new ProblemErrorHandler(problems, metrics)));
        if (getClass().getResource(PLAYGROUND) != null) {
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = PLAYGROUND;
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
        }

        javalin.routes.before(this::beforeEveryRequest);
        route(javalin, "POST", "/v1/decisions", this::decide);
        route(javalin, "POST", BATCH, this::decideBatch);
        route(javalin, "POST", "/v1/explain", this::explain);
        route(javalin, "GET", "/v1/rules", this::rules);
        route(javalin, "GET", "/v1/vocabulary", this::vocabulary);
        route(javalin, "GET", "/health", this::health);
        route(javalin, "GET", "/metrics", ctx -> ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape()));
        route(javalin, "GET", "/openapi.yaml", ctx -> resource(ctx, "/api/openapi.yaml", "application/yaml; charset=utf-8"));
        route(javalin, "GET", "/", ctx -> page(ctx, PLAYGROUND + "/index.html"));
        route(javalin, "GET", "/rules", ctx -> page(ctx, PLAYGROUND + "/rules.html"));
        route(javalin, "GET", ProblemType.PAGE, ctx -> ctx.contentType(HTML_UTF8).result(PROBLEMS_PAGE));
        route(javalin, "POST", AuthzenRoutes.EVALUATION, authzen::evaluation);
        route(javalin, "POST", AuthzenRoutes.EVALUATIONS, authzen::evaluations);
        route(javalin, "POST", AuthzenRoutes.SEARCH_ACTION, authzen::searchAction);
        route(javalin, "POST", AuthzenRoutes.SEARCH_SUBJECT, ctx -> authzen.notOffered(ctx, AuthzenRoutes.NO_SUBJECT_SEARCH));
        route(javalin, "POST", AuthzenRoutes.SEARCH_RESOURCE, ctx -> authzen.notOffered(ctx, AuthzenRoutes.NO_RESOURCE_SEARCH));
        route(javalin, "GET", AuthzenRoutes.CONFIGURATION, authzen::configuration);
        extra.accept(javalin);
        javalin.routes.after(this::afterEveryRequest);

        javalin.routes.exception(HttpProblem.class, (problem, ctx) -> {
            // Every invalid request a route answers is counted here, once, whatever found it: the body's bytes
            // (not UTF-8), its JSON, the batch's shape, or the library's validation.
            String route = ctx.attribute(ROUTE_ATTRIBUTE);
            if (route != null && problem.problemType() == ProblemType.INVALID_REQUEST) {
                metrics.invalid(route);
            }
            problem(ctx, problem);
        });
        javalin.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, fromFramework(e.getStatus(), ctx)));
        javalin.routes.exception(Exception.class, (e, ctx) -> problem(ctx, incident(ctx, e)));
        javalin.router.javaLangErrorHandler((response, error) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("incident {}: {}", incident, error.toString(), error);
            response.setStatus(500);
            response.setContentType(HttpProblem.MEDIA_TYPE);
            try {
                response.getOutputStream().write(MAPPER.writeValueAsBytes(HttpProblem.internalError(incident).toJson("")));
            } catch (IOException e) {
                LOG.debug("could not answer incident {}", incident, e);
            }
        });
        javalin.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                problem(ctx, HttpProblem.notFound(ctx.path()));
            }
        });
        javalin.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                problem(ctx, fromFramework(405, ctx));
            }
        });
    }

    /** Registers a route, noting its path for the metrics (never the request's own path: that would be unbounded). */
    private static void route(JavalinConfig javalin, String method, String path, Handler handler) {
        Handler noted = ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            handler.handle(ctx);
        };
        switch (method) {
            case "GET" -> javalin.routes.get(path, noted);
            case "POST" -> javalin.routes.post(path, noted);
            default -> throw new IllegalArgumentException("no such method in this server: " + method);
        }
    }

    /** The headers every response carries: the security headers and the serving rule set's version. */
    private Map<String, String> responseHeaders() {
        RuleSetIdentity identity = policy.ruleSet().identity();
        Map.Entry<RuleSetIdentity, Map<String, String>> made = headers;
        if (made == null || made.getKey() != identity) {
            Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
            headers.put(RULE_SET_HEADER, headerValue(identity));
            made = Map.entry(identity, java.util.Collections.unmodifiableMap(headers));
            this.headers = made;
        }
        return made.getValue();
    }

    /** The response headers, made once per serving rule set (a reload swaps the identity, and so the headers). */
    private volatile Map.Entry<RuleSetIdentity, Map<String, String>> headers;

    /**
     * The one connector, bounded against slow and numerous clients: an idle timeout, a deadline for request heads, and a
     * limit on open connections (more wait in the accept queue, and while it is reached idle connections get
     * {@value #AT_LIMIT_IDLE_TIMEOUT_MILLIS} ms). Bodies are bounded by {@link BufferedBody}.
     */
    private ServerConnector connector(Server server, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.addBean(new HeaderDeadline(config.headerTimeout(), connector.getScheduler()));
        NetworkConnectionLimit limit = new NetworkConnectionLimit(config.maxConnections(), connector);
        // At the limit, connections that sit idle are let go sooner, so idle ones cannot keep new clients waiting long.
        limit.setEndPointIdleTimeout(Math.min(config.idleTimeout().toMillis(), AT_LIMIT_IDLE_TIMEOUT_MILLIS));
        server.addBean(limit);
        this.connector = connector;
        this.connectionLimit = limit;
        return connector;
    }

    /** The one check of path spelling and token, before routing: see {@link RequestGate}. */
    private RequestGate gate(WriteDeadline writes) {
        Set<String> served = new HashSet<>();
        registeredRoutes().forEach(route -> served.add(route.path()));
        Set<String> open = new HashSet<>(OPEN_ROUTES);
        if (getClass().getResource(PLAYGROUND) != null) {
            PAGE_FILES.forEach(file -> served.add("/" + file));
            PAGE_FILES.forEach(file -> open.add("/" + file));
        }
        Map<String, BufferedBody.Rules> bodies = new HashMap<>();
        for (Route route : ROUTES) {
            if (route.method().equals("POST")) {
                long limit = route.path().equals(BATCH) || route.path().equals(AuthzenRoutes.EVALUATIONS) ? config.maxBatchBodyBytes()
                        : config.maxBodyBytes();
                bodies.put(route.path(), new BufferedBody.Rules(limit, config.minBodyBytesPerSecond(), bodyBudget, problems, metrics));
            }
        }
        return new RequestGate(new AllowedHosts(config.host(), config.allowedHosts()), this::port, served, open, token,
                CorsOrigins.of(config.corsOrigins()), bodies, problems, metrics, writes);
    }

    private void beforeEveryRequest(Context ctx) {
        responseHeaders().forEach(ctx::header);
    }

    private void afterEveryRequest(Context ctx) {
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        metrics.answered(ctx.method().name(), route != null ? route : routeLabel(ctx.path(), ctx.statusCode()), ctx.statusCode());
    }

    /**
     * The {@code route} label of an answer its route's handler did not give (Javalin answers a {@code HEAD} without
     * running it), or that the gate gave itself.
     *
     * @param path the path, one the gate let through
     * @param status the answer's status
     * @return {@link ServerMetrics#UNMATCHED} for a 404 or 405, else the route's path, or {@code static} for a page's file
     */
    static String routeLabel(String path, int status) {
        if (status == 404 || status == 405) {
            return ServerMetrics.UNMATCHED;
        }
        return ROUTES.stream().anyMatch(route -> route.path().equals(path)) ? path : "static";
    }

    // ---- the routes -------------------------------------------------------------------------------

    private void decide(Context ctx) {
        RequestBody.mediaType(ctx, Set.of(RequestBody.JSON));
        String body = RequestBody.text(ctx, config.maxBodyBytes());
        Decision decision = evaluate(body);
        ctx.header(RULE_SET_HEADER, headerValue(decision.ruleSet()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4096);
        try {
            policy.json().write(decision, out); // UTF-8 straight from the decision's kept parts: no string to encode again
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e); // a ByteArrayOutputStream does not
        }
        ctx.contentType(JSON_UTF8);
        // Written to the response as it is, with its length: a result() would be copied again through a fresh buffer
        // (about 8% of a decision's CPU in the service's profile).
        ctx.res().setContentLength(out.size());
        try {
            out.writeTo(ctx.res().getOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the client went away", e); // nothing more can be answered
        }
    }

    private void decideBatch(Context ctx) {
        String type = RequestBody.mediaType(ctx, Set.of(RequestBody.JSON, RequestBody.NDJSON));
        String body = RequestBody.text(ctx, config.maxBatchBodyBytes());
        boolean lines = type.equals(RequestBody.NDJSON);
        List<String> items = lines ? BatchItems.ofJsonLines(body, config.maxBatchItems()) : BatchItems.ofJsonArray(body, config.maxBatchItems());
        ChannelPolicy.Version version = versionFor(ctx, policy); // every item by one version, even if a reload comes
        PolicyJson json = version.json();
        List<String> answers = new ArrayList<>(items.size());
        for (String item : items) {
            String answer;
            try {
                Decision decision = evaluate(version, item);
                answer = json.write(decision);
            } catch (HttpProblem invalid) {
                metrics.invalid(BATCH);
                answer = compact(itemError(invalid));
            }
            answers.add(answer);
        }
        if (lines) {
            ctx.contentType(NDJSON_UTF8).result(answers.isEmpty() ? "" : String.join("\n", answers) + "\n");
        } else {
            ctx.contentType(JSON_UTF8).result("[" + String.join(",", answers) + "]");
        }
    }

    private void explain(Context ctx) {
        RequestBody.mediaType(ctx, Set.of(RequestBody.JSON));
        String body = RequestBody.text(ctx, config.maxBodyBytes());
        PolicyJson json = policy.json();
        PolicyRequest request = read(json, body);
        Explanation explanation;
        try {
            explanation = policy.explain(request);
        } catch (InvalidRequestException e) {
            throw invalid(e);
        }
        ctx.header(RULE_SET_HEADER, headerValue(explanation.decision().ruleSet()));
        ctx.contentType(JSON_UTF8).result(json.write(explanation));
    }

    private void rules(Context ctx) {
        RuleSet ruleSet = policy.ruleSet();
        CachedCatalogue cached = catalogue.get();
        if (cached == null || !cached.identity().equals(ruleSet.identity())) {
            cached = new CachedCatalogue(ruleSet.identity(), Catalogue.of(ruleSet).toJson());
            catalogue.set(cached);
        }
        ctx.header(RULE_SET_HEADER, headerValue(cached.identity()));
        ctx.contentType(JSON_UTF8).result(cached.json());
    }

    private void vocabulary(Context ctx) {
        RuleSet ruleSet = policy.ruleSet();
        ObjectNode root = MAPPER.createObjectNode();
        root.set("ruleSet", identity(ruleSet.identity()));
        ObjectNode terms = root.putObject("terms");
        for (Vocabulary.Kind kind : Vocabulary.Kind.values()) {
            ArrayNode list = terms.putArray(kind.key());
            for (Vocabulary.Term term : ruleSet.vocabulary().terms(kind)) {
                ObjectNode item = list.addObject();
                item.put("id", term.id());
                item.put("label", term.label());
                if (term.description() != null) {
                    item.put("description", term.description());
                }
            }
        }
        // The actions that take a source (the manifest's amplifying group): the playground asks whose tweet only for them.
        ArrayNode sourceActions = root.putArray("sourceActions");
        ruleSet.vocabulary().sourceActions().forEach(sourceActions::add);
        ctx.header(RULE_SET_HEADER, headerValue(ruleSet.identity()));
        ctx.contentType(JSON_UTF8).result(compact(root));
    }

    private void health(Context ctx) {
        RuleSetIdentity identity = policy.ruleSet().identity();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", "UP");
        root.set("ruleSet", identity(identity));
        if (reloads != null) {
            // Still UP while an edit is refused: the last good version serves. The refusal and why are said here.
            ObjectNode reload = root.putObject("reload");
            reload.put("loaded", reloads.loadedCount());
            reload.put("rejected", reloads.rejectedCount());
            ReloadStatus.Attempt last = reloads.last();
            if (last != null) {
                ObjectNode attempt = reload.putObject("lastAttempt");
                attempt.put("at", last.at().toString());
                attempt.put("result", last.result());
                attempt.put("problemCount", last.problemCount());
                ArrayNode problems = attempt.putArray("problems");
                last.problems().forEach(problems::add);
            }
        }
        ctx.header(RULE_SET_HEADER, headerValue(identity));
        ctx.contentType(JSON_UTF8).result(compact(root));
    }

    private void page(Context ctx, String resource) {
        resource(ctx, resource, HTML_UTF8);
    }

    private void resource(Context ctx, String resource, String contentType) {
        try (InputStream in = DecisionServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw HttpProblem.notFound(ctx.path());
            }
            ctx.contentType(contentType).result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    // ---- deciding ----------------------------------------------------------------------------------

    private static PolicyRequest read(PolicyJson json, String text) {
        try {
            return json.readRequest(text);
        } catch (InvalidRequestException e) {
            throw invalid(e);
        }
    }

    /**
     * The version serving now, for a request whose several decisions must all be by one version (a batch, a search),
     * even if a reload comes while it runs; the answer's {@value #RULE_SET_HEADER} header names it.
     *
     * @param ctx the request
     * @param policy the policy serving
     * @return the version
     */
    static ChannelPolicy.Version versionFor(Context ctx, ChannelPolicy policy) {
        ChannelPolicy.Version version = policy.version();
        ctx.header(RULE_SET_HEADER, headerValue(version.ruleSet().identity()));
        return version;
    }

    /** Reads and decides one request with one serving version: a reload cannot fall between the two. */
    private Decision evaluate(String json) {
        return evaluate(policy.version(), json);
    }

    private Decision evaluate(ChannelPolicy.Version version, String json) {
        long start = System.nanoTime();
        Decision decision;
        try {
            decision = version.evaluateJson(json);
        } catch (InvalidRequestException e) {
            throw invalid(e);
        }
        metrics.decided(decision, System.nanoTime() - start);
        return decision;
    }

    private static HttpProblem invalid(InvalidRequestException e) {
        int count = e.problems().size();
        return HttpProblem.invalidRequest("The request has " + count + (count == 1 ? " problem" : " problems")
                + "; each is listed under problems with its JSON path.", e.problems());
    }

    /** A batch item that could not be decided, in its place: {@code {"error": {problem document without instance}}}. */
    private static ObjectNode itemError(HttpProblem problem) {
        ObjectNode document = problem.toJson("");
        document.remove("instance");
        ObjectNode root = MAPPER.createObjectNode();
        root.set("error", document);
        return root;
    }

    // ---- errors ------------------------------------------------------------------------------------

    private HttpProblem fromFramework(int status, Context ctx) {
        return switch (status) {
            case 404 -> HttpProblem.notFound(ctx.path());
            case 405 -> HttpProblem.methodNotAllowed(ctx.method().name(), allowedMethods(ctx.path()));
            case 413 -> HttpProblem.payloadTooLarge("The body is larger than this route accepts.");
            case 415 -> HttpProblem.unsupportedMediaType("This route does not read that media type.");
            case 400 -> HttpProblem.invalidRequest("The request could not be read.", List.of(Problem.at("$", "the request could not be read")));
            default -> incident(ctx, new IllegalStateException("the web framework answered " + status));
        };
    }

    private static List<String> allowedMethods(String path) {
        return ROUTES.stream().filter(route -> route.path().equals(path)).map(Route::method).toList();
    }

    private static HttpProblem incident(Context ctx, Exception e) {
        String incident = UUID.randomUUID().toString();
        // The log has the whole failure; the caller gets only the incident id.
        LOG.error("incident {}: {} {} failed", incident, ctx.method().name(), ctx.attribute(ROUTE_ATTRIBUTE) == null
                ? ServerMetrics.UNMATCHED : ctx.<String>attribute(ROUTE_ATTRIBUTE), e);
        return HttpProblem.internalError(incident);
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && (type.startsWith(HttpProblem.MEDIA_TYPE)
                || AuthzenRoutes.isAuthzenPath(ctx.path()) && type.startsWith("text/plain"));
    }

    private static void problem(Context ctx, HttpProblem problem) {
        ctx.status(problem.status());
        problem.headers().forEach(ctx::header);
        if (AuthzenRoutes.isAuthzenPath(ctx.path())) {
            // The AuthZEN binding's errors are a message string: plain text, with the same headers.
            ctx.contentType(AuthzenRoutes.TEXT).result(AuthzenMapping.plainText(problem));
            return;
        }
        ctx.contentType(HttpProblem.MEDIA_TYPE).result(compact(problem.toJson(ctx.path())));
    }

    // ---- JSON --------------------------------------------------------------------------------------

    /**
     * The value of the {@value #RULE_SET_HEADER} header for a rule set.
     *
     * @param identity the rule set's identity
     * @return {@code <id> <version> <digest>}
     */
    public static String headerValue(RuleSetIdentity identity) {
        return identity.id() + " " + identity.version() + " " + identity.digest();
    }

    private static ObjectNode identity(RuleSetIdentity identity) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", identity.id());
        node.put("version", identity.version());
        node.put("digest", identity.digest());
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the library wrote JSON it cannot read back", e);
        }
    }

    private static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

}
