package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth is decided once, before routing, whatever the path's spelling or the method: every route of
 * {@link DecisionServer#ROUTES}, spelt every way a client might, with every method, with and without the token,
 * gets exactly the status the route's own spelling would, or a 404, and never a protected answer without the token.
 */
class PathSpellingsTest {
    private static final String TOKEN = "spelling-test-token";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "TRACE");
    private static DecisionServer server;

    @BeforeAll
    static void start() {
        server = DecisionServer.start(Servers.config().token(TOKEN).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every other way to write the path: each is not the route, so it is a 404, with or without the token. */
    static Set<String> otherSpellings(String path) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(path + "/");
        spellings.add("/" + path);
        spellings.add(path + "/.");
        spellings.add(path.equals("/") ? "/./" : "/." + path);
        spellings.add(path + ";x");
        spellings.add(path + "%2F");
        if (!path.equals("/")) {
            spellings.add(path.toUpperCase(Locale.ROOT));
            spellings.add(path.substring(0, 1) + path.substring(1, 2).toUpperCase(Locale.ROOT) + path.substring(2));
            int last = path.lastIndexOf('/');
            spellings.add(path.substring(0, last + 1) + "%" + Integer.toHexString(path.charAt(last + 1)) + path.substring(last + 2));
            spellings.add(path.substring(0, last + 1) + "%" + Integer.toHexString(path.charAt(last + 1)).toUpperCase(Locale.ROOT)
                    + path.substring(last + 2));
            spellings.add(path.substring(0, last) + "/x/.." + path.substring(last));
            spellings.add(path.substring(0, last) + "//" + path.substring(last + 1));
            spellings.add(path + "/..");
        } else {
            spellings.add("/%2e");
            spellings.add("/%2E/");
        }
        spellings.remove(path);
        return spellings;
    }

    @Test
    void everyRouteSpeltEveryWayWithEveryMethod_getsExactlyItsStatus() {
        SoftAssertions softly = new SoftAssertions();
        int port = server.port();
        int tried = 0;
        for (String path : routePaths()) {
            List<String> spellings = new ArrayList<>();
            spellings.add(path);
            spellings.addAll(otherSpellings(path));
            for (String spelling : spellings) {
                for (String method : METHODS) {
                    for (boolean withToken : List.of(false, true)) {
                        RawHttp.Response response = RawHttp.exchange(port, request(method, spelling, path, withToken, port));
                        int expected = expected(path, spelling, method, withToken);
                        softly.assertThat(response.status()).as("%s %s %s", method, spelling, withToken ? "with the token" : "without")
                                .isEqualTo(expected);
                        if (expected >= 400) {
                            // Errors on the AuthZEN API's paths, as sent, are plain text; everywhere else problem documents.
                            softly.assertThat(response.header("Content-Type")).as("%s %s", method, spelling)
                                    .startsWith(AuthzenRoutes.isAuthzenPath(spelling) ? "text/plain" : HttpProblem.MEDIA_TYPE);
                            softly.assertThat(response.body()).as("%s %s", method, spelling).doesNotContain("channel_policy_", "\"outcome\"",
                                    "\"rules\"", "\"terms\"");
                        }
                        tried++;
                    }
                }
            }
        }
        softly.assertAll();
        assertThat(tried).isGreaterThan(DecisionServer.ROUTES.size() * METHODS.size() * 2 * 10);
    }

    @Test
    void spellingsTried_includeTheOnesThatGotPastTheOldCheck() {
        assertThat(otherSpellings("/metrics")).contains("/metrics/", "//metrics", "/%6detrics", "/metrics/.", "/METRICS", "/metrics;x");
    }

    private static Set<String> routePaths() {
        Set<String> paths = new LinkedHashSet<>();
        DecisionServer.ROUTES.forEach(route -> paths.add(route.path()));
        return paths;
    }

    /** The one right answer: a 404 for any spelling but the route's; else the token; else the route's methods. */
    private static int expected(String path, String spelling, String method, boolean withToken) {
        if (!spelling.equals(path)) {
            return 404;
        }
        if (!withToken && !DecisionServer.OPEN_ROUTES.contains(path)) {
            return 401;
        }
        List<String> allowed = new ArrayList<>();
        DecisionServer.ROUTES.stream().filter(route -> route.path().equals(path)).forEach(route -> allowed.add(route.method()));
        if (allowed.contains("GET")) {
            allowed.add("HEAD"); // answered as GET is, without the body
        }
        if (!allowed.contains(method)) {
            return 405;
        }
        // Subject and resource search are routes that always say they are not offered.
        return path.equals(AuthzenRoutes.SEARCH_SUBJECT) || path.equals(AuthzenRoutes.SEARCH_RESOURCE) ? 404 : 200;
    }

    private static String request(String method, String spelling, String path, boolean withToken, int port) {
        String body = "";
        if (method.equals("POST") || method.equals("PUT")) {
            body = path.endsWith("/batch") ? "[" + Servers.DENIED + "]"
                    : AuthzenRoutes.isAuthzenPath(path) ? AuthzenProtocolTest.DENIED : Servers.DENIED;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return method + " " + spelling + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (withToken ? "Authorization: Bearer " + TOKEN + "\r\n" : "")
                + (bytes.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n" : "")
                + "Connection: close\r\n\r\n" + body;
    }
}
