package uk.gov.channelpolicy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * Reads one line of a JSON Lines archive into an {@link ActivityRecord}, or into an
 * {@link InvalidRecord} listing every problem. A line is one JSON object:
 *
 * <pre>{@code
 * {"id": "r000000042", "time": "2024-03-05T10:15:00Z", "department": "dh",
 *  "request": {"actor": {"role": "official", "id": "amy"}, "action": "post",
 *              "channel": {"handle": "@AmyatDH", "owner": {"role": "official", "id": "amy", "capacity": "official"}},
 *              "content": ["departmental"]}}
 * }</pre>
 *
 * <p>{@code request} is a policy request exactly as the library's contract gives it, and is read by
 * the library's own strict reader ({@link PolicyJson#readRequest}): there is no second, lenient way in.
 * The record around it is read as strictly: unknown fields, a missing or blank {@code id} or
 * {@code department}, a {@code time} that is not ISO-8601 with a zone or is impossible ({@link TimeRules}),
 * duplicate keys, malformed JSON and bytes that are not UTF-8 are all problems. {@code text} and
 * {@code link}, the post's text and address, are optional strings passed through to the report. A line
 * cut short keeps its id when the id comes before the cut. Paths are JSON paths into the line ({@code $.request.actor.role}).
 *
 * <p>Thread-safe.
 */
public final class RecordParser {
    /** The fields of an activity record, in the order they are documented. */
    public static final List<String> FIELDS = List.of("id", "time", "department", "request", "text", "link");

    private static final String REQUEST_PATH = "$.request";
    private static final JsonFactory SALVAGE = new JsonFactory();

    private final PolicyJson json;
    private final TimeRules times;
    private final ObjectMapper mapper = StrictJson.mapper();
    /** Reads one value of the record in place: the record's own end is checked after its last field. */
    private final ObjectReader values = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Creates a parser that reads requests in a rule set's vocabulary, and ISO-8601 times up to now.
     *
     * @param json the policy's codec, {@code policy.json()}
     */
    public RecordParser(PolicyJson json) {
        this(json, TimeRules.iso(Instant.now()));
    }

    /**
     * Creates a parser that reads requests in a rule set's vocabulary.
     *
     * @param json the policy's codec, {@code policy.json()}
     * @param times how times are read and which are possible
     */
    public RecordParser(PolicyJson json, TimeRules times) {
        this.json = Objects.requireNonNull(json, "json");
        this.times = Objects.requireNonNull(times, "times");
    }

    /**
     * Reads one line.
     *
     * @param line the line and where it is
     * @return the record, or the problems that stop it being decided
     */
    public ParsedRecord parse(SourceLine line) {
        String text = line.offset() == 0 ? withoutByteOrderMark(line.text()) : line.text();
        if (line.badByte() >= 0) {
            return new InvalidRecord(line, salvageId(text), null, List.of(Problem.at("$", "is not valid UTF-8: byte " + line.badByte()
                    + " of the line is not part of a UTF-8 character; the line is quarantined, not decided with the bytes replaced")));
        }
        if (text.isBlank()) {
            return new InvalidRecord(line, null, null, List.of(Problem.at("$", "is empty: expected an activity record")));
        }
        ObjectNode root;
        String requestText = null;
        try {
            Envelope envelope = envelope(text);
            if (envelope == null) {
                return new InvalidRecord(line, null, null, List.of(new Problem("$",
                        "must be an object: an activity record with " + String.join(", ", FIELDS), FIELDS, null, 0, 0)));
            }
            root = envelope.fields();
            requestText = envelope.request();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            return new InvalidRecord(line, salvageId(text), null, List.of(new Problem("$", "malformed JSON: " + PolicyJson.parserMessage(e.getOriginalMessage()), List.of(), null,
                    where == null ? 0 : Math.max(0, where.getLineNr()), where == null ? 0 : Math.max(0, where.getColumnNr()))));
        }
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new Problem("$." + name, "is not a field of an activity record", FIELDS,
                        Problem.nearest(name, FIELDS).orElse(null), 0, 0));
            }
        }
        String id = requiredText(root, "id", problems);
        String department = requiredText(root, "department", problems);
        Instant time = time(root, problems);
        PolicyRequest request = requestText != null ? request(requestText, problems) : request(root.get("request"), problems);
        String postText = optionalText(root, "text", problems);
        String link = optionalText(root, "link", problems);
        if (!problems.isEmpty()) {
            return new InvalidRecord(line, id, department, problems);
        }
        return new ActivityRecord(line, id, time, department, request, postText, link, CategorySource.STATED);
    }

    private static String requiredText(JsonNode root, String field, List<Problem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(Problem.at("$." + field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Problem.at("$." + field, "must be a string, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        if (node.asText().isBlank()) {
            problems.add(Problem.at("$." + field, "is blank"));
            return null;
        }
        return node.asText();
    }

    private Instant time(JsonNode root, List<Problem> problems) {
        String text = requiredText(root, "time", problems);
        if (text == null) {
            return null;
        }
        try {
            return times.read(text);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at("$.time", e.getMessage()));
            return null;
        }
    }

    private static String optionalText(JsonNode root, String field, List<Problem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Problem.at("$." + field, "must be a string, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        return node.asText();
    }

    /**
     * The record's id from a line that cannot be read whole (cut short, or with bytes that are not UTF-8),
     * when its top-level {@code "id"} comes before the damage: read token by token up to the first error.
     */
    static String salvageId(String text) {
        try (JsonParser parser = SALVAGE.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "id".equals(parser.currentName())) {
                    JsonToken value = parser.nextToken();
                    String id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    return id == null || id.isBlank() ? null : id;
                }
                if (token == JsonToken.FIELD_NAME) {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // the damage came first
        }
        return null;
    }

    /** The record's fields but its request, and its request's own text, if it is an object. */
    private record Envelope(ObjectNode fields, String request) {
    }

    /**
     * Reads the record around its request, token by token, and cuts the request's text out of the line
     * as it is: the library then reads it once, as it reads any request, rather than from a tree written
     * back to text. Duplicate keys, trailing content and malformed JSON anywhere fail as they would for
     * the whole line. Returns null when the line is not a JSON object.
     */
    private Envelope envelope(String text) throws JsonProcessingException {
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode fields = mapper.createObjectNode();
            String request = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("request".equals(name) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    request = text.substring(start, (int) parser.currentLocation().getCharOffset());
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText()); // as readTree would make it, without a deserialisation context per field
                } else {
                    fields.set(name, values.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "trailing content after the record");
            }
            return new Envelope(fields, request);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading a string failed", e); // a String source does no I/O
        }
    }

    private PolicyRequest request(String text, List<Problem> problems) {
        try {
            return json.readRequest(text);
        } catch (InvalidRequestException e) {
            for (Problem problem : e.problems()) {
                problems.add(new Problem(REQUEST_PATH + problem.path().substring(1), problem.message(), problem.allowedValues(),
                        problem.suggestion(), problem.line(), problem.column()));
            }
            return null;
        }
    }

    private PolicyRequest request(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            problems.add(Problem.at(REQUEST_PATH, "is required: the policy request (actor, action, channel, content)"));
            return null;
        }
        if (!node.isObject()) {
            problems.add(Problem.at(REQUEST_PATH, "must be an object: the policy request (actor, action, channel, content)"));
            return null;
        }
        try {
            // JsonNode.toString() writes valid JSON; the library reads it as it reads any request.
            return json.readRequest(node.toString());
        } catch (InvalidRequestException e) {
            for (Problem problem : e.problems()) {
                problems.add(new Problem(REQUEST_PATH + problem.path().substring(1), problem.message(), problem.allowedValues(),
                        problem.suggestion(), problem.line(), problem.column()));
            }
            return null;
        }
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
