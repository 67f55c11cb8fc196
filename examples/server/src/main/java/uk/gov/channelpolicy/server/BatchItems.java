package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * Splits a batch into the text of each request, so that each is read on its own, as strictly as a
 * single request, and one that is invalid (a duplicate key, an unknown id) cannot sink the others.
 */
final class BatchItems {
    /** Deep enough for any request; the library's own limit (16) applies again to each item. */
    private static final int MAX_NESTING = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private BatchItems() {
    }

    /**
     * The items of a JSON array, each as the text it was written as.
     *
     * @param body the body, a JSON array
     * @param maxItems the most items allowed
     * @return the items' texts, in order
     * @throws HttpProblem a 400 if the body is not a well-formed JSON array, a 413 if it holds more than {@code maxItems}
     */
    static List<String> ofJsonArray(String body, int maxItems) {
        List<String> items = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw HttpProblem.invalidRequest("A batch sent as application/json must be a JSON array of requests.",
                        List.of(Problem.at("$", first == null ? "is empty: expected an array of requests" : "expected an array of requests")));
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw HttpProblem.invalidRequest("The batch is not well-formed JSON.",
                            List.of(Problem.at("$", "malformed JSON: the array is not closed")));
                }
                if (items.size() == maxItems) {
                    throw tooMany(maxItems);
                }
                int start = (int) parser.currentTokenLocation().getCharOffset();
                if (token.isScalarValue()) {
                    parser.finishToken(); // a string is read lazily: until then the parser stands just past its quote
                } else {
                    parser.skipChildren();
                }
                int end = (int) parser.currentLocation().getCharOffset();
                items.add(body.substring(start, end));
            }
            if (parser.nextToken() != null) {
                throw HttpProblem.invalidRequest("The batch is not well-formed JSON.",
                        List.of(Problem.at("$", "malformed JSON: more content after the array")));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw HttpProblem.invalidRequest("The batch is not well-formed JSON.", List.of(new Problem("$",
                    "malformed JSON: " + PolicyJson.parserMessage(e.getOriginalMessage()), List.of(), null,
                    where == null ? 0 : Math.max(0, where.getLineNr()), where == null ? 0 : Math.max(0, where.getColumnNr()))));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return items;
    }

    /**
     * The lines of a JSON Lines body, one request each. A final line break ends the last line; it does
     * not start an empty one. A blank line is kept, so that answers and lines stay aligned, and is
     * reported as invalid.
     *
     * @param body the body
     * @param maxItems the most lines allowed
     * @return the lines, without their line breaks, in order
     * @throws HttpProblem a 413 if the body holds more than {@code maxItems} lines
     */
    static List<String> ofJsonLines(String body, int maxItems) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            int next = end < 0 ? body.length() : end + 1;
            end = end < 0 ? body.length() : end;
            if (end > start && body.charAt(end - 1) == '\r') {
                end--;
            }
            if (lines.size() == maxItems) {
                throw tooMany(maxItems);
            }
            lines.add(body.substring(start, end));
            start = next;
        }
        return lines;
    }

    private static HttpProblem tooMany(int maxItems) {
        return HttpProblem.payloadTooLarge("The batch holds more than the " + maxItems + " requests a batch may have.");
    }
}
