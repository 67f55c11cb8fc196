package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send: malformed request lines,
 * oversized headers, any Host, any method, any spelling of a path. Always to 127.0.0.1.
 */
final class RawHttp {
    /** How long a read may wait before the test gives up: a safety net, never an assertion about time. */
    private static final int SAFETY_TIMEOUT_MILLIS = 60_000;

    /**
     * A response as it came off the wire.
     *
     * @param head the status line and the header lines exactly as sent, in order, each ending with CRLF, without the
     *     blank line that ends them
     */
    record Response(int status, Map<String, String> headers, String body, String head) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return Http.json(body);
        }

        /** Checks it is a problem document of this status and type, with every header other responses carry. */
        JsonNode assertProblem(int expectedStatus, String type) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as(headers.toString()).startsWith(HttpProblem.MEDIA_TYPE);
            assertSecurityHeaders();
            assertThat(header(DecisionServer.RULE_SET_HEADER)).isNotBlank();
            JsonNode problem = json();
            assertThat(problem.path("type").asText()).isEqualTo(HttpProblem.TYPE_BASE + type);
            assertThat(ProblemsPageTest.anchors()).as("a section of /problems for %s", type).contains(type);
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(body).doesNotContain("Exception", "jetty", "Jetty", "javalin", "<html");
            return problem;
        }

        void assertSecurityHeaders() {
            assertThat(header("Content-Security-Policy")).as(headers.toString()).contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(header("Server")).isNull();
        }
    }

    private RawHttp() {
    }

    /** Sends the text (ISO-8859-1, so any byte can be written) and reads the one response, the connection then closed. */
    static Response exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), SAFETY_TIMEOUT_MILLIS);
            socket.setSoTimeout(SAFETY_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything (a header too large): read what it said.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a chunked body to its last chunk, without waiting for the connection to close. */
    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!line(in).isEmpty()) {
                    // trailers, which no test needs
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response: its head, then its body: Content-Length bytes, its chunks, or up to the connection's end. */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before a whole response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        String[] lines = headText.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8), headText.substring(0, headText.length() - 2));
    }
}
