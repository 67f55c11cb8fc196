package uk.gov.channelpolicy.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DecisionServer} runs: where it listens, which rule set it serves, who may call it and how
 * much it reads. Immutable; made by {@link #builder()}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param rulesDirectory a rule-set directory to compile and serve, or {@code null} for the built-in {@code dh}
 * @param watch how long a watched rule-set directory must be quiet before it is reloaded, or {@code null} not to watch
 * @param ignoreFileDigests whether a sealed rule set whose files changed still loads
 * @param token the bearer token {@code /v1/*} and {@code /metrics} require (every route but the pages, {@code /problems},
 *     {@code /openapi.yaml} and {@code /health}), or {@code null} for none
 * @param corsOrigins the origins a browser may call the API from; empty for no CORS at all
 * @param allowedHosts the names a request's {@code Host} may give besides the loopback ones and the listening address:
 *     each {@code name} (with the server's port or none) or {@code name:port} (exactly)
 * @param maxBodyBytes the largest body of a single request, in bytes
 * @param maxBatchBodyBytes the largest body of a batch, in bytes
 * @param maxBatchItems the most requests one batch may hold
 */
public record ServerConfig(String host, int port, Path rulesDirectory, Duration watch, boolean ignoreFileDigests, String token,
        List<String> corsOrigins, List<String> allowedHosts, long maxBodyBytes, long maxBatchBodyBytes, int maxBatchItems) {

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
     * @throws IllegalArgumentException if the port is out of range, a limit is not positive, the token is blank,
     *     an origin is blank, an allowed host is not a host name or address with an optional port, or watching is
     *     asked for without a directory
     * @throws NullPointerException if the host, the origins or the allowed hosts are null
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (maxBodyBytes < 1 || maxBatchBodyBytes < 1 || maxBatchItems < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is blank");
        }
        if (watch != null && rulesDirectory == null) {
            throw new IllegalArgumentException("only a rule-set directory (--rules) can be watched");
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (origin.isBlank()) {
                throw new IllegalArgumentException("a CORS origin is blank");
            }
        }
        allowedHosts = List.copyOf(allowedHosts);
        allowedHosts.forEach(AllowedHosts::check);
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
                + maxBatchItems + "]";
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
         * Requires {@code Authorization: Bearer <token>} on {@code /v1/*} and {@code /metrics}: every route but the pages,
         * {@code /problems}, {@code /openapi.yaml} and {@code /health}.
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
         * Makes the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a value is out of range (see {@link ServerConfig#ServerConfig})
         */
        public ServerConfig build() {
            return new ServerConfig(host, port, rulesDirectory, watch, ignoreFileDigests, token, corsOrigins, allowedHosts, maxBodyBytes,
                    maxBatchBodyBytes, maxBatchItems);
        }
    }
}
