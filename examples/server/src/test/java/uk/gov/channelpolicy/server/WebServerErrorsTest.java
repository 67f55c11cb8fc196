package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The errors Jetty and Javalin raise themselves, provoked over a raw socket, are problem documents with the
 * headers every response carries, never an HTML error page.
 */
class WebServerErrorsTest {
    private final int port = Servers.shared().port();
    private final String host = "Host: 127.0.0.1:" + port + "\r\n";

    @Test
    void malformedRequestLine_is400() {
        RawHttp.Response response = RawHttp.exchange(port, "GARBAGE\r\n\r\n");

        assertThat(response.assertProblem(400, "bad-request").path("instance").asText()).isEmpty();
    }

    @Test
    void uriJettyWillNotDecode_is400() {
        RawHttp.exchange(port, "GET /%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").assertProblem(400, "bad-request");
    }

    @Test
    void http11WithoutHost_is400() {
        RawHttp.exchange(port, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n").assertProblem(400, "bad-request");
    }

    @Test
    void headersTooLarge_is431() {
        RawHttp.exchange(port, "GET /health HTTP/1.1\r\n" + host + "X-Padding: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n")
                .assertProblem(431, "request-header-fields-too-large");
    }

    @Test
    void uriTooLong_is414() {
        RawHttp.exchange(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                .assertProblem(414, "uri-too-long");
    }

    @Test
    void httpVersionItDoesNotSpeak_is505_withTheGenericType() {
        RawHttp.Response response = RawHttp.exchange(port, "GET /health HTTP/3.0\r\n" + host + "Connection: close\r\n\r\n");

        assertThat(response.assertProblem(505, "http-error").path("title").asText()).isEqualTo("HTTP Version Not Supported");
    }

    @Test
    void unknownPath_is404_andWrongMethod_is405_overTheWireToo() {
        RawHttp.exchange(port, "GET /no-such-page HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").assertProblem(404, "not-found");
        RawHttp.Response wrongMethod = RawHttp.exchange(port, "DELETE /health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        wrongMethod.assertProblem(405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
        RawHttp.exchange(port, "BREW /health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").assertProblem(405, "method-not-allowed");
    }

    @Test
    void declaredBodyOverTheLimit_is413_beforeItIsSent() {
        RawHttp.exchange(port, "POST /v1/decisions HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 100000000\r\n"
                + "Connection: close\r\n\r\n").assertProblem(413, "payload-too-large");
    }

    @Test
    void headRequestForAnError_hasTheHeadersAndNoBody() {
        RawHttp.Response response = RawHttp.exchange(port, "HEAD /no-such-page HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith(HttpProblem.MEDIA_TYPE);
        response.assertSecurityHeaders();
        assertThat(response.body()).isEmpty();
    }
}
