package uk.gov.channelpolicy.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * How a {@link DecisionServer} runs: where it listens, which rule set it serves, who may call it and how
 * much it reads. Immutable; made by {@link #builder()}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param rulesDirectory a rule-set directory to compile and serve, or {@code null} for the built-in {@code dh}
 * @param watch how long a watched rule-set directory must be quiet before it is reloaded, or {@code null} not to watch
 * @param ignoreFileDigests whether a sealed rule set whose files changed still loads
 * @param token the bearer token {@code /v1/*}, {@code /access/v1/*} and {@code /metrics} require (every route but the pages,
 *     {@code /problems}, {@code /openapi.yaml}, {@code /health} and the AuthZEN metadata), or {@code null} for none
 * @param corsOrigins the origins a browser may call the API from; empty for no CORS at all
 * @param allowedHosts the names a request's {@code Host} may give besides the loopback ones and the listening address:
 *     each {@code name} (with the server's port or none) or {@code name:port} (exactly)
 * @param maxBodyBytes the largest body of a single request, in bytes
 * @param maxBatchBodyBytes the largest body of a batch, in bytes
 * @param maxBatchItems the most requests one batch may hold
 * @param idleTimeout how long a connection may send nothing before it is closed (and a body stopped this long is a 408)
 * @param headerTimeout how long a request line and headers may take from their first byte before the connection is closed
 * @param minBodyBytesPerSecond the rate a body must keep up once it has had {@value ServerConfig#BODY_GRACE_MILLIS} ms; slower is a 408
 * @param minResponseBytesPerSecond the rate a client must take its answer at once it has had {@value ServerConfig#BODY_GRACE_MILLIS}
 *     ms; slower and the connection is closed
 * @param maxConnections the most connections open at once; more wait to be accepted
 * @param maxBufferedBodyBytes the most bytes of request bodies held at once, across connections; past it a body is a 503
 * @param evaluationTimeout the longest one evaluation may take; past it the decision is INDETERMINATE naming the rule running
 * @param decisionLog where every decision is recorded (one JSON line each, personal data masked), or null for no log
 * @param decisionLogFsync when the decision log's records are forced to the disk
 * @param publicBaseUrl the URL clients reach the service at, without a trailing slash, for the AuthZEN metadata's
 *     {@code policy_decision_point} and endpoints; {@code null} for the service's own address
 * @param authzenInterop whether AuthZEN answers leave out {@code context} (interop mode, for the standard's runners)
 */
public record ServerConfig(String host, int port, Path rulesDirectory, Duration watch, boolean ignoreFileDigests, String token,
        List<String> corsOrigins, List<String> allowedHosts, long maxBodyBytes, long maxBatchBodyBytes, int maxBatchItems,
        Duration idleTimeout, Duration headerTimeout, long minBodyBytesPerSecond, long minResponseBytesPerSecond, int maxConnections,
        long maxBufferedBodyBytes, Duration evaluationTimeout, Path decisionLog, uk.gov.channelpolicy.log.DecisionLog.Fsync decisionLogFsync, String publicBaseUrl,
        boolean authzenInterop) {

    /** Where the server listens unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port the server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8080;
    /** The largest single request body unless told otherwise: 64 KiB, the library's own limit for one request. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The largest batch body unless told otherwise: 4 MiB. */
    public static final long DEFAULT_MAX_BATCH_BODY_BYTES = 4 * 1024 * 1024;
    /** The most requests in one batch unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 1_000;
    /** How long a connection may be silent unless told otherwise: Jetty's own default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a request line and headers may take unless told otherwise: they fit in one packet. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The rate a body must keep up unless told otherwise: 1 KiB a second, a 64 KiB body in about a minute. */
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 1_024;
    /**
     * The rate a client must take its answer at unless told otherwise: 64 KiB a second, a full batch's answer (about
     * 2 MB) in about half a minute. The thread writing an answer waits for the client, so this bounds how long one that
     * stops reading holds it.
     */
    public static final long DEFAULT_MIN_RESPONSE_BYTES_PER_SECOND = 64 * 1_024;
    /**
     * How long a body may take, in milliseconds, before the minimum body rate applies: enough for a small body's
     * last packet to be sent again after a loss.
     */
    public static final long BODY_GRACE_MILLIS = 2_000;
    /** The most connections open at once unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
    /** The most bytes of bodies held at once unless told otherwise: 128 MiB, 32 full batches. */
    public static final long DEFAULT_MAX_BUFFERED_BODY_BYTES = 128L * 1024 * 1024;
    /** The longest one evaluation may take unless told otherwise: a DH evaluation takes tens of microseconds. */
    public static final Duration DEFAULT_EVALUATION_TIMEOUT = Duration.ofSeconds(1);
    /** How long a watched directory must be quiet before it is reloaded. */
    public static final Duration DEFAULT_WATCH_DEBOUNCE = Duration.ofMillis(200);

    /**
     * Checks the values.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param rulesDirectory a rule-set directory, or {@code null} for the built-in rule set
     * @param watch the debounce for watching the directory, or {@code null} not to watch
     * @param ignoreFileDigests whether a sealed rule set whose files changed still loads
     * @param token the bearer token, or {@code null} for none
     * @param corsOrigins the origins allowed to call the API from a browser
     * @param allowedHosts the names a {@code Host} may give besides the loopback ones and the listening address
     * @param maxBodyBytes the largest single request body
     * @param maxBatchBodyBytes the largest batch body
     * @param maxBatchItems the most requests in a batch
     * @param idleTimeout how long a connection may send nothing
     * @param headerTimeout how long a request line and headers may take
     * @param minBodyBytesPerSecond the rate a body must keep up
     * @param minResponseBytesPerSecond the rate a client must take its answer at
     * @param maxConnections the most connections open at once
     * @param maxBufferedBodyBytes the most bytes of bodies held at once
     * @param evaluationTimeout the longest one evaluation may take
     * @param decisionLog the decision log's file, or null
     * @param decisionLogFsync when the log's records are forced to the disk
     * @param publicBaseUrl the URL clients reach the service at, or {@code null} for its own address
     * @param authzenInterop whether AuthZEN answers leave out {@code context}
     * @throws IllegalArgumentException if the public base URL is not an absolute http or https URL without user
     *     information, query or fragment; if the port is out of range, a limit or a timeout is not positive, the bodies held
     *     at once could not hold one batch, the token is blank,
     *     an origin is blank, an allowed host is not a host name or address with an optional port, or watching is
     *     asked for without a directory
     * @throws NullPointerException if the host, the origins, the allowed hosts or a timeout is null
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (maxBodyBytes < 1 || maxBatchBodyBytes < 1 || maxBatchItems < 1 || minBodyBytesPerSecond < 1 || minResponseBytesPerSecond < 1
                || maxConnections < 1) {
            throw new IllegalArgumentException("size limits, the minimum body and response rates and the connection limit must be positive");
        }
        if (maxBufferedBodyBytes < Math.max(maxBodyBytes, maxBatchBodyBytes)) {
            throw new IllegalArgumentException("the bodies held at once (" + maxBufferedBodyBytes + " bytes) must hold at least one of the "
                    + "largest body, " + Math.max(maxBodyBytes, maxBatchBodyBytes) + " bytes");
        }
        positive(idleTimeout, "the idle timeout");
        positive(headerTimeout, "the header timeout");
        positive(evaluationTimeout, "the evaluation timeout");
        Objects.requireNonNull(decisionLogFsync, "decisionLogFsync");
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is blank");
        }
        if (watch != null && rulesDirectory == null) {
            throw new IllegalArgumentException("only a rule-set directory (--rules) can be watched");
        }
        corsOrigins = List.copyOf(corsOrigins);
        corsOrigins.forEach(CorsOrigins::check);
        allowedHosts = List.copyOf(allowedHosts);
        allowedHosts.forEach(AllowedHosts::check);
        publicBaseUrl = publicBaseUrl == null ? null : baseUrl(publicBaseUrl);
    }

    /** A base URL as the AuthZEN metadata needs it: absolute, http or https, no user, query or fragment, no final slash. */
    private static String baseUrl(String value) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the public base URL is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the public base URL must be an absolute https (or http) URL with a host and no user,"
                    + " query or fragment, e.g. https://policy.example.gov.uk: " + value);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative() || duration.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least a millisecond: " + duration);
        }
    }

    /**
     * Starts a configuration with the defaults: 127.0.0.1:8080, the built-in rule set, no token, no CORS.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration without the token, which is a secret.
     *
     * @return the values, the token as {@code ***}
     */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", rulesDirectory=" + rulesDirectory + ", watch=" + watch
                + ", ignoreFileDigests=" + ignoreFileDigests + ", token=" + (token == null ? "none" : "***") + ", corsOrigins="
                + corsOrigins + ", allowedHosts=" + allowedHosts + ", maxBodyBytes=" + maxBodyBytes + ", maxBatchBodyBytes=" + maxBatchBodyBytes + ", maxBatchItems="
                + maxBatchItems + ", idleTimeout=" + idleTimeout + ", headerTimeout=" + headerTimeout + ", minBodyBytesPerSecond="
                + minBodyBytesPerSecond + ", minResponseBytesPerSecond=" + minResponseBytesPerSecond + ", maxConnections=" + maxConnections + ", maxBufferedBodyBytes=" + maxBufferedBodyBytes + ", evaluationTimeout=" + evaluationTimeout + ", decisionLog=" + decisionLog + ", decisionLogFsync=" + decisionLogFsync + ", publicBaseUrl=" + publicBaseUrl + ", authzenInterop=" + authzenInterop + "]";
    }

    /** Builds a {@link ServerConfig}. Not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path rulesDirectory;
        private Duration watch;
        private boolean ignoreFileDigests;
        private String token;
        private final List<String> corsOrigins = new ArrayList<>();
        private final List<String> allowedHosts = new ArrayList<>();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long maxBatchBodyBytes = DEFAULT_MAX_BATCH_BODY_BYTES;
        private int maxBatchItems = DEFAULT_MAX_BATCH_ITEMS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private long minBodyBytesPerSecond = DEFAULT_MIN_BODY_BYTES_PER_SECOND;
        private long minResponseBytesPerSecond = DEFAULT_MIN_RESPONSE_BYTES_PER_SECOND;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private long maxBufferedBodyBytes = DEFAULT_MAX_BUFFERED_BODY_BYTES;
        private Duration evaluationTimeout = DEFAULT_EVALUATION_TIMEOUT;
        private Path decisionLog;
        private uk.gov.channelpolicy.log.DecisionLog.Fsync decisionLogFsync = uk.gov.channelpolicy.log.DecisionLog.Fsync.INTERVAL;
        private String publicBaseUrl;
        private boolean authzenInterop;

        private Builder() {
        }

        /**
         * The address to listen on.
         *
         * @param value e.g. {@code 127.0.0.1}, or {@code 0.0.0.0} for every interface
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * The port to listen on.
         *
         * @param value the port, 0 for any free one
         * @return this builder
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * Serves the rule set in a directory, compiled at start-up, instead of the built-in one.
         *
         * @param value the rule-set directory
         * @return this builder
         */
        public Builder rulesDirectory(Path value) {
            this.rulesDirectory = value;
            return this;
        }

        /**
         * Reloads the rule-set directory when its files change.
         *
         * @param debounce how long the files must be quiet first, or {@code null} not to watch
         * @return this builder
         */
        public Builder watch(Duration debounce) {
            this.watch = debounce;
            return this;
        }

        /**
         * Loads a sealed rule set even if its files no longer match its manifest's digests. Never in production.
         *
         * @param value whether to ignore the digests
         * @return this builder
         */
        public Builder ignoreFileDigests(boolean value) {
            this.ignoreFileDigests = value;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <token>} on {@code /v1/*}, {@code /access/v1/*} and {@code /metrics}: every
         * route but the pages, {@code /problems}, {@code /openapi.yaml}, {@code /health} and
         * {@code /.well-known/authzen-configuration}.
         *
         * @param value the token, or {@code null} for no authentication
         * @return this builder
         */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /**
         * Lets a browser page from this origin call the API.
         *
         * @param origin e.g. {@code https://tools.example.gov.uk}
         * @return this builder
         */
        public Builder corsOrigin(String origin) {
            this.corsOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /**
         * Lets requests name this host in their {@code Host} header, besides {@code localhost}, {@code 127.0.0.1},
         * {@code [::1]} and the address the server listens on. Needed whenever clients reach the server by another name
         * (a DNS name, a proxy's name): any other Host is answered 421.
         *
         * @param value a name or address ({@code policy.example.gov.uk}, {@code 10.0.0.5}, {@code [2001:db8::1]}), admitted
         *     with the server's port or none; or {@code name:port}, admitted with exactly that port
         * @return this builder
         */
        public Builder allowedHost(String value) {
            this.allowedHosts.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The largest single request body.
         *
         * @param value bytes
         * @return this builder
         */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * The largest batch body.
         *
         * @param value bytes
         * @return this builder
         */
        public Builder maxBatchBodyBytes(long value) {
            this.maxBatchBodyBytes = value;
            return this;
        }

        /**
         * The most requests one batch may hold.
         *
         * @param value the count
         * @return this builder
         */
        public Builder maxBatchItems(int value) {
            this.maxBatchItems = value;
            return this;
        }

        /**
         * How long a connection may send nothing before it is closed; a body that stops this long is answered 408.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /**
         * How long a request line and its headers may take from their first byte; past it the connection is closed.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder headerTimeout(Duration value) {
            this.headerTimeout = value;
            return this;
        }

        /**
         * The rate a request body must keep up, once it has had {@value ServerConfig#BODY_GRACE_MILLIS} ms (a body of known
         * length needs no more than its length); a slower body is answered 408 and its connection closed.
         *
         * @param value bytes a second
         * @return this builder
         */
        public Builder minBodyBytesPerSecond(long value) {
            this.minBodyBytesPerSecond = value;
            return this;
        }

        /**
         * The rate a client must take its answer at, averaged from the answer's first byte, once it has had
         * {@value ServerConfig#BODY_GRACE_MILLIS} ms; a client that reads more slowly has its connection closed, which frees
         * the thread writing the answer.
         *
         * @param value bytes a second
         * @return this builder
         */
        public Builder minResponseBytesPerSecond(long value) {
            this.minResponseBytesPerSecond = value;
            return this;
        }

        /**
         * The most connections open at once; further ones wait to be accepted until one closes.
         *
         * @param value the count
         * @return this builder
         */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /**
         * The most bytes of request bodies the server holds at once, across every connection (bodies are read whole
         * before they are handled); a body that would pass it is answered 503.
         *
         * @param value bytes, at least the largest body a route accepts
         * @return this builder
         */
        public Builder maxBufferedBodyBytes(long value) {
            this.maxBufferedBodyBytes = value;
            return this;
        }

        /**
         * The longest one evaluation may take ({@code ChannelPolicy.Builder.evaluationTimeout}): past it the decision is
         * INDETERMINATE naming the rule that was running, answered 200 like any decision, and the request's thread is
         * free again. Evaluations then run on a pool as large as the server's request threads.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder evaluationTimeout(Duration value) {
            this.evaluationTimeout = value;
            return this;
        }

        /**
         * Records every decision the server makes (single, each batch item, each AuthZEN evaluation and batch item, and the
         * decision of an explanation; not searches) in a
         * decision log: one JSON line each, personal data masked, rotated. A decision that cannot be recorded is
         * INDETERMINATE. The server opens the log when it starts and closes it when it stops.
         *
         * @param file the log's file, or null for no log
         * @return this builder
         */
        public Builder decisionLog(Path file) {
            this.decisionLog = file;
            return this;
        }

        /**
         * When the decision log forces its records to the disk (default {@code INTERVAL}, once a second).
         *
         * @param policy the fsync policy
         * @return this builder
         */
        public Builder decisionLogFsync(uk.gov.channelpolicy.log.DecisionLog.Fsync policy) {
            this.decisionLogFsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The URL clients reach the service at, for the AuthZEN metadata ({@code GET /.well-known/authzen-configuration}):
         * its {@code policy_decision_point}, and the base of every endpoint it lists. Behind a TLS-terminating proxy this is
         * the proxy's {@code https} URL; the standard requires an https identifier.
         *
         * @param value e.g. {@code https://policy.example.gov.uk}, or {@code null} for the service's own address
         * @return this builder
         */
        public Builder publicBaseUrl(String value) {
            this.publicBaseUrl = value;
            return this;
        }

        /**
         * Interop mode: AuthZEN answers carry only their decisions, with no {@code context} (so no reasons, obligations or
         * errors), because the standard's interop runner compares batch answers exactly. For conformance runs only: a
         * client then cannot see the obligations a permit carries.
         *
         * @param value whether to leave {@code context} out
         * @return this builder
         */
        public Builder authzenInterop(boolean value) {
            this.authzenInterop = value;
            return this;
        }

        /**
         * Makes the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a value is out of range (see {@link ServerConfig#ServerConfig})
         */
        public ServerConfig build() {
            return new ServerConfig(host, port, rulesDirectory, watch, ignoreFileDigests, token, corsOrigins, allowedHosts, maxBodyBytes,
                    maxBatchBodyBytes, maxBatchItems, idleTimeout, headerTimeout, minBodyBytesPerSecond, minResponseBytesPerSecond, maxConnections,
                    maxBufferedBodyBytes, evaluationTimeout, decisionLog, decisionLogFsync, publicBaseUrl, authzenInterop);
        }
    }
}
