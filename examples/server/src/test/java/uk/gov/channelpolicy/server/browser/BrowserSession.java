package uk.gov.channelpolicy.server.browser;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import uk.gov.channelpolicy.HeadlessChromium;
import uk.gov.channelpolicy.server.DecisionServer;
import uk.gov.channelpolicy.server.ServerConfig;

/**
 * A real decision server and a headless Chromium for one test class: both started before its first test and
 * closed after its last, the browser first.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserSession SESSION = new BrowserSession(ServerConfig.builder().port(0).build());
 * </pre>
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
    private final ServerConfig config;
    private DecisionServer server;
    private HeadlessChromium browser;

    BrowserSession(ServerConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = DecisionServer.start(config);
        browser = HeadlessChromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    DecisionServer server() {
        return server;
    }

    HeadlessChromium browser() {
        return browser;
    }

    /** The server's address without a trailing slash, to append paths to. */
    String baseUrl() {
        return PlaygroundPage.baseUrl(server);
    }
}
