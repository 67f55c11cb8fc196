package uk.gov.channelpolicy.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
 * {@code department}, a {@code time} that is not ISO-8601 with a zone, duplicate keys and malformed
 * JSON are all problems. Paths are JSON paths into the line ({@code $.request.actor.role}).
 *
 * <p>Thread-safe.
 */
public final class RecordParser {
    /** The fields of an activity record, in the order they are documented. */
    public static final List<String> FIELDS = List.of("id", "time", "department", "request");

    private static final String REQUEST_PATH = "$.request";

    private final PolicyJson json;
    private final ObjectMapper mapper = StrictJson.mapper();

    /**
     * Creates a parser that reads requests in a rule set's vocabulary.
     *
     * @param json the policy's codec, {@code policy.json()}
     */
    public RecordParser(PolicyJson json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Reads one line.
     *
     * @param line the line and where it is
     * @return the record, or the problems that stop it being decided
     */
    public ParsedRecord parse(SourceLine line) {
        String text = line.offset() == 0 ? withoutByteOrderMark(line.text()) : line.text();
        if (text.isBlank()) {
            return new InvalidRecord(line, null, null, List.of(Problem.at("$", "is empty: expected an activity record")));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            return new InvalidRecord(line, null, null, List.of(new Problem("$", "malformed JSON: " + e.getOriginalMessage(), List.of(), null,
                    where == null ? 0 : Math.max(0, where.getLineNr()), where == null ? 0 : Math.max(0, where.getColumnNr()))));
        }
        if (root == null || !root.isObject()) {
            return new InvalidRecord(line, null, null, List.of(new Problem("$",
                    "must be an object: an activity record with " + String.join(", ", FIELDS), FIELDS, null, 0, 0)));
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
        PolicyRequest request = request(root.get("request"), problems);
        if (!problems.isEmpty()) {
            return new InvalidRecord(line, id, department, problems);
        }
        return new ActivityRecord(line, id, time, department, request);
    }

    private static String requiredText(JsonNode root, String field, List<Problem> problems) {
        JsonNode node = root.get(field);
        String path = "$." + field;
        if (node == null || node.isNull()) {
            problems.add(Problem.at(path, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Problem.at(path, "must be a string, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        if (node.asText().isBlank()) {
            problems.add(Problem.at(path, "is blank"));
            return null;
        }
        return node.asText();
    }

    private static Instant time(JsonNode root, List<Problem> problems) {
        String text = requiredText(root, "time", problems);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(Problem.at("$.time", "\"" + text + "\" is not an ISO-8601 time with a zone, such as 2024-03-05T10:15:00Z"));
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
