package uk.gov.channelpolicy.server.load;

import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The yardstick for the decision service's throughput (issue 20, ruling 17): a Javalin hello-world route on the same
 * Javalin and Jetty as the service, with the same request thread pool (250 threads at most, 8 kept) and no server
 * version header. Everything else the service does is absent here: the Host check, the path gate, the bearer token,
 * security headers, metrics, the body's limits and reading, the decision and its 2 KB answer. So the ratio of the two
 * figures is what all of that costs over Jetty and Javalin themselves. Run by examples/server/load/measure.sh:
 *
 * <pre>
 * java -cp examples/server/target/test-classes:examples/server/target/channel-policy-server.jar \
 *     uk.gov.channelpolicy.server.load.HelloWorldServer 8090
 * </pre>
 */
public final class HelloWorldServer {
    /** Threads in the pool at most, as {@code DecisionServer}'s. */
    private static final int MAX_THREADS = 250;
    /** Threads kept, as {@code DecisionServer}'s. */
    private static final int MIN_THREADS = 8;

    private HelloWorldServer() {
    }

    /**
     * Serves {@code GET /hello} on loopback until killed.
     *
     * @param args {@code [PORT]}, 8090 by default
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.routes.get("/hello", ctx -> ctx.result("Hello World"));
        }).start("127.0.0.1", port);
    }
}
