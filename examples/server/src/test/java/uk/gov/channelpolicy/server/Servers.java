package uk.gov.channelpolicy.server;

import java.nio.file.Path;

/** Servers for the tests, all on a free loopback port. */
final class Servers {
    /** The DH rule set's source folder, from this module's folder (where Maven runs the tests). */
    static final Path DH_DIRECTORY = Path.of("../../rules-dh/src/main/resources/rulesets/dh");

    private static DecisionServer shared;

    private Servers() {
    }

    /** One server with the defaults and the built-in rule set, shared by the tests that only read from it; stopped with the JVM. */
    static synchronized DecisionServer shared() {
        if (shared == null) {
            shared = DecisionServer.start(ServerConfig.builder().port(0).build());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The token of {@link #guarded()}. */
    static final String TOKEN = "s3cret-token-for-tests";
    /** The one origin {@link #guarded()} allows CORS from. */
    static final String ORIGIN = "https://tools.example.gov.uk";

    private static DecisionServer guarded;

    /** One server with a token and CORS for {@link #ORIGIN}, shared by the tests that only read from it; stopped with the JVM. */
    static synchronized DecisionServer guarded() {
        if (guarded == null) {
            guarded = DecisionServer.start(ServerConfig.builder().port(0).token(TOKEN).corsOrigin(ORIGIN).build());
            Runtime.getRuntime().addShutdownHook(new Thread(guarded::close));
        }
        return guarded;
    }

    /** A configuration on a free port, to adjust. */
    static ServerConfig.Builder config() {
        return ServerConfig.builder().port(0);
    }

    /** A request the DH rule set denies: officials drafting party-political content for a minister's personal channel. */
    static final String DENIED = """
            {"actor":{"role":"communications-division","id":"comms-17"},"action":"draft",\
            "channel":{"handle":"@minister_jane","owner":{"role":"minister","id":"jane","capacity":"personal"}},\
            "content":["party-political"]}""";

    /** A request the DH rule set permits: the Communications Division replying on the corporate channel. */
    static final String PERMITTED = """
            {"actor":{"role":"communications-division","id":"comms-17"},"action":"reply","channel":{"handle":"@dhgovuk"},\
            "content":["departmental"]}""";

    /** A request with four problems: an unknown field, a misspelt role, an unknown action and a misspelt content category (and no channel). */
    static final String INVALID = """
            {"actor":{"role":"minster"},"action":"tweet","content":["partypolitical"],"extra":1}""";
}
