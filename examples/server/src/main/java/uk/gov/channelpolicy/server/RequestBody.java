package uk.gov.channelpolicy.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.gov.channelpolicy.Problem;

/**
 * Reads a request body as the API accepts it: one of the route's media types, UTF-8, and no longer than
 * a limit, which is checked before the body is read (from {@code Content-Length}) and while it is read
 * (a chunked body stops being read one byte past the limit).
 */
final class RequestBody {
    /** JSON. */
    static final String JSON = "application/json";
    /** JSON Lines: one JSON document a line. */
    static final String NDJSON = "application/x-ndjson";

    private RequestBody() {
    }

    /**
     * The body's media type, if it is one the route accepts.
     *
     * @param ctx the request
     * @param accepted the media types the route reads, lower case, without parameters
     * @return the media type sent, lower case, without parameters
     * @throws HttpProblem a 415 if there is no {@code Content-Type}, it is not accepted, or its charset is not UTF-8
     */
    static String mediaType(Context ctx, Set<String> accepted) {
        String header = ctx.header("Content-Type");
        String expected = String.join(" or ", accepted.stream().sorted().toList());
        if (header == null || header.isBlank()) {
            throw HttpProblem.unsupportedMediaType("The request has no Content-Type; send " + expected + ".");
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw HttpProblem.unsupportedMediaType("The body is " + printable(type) + "; send " + expected + ".");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw HttpProblem.unsupportedMediaType("The body's charset is " + printable(charset) + "; send UTF-8.");
                }
            }
        }
        return type;
    }

    /**
     * Reads the whole body as UTF-8 text, without a byte order mark.
     *
     * @param ctx the request
     * @param maxBytes the most bytes the body may have
     * @return the text
     * @throws HttpProblem a 413 if the body is longer than {@code maxBytes}, a 400 if it is not UTF-8 or cannot be read
     */
    static String text(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            // At most one byte past the limit, to tell an over-long body; a declared length (the usual case) sizes the
            // read, so a small body is not read through buffers made for the largest.
            long limit = declared >= 0 ? declared + 1 : maxBytes + 1;
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, Math.min(limit, maxBytes + 1)));
        } catch (IOException e) {
            throw HttpProblem.invalidRequest("The request body could not be read.", List.of(Problem.at("$", "the body could not be read")));
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.invalidRequest("The request body is not UTF-8.", List.of(Problem.at("$", "the body is not valid UTF-8")));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static HttpProblem tooLarge(long maxBytes) {
        return HttpProblem.payloadTooLarge("The body is larger than the " + maxBytes + " bytes this route accepts.");
    }

    /** A value from a header, safe to echo: printable ASCII, at most 100 characters. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "..." : cleaned;
    }
}
