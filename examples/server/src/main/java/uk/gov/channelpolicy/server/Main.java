package uk.gov.channelpolicy.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.log.DecisionLog;

/**
 * {@code java -jar channel-policy-server.jar}: starts the decision service and prints where it listens.
 * Runs until stopped (Ctrl-C or SIGTERM), then closes cleanly.
 */
@Command(name = "channel-policy-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Serve channel-policy decisions over HTTP: POST /v1/decisions, /v1/decisions/batch, /v1/explain; "
                + "GET /v1/rules, /v1/vocabulary, /health, /metrics, /openapi.yaml, /problems, and the playground page at /; "
                + "and as an OpenID AuthZEN 1.0 PDP: POST /access/v1/evaluation, /access/v1/evaluations, /access/v1/search/action, "
                + "GET /.well-known/authzen-configuration.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped", "2:a usage error, or the token file cannot be read", "3:the rule set could not be loaded",
            "4:the server could not listen"})
public final class Main implements Callable<Integer> {
    /** The environment variable that can hold the bearer token instead of {@code --token-file}. */
    public static final String TOKEN_VARIABLE = "CHANNEL_POLICY_TOKEN";

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
    private int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--rules", paramLabel = "DIR", description = "Serve the rule set in this directory, compiled at start-up, "
            + "instead of the built-in rule set \"dh\".")
    private Path rules;

    @Option(names = "--watch", description = "With --rules: reload the rule set when its files change. A broken edit keeps the last good version serving.")
    private boolean watch;

    @Option(names = "--ignore-file-digests", description = "Load a sealed rule set even if its files no longer match the digests in its "
            + "manifest: for editing rules before resealing them. Never in production.")
    private boolean ignoreFileDigests;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require Authorization: Bearer <the token in FILE> on /v1/*, /access/v1/* and /metrics (every route but the"
            + " pages, /problems, /openapi.yaml, /health and /.well-known/authzen-configuration). "
            + "Without it, the token in the environment variable " + TOKEN_VARIABLE + ", if set.")
    private Path tokenFile;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Let browser pages from this origin call the API (repeatable). "
            + "Without it, no CORS headers are sent.")
    private List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--allowed-host", paramLabel = "NAME[:PORT]", description = "Answer requests whose Host is this name (repeatable), "
            + "besides localhost, 127.0.0.1, [::1] and the --host address; any other Host gets a 421. Without a port, the name is "
            + "admitted with the server's port or none.")
    private List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Largest body of a single request (default: ${DEFAULT-VALUE}).")
    private long maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--max-batch-bytes", paramLabel = "BYTES", description = "Largest body of a batch (default: ${DEFAULT-VALUE}).")
    private long maxBatchBytes = ServerConfig.DEFAULT_MAX_BATCH_BODY_BYTES;

    @Option(names = "--max-batch-items", paramLabel = "N", description = "Most requests in one batch (default: ${DEFAULT-VALUE}).")
    private int maxBatchItems = ServerConfig.DEFAULT_MAX_BATCH_ITEMS;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "Close a connection "
            + "that sends nothing for this long; a body that stops this long is a 408 (default: 30s; e.g. 500ms, 30s, 2m).")
    private Duration idleTimeout = ServerConfig.DEFAULT_IDLE_TIMEOUT;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "Close a connection "
            + "whose request line and headers take longer than this from their first byte (default: 10s).")
    private Duration headerTimeout = ServerConfig.DEFAULT_HEADER_TIMEOUT;

    @Option(names = "--min-body-rate", paramLabel = "BYTES_PER_SECOND", description = "Answer 408 to a body that comes more slowly "
            + "than this once it has had 2 s (default: ${DEFAULT-VALUE}).")
    private long minBodyRate = ServerConfig.DEFAULT_MIN_BODY_BYTES_PER_SECOND;

    @Option(names = "--min-response-rate", paramLabel = "BYTES_PER_SECOND", description = "Close the connection of a client that "
            + "takes its answer more slowly than this once it has had 2 s (default: ${DEFAULT-VALUE}).")
    private long minResponseRate = ServerConfig.DEFAULT_MIN_RESPONSE_BYTES_PER_SECOND;

    @Option(names = "--max-connections", paramLabel = "N", description = "Most connections open at once; more wait to be accepted "
            + "(default: ${DEFAULT-VALUE}).")
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--evaluation-timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "Give up on an "
            + "evaluation after this long: the decision is INDETERMINATE naming the rule running, answered 200 (default: 1s).")
    private Duration evaluationTimeout = ServerConfig.DEFAULT_EVALUATION_TIMEOUT;

    @Option(names = "--decision-log", paramLabel = "FILE", description = "Record every decision in this file: one JSON line each,"
            + " personal data masked, rotated at 10 MiB with 5 files kept. A decision that cannot be recorded is INDETERMINATE.")
    private Path decisionLog;

    @Option(names = "--decision-log-fsync", paramLabel = "POLICY", converter = FsyncConverter.class, description = "When the decision"
            + " log's records are forced to the disk: per-record, interval (once a second; the default) or on-close.")
    private uk.gov.channelpolicy.log.DecisionLog.Fsync decisionLogFsync = uk.gov.channelpolicy.log.DecisionLog.Fsync.INTERVAL;

    @Option(names = "--max-buffered-body-bytes", paramLabel = "BYTES", description = "Most bytes of request bodies held at once, "
            + "across connections; past it a body is a 503 (default: ${DEFAULT-VALUE}).")
    private long maxBufferedBodyBytes = ServerConfig.DEFAULT_MAX_BUFFERED_BODY_BYTES;

    @Option(names = "--public-base-url", paramLabel = "URL", description = "The URL clients reach the service at, for the AuthZEN"
            + " metadata at /.well-known/authzen-configuration (its policy_decision_point and endpoints); https in production, e.g."
            + " behind a TLS proxy. Default: the service's own address.")
    private String publicBaseUrl;

    @Option(names = "--authzen-interop", description = "AuthZEN interop mode: answers on /access/v1/* carry decisions only, no"
            + " context (no reasons, obligations or errors), as the standard's interop runner compares them. For conformance runs only.")
    private boolean authzenInterop;

    private final CountDownLatch stopped;

    /** A command that, once started, serves until the process is stopped. */
    Main() {
        this.stopped = new CountDownLatch(1);
    }

    /**
     * Runs the server until the process is stopped.
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        int status = new CommandLine(new Main()).execute(args);
        System.exit(status);
    }

    /**
     * The one line the server prints on stdout once it listens (docs/server.md shows it).
     *
     * @param server the running server
     * @return which rule set it serves, and where
     */
    static String servingLine(DecisionServer server) {
        return "channel-policy-server: serving " + DecisionServer.headerValue(server.policy().ruleSet().identity()) + " at " + server.url();
    }

    /**
     * Starts the server and waits until the process is told to stop.
     *
     * @return the exit status
     * @throws InterruptedException if interrupted while serving
     */
    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        ServerConfig config;
        try {
            config = config(System.getenv(TOKEN_VARIABLE));
        } catch (IOException e) {
            err.println("channel-policy-server: cannot read the token file " + tokenFile + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("channel-policy-server: " + e.getMessage());
            return 2;
        }
        DecisionServer server;
        try {
            server = DecisionServer.start(config);
        } catch (java.io.UncheckedIOException e) {
            err.println("channel-policy-server: cannot open the decision log " + decisionLog + ": " + e.getCause().getMessage());
            return 2;
        } catch (RuleSetException e) {
            err.println("channel-policy-server: the rule set could not be loaded (" + e.problems().size() + " problems):");
            e.problems().forEach(problem -> err.println("  " + problem.describe()));
            return 3;
        } catch (RuntimeException e) {
            err.println("channel-policy-server: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            return 4;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "channel-policy-server-stop"));
        System.out.println(servingLine(server));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The configuration the options describe; the token from {@code --token-file}, else from the environment. */
    ServerConfig config(String tokenFromEnvironment) throws IOException {
        String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip()
                : tokenFromEnvironment == null || tokenFromEnvironment.isBlank() ? null : tokenFromEnvironment.strip();
        if (tokenFile != null && token.isEmpty()) {
            throw new IllegalArgumentException("the token file " + tokenFile + " is empty");
        }
        ServerConfig.Builder builder = ServerConfig.builder()
                .host(host)
                .port(port)
                .rulesDirectory(rules)
                .watch(watch ? ServerConfig.DEFAULT_WATCH_DEBOUNCE : null)
                .ignoreFileDigests(ignoreFileDigests)
                .token(token)
                .maxBodyBytes(maxBodyBytes)
                .maxBatchBodyBytes(maxBatchBytes)
                .maxBatchItems(maxBatchItems)
                .idleTimeout(idleTimeout)
                .headerTimeout(headerTimeout)
                .minBodyBytesPerSecond(minBodyRate)
                .minResponseBytesPerSecond(minResponseRate)
                .maxConnections(maxConnections)
                .maxBufferedBodyBytes(maxBufferedBodyBytes)
                .evaluationTimeout(evaluationTimeout)
                .decisionLog(decisionLog)
                .decisionLogFsync(decisionLogFsync)
                .publicBaseUrl(publicBaseUrl)
                .authzenInterop(authzenInterop);
        corsOrigins.forEach(builder::corsOrigin);
        allowedHosts.forEach(builder::allowedHost);
        return builder.build();
    }

    /** The library's own names for the fsync policies, so the command line, the server and the docs agree. */
    static final class FsyncConverter implements CommandLine.ITypeConverter<uk.gov.channelpolicy.log.DecisionLog.Fsync> {
        @Override
        public uk.gov.channelpolicy.log.DecisionLog.Fsync convert(String value) {
            try {
                return uk.gov.channelpolicy.log.DecisionLog.Fsync.forId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration as an operator writes it: {@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("pt")) {
                    return Duration.parse(text);
                }
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                if (text.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                if (text.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // falls through to the usage error
            }
            throw new CommandLine.TypeConversionException("not a duration: \"" + value + "\" (write e.g. 500ms, 30s or 2m)");
        }
    }

    /** {@code --version}: the server's and the library's versions from their jars. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"channel-policy-server " + (version == null ? "(development build)" : version)};
        }
    }
}
