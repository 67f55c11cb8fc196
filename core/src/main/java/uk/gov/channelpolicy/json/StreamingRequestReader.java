package uk.gov.channelpolicy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.facts.RequestField;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Reads a request in one pass over the parser's tokens, building the records directly, with no tree: the fast path for
 * a batch or a service, where nearly every request is valid. It gives up ({@code null}) at the first thing that is not
 * a valid request (malformed JSON, a limit, a duplicate or unknown field, a wrong type, a missing field, an id outside
 * the vocabulary, a category twice, a blank person id); {@link PolicyJson} then reads the same text with the tree
 * reader, which collects and words every problem. So an invalid request gets exactly the answer it always got, and a
 * valid one the same request: {@code StreamingRequestReaderTest} checks both.
 *
 * <p>The parser comes from the strict mapper's factory: duplicate keys and the size limits are refused by the parser
 * itself, as they are for the tree. Ids are returned as the vocabulary's own strings, so comparing them later is
 * mostly a reference check. Thread-safe: it holds no state between reads.
 */
final class StreamingRequestReader {
    private final JsonFactory factory;
    /** Per kind, each id to itself: a lookup both checks the id and gives the canonical string. */
    private final Map<Kind, Map<String, String>> ids = new EnumMap<>(Kind.class);

    StreamingRequestReader(JsonFactory factory, Vocabulary vocabulary) {
        this.factory = factory;
        for (RequestField field : RequestField.values()) {
            if (field.vocabulary() != null) {
                Kind kind = Kind.forKey(field.vocabulary());
                Map<String, String> known = new HashMap<>();
                vocabulary.ids(kind).forEach(id -> known.put(id, id));
                ids.put(kind, known);
            }
        }
    }

    /**
     * Reads a valid request.
     *
     * @param json the text
     * @return the request, or {@code null} when the text is not a valid request (for whatever reason)
     */
    PolicyRequest read(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            return read(parser);
        } catch (IOException | InvalidRequestException e) {
            return null; // the tree reader says what is wrong
        }
    }

    private PolicyRequest read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Actor actor = null;
        String action = null;
        Channel channel = null;
        List<String> content = null;
        Source source = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "actor" -> actor = value == JsonToken.START_OBJECT ? actor(parser) : null;
                case "action" -> action = value == JsonToken.VALUE_STRING ? id(parser, Kind.ACTIONS) : null;
                case "channel" -> channel = value == JsonToken.START_OBJECT ? channel(parser) : null;
                case "content" -> content = value == JsonToken.START_ARRAY ? content(parser) : null;
                case "source" -> {
                    // Optional: null is no source, as absent; an object must read in full.
                    if (value == JsonToken.START_OBJECT) {
                        source = source(parser);
                        if (source == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            if (!valid(name, actor, action, channel, content)) {
                return null; // a field is required, and the one just read is not valid (or null)
            }
        }
        if (parser.nextToken() != null || actor == null || action == null || channel == null || content == null) {
            return null; // trailing content, or a required field missing
        }
        return new PolicyRequest(actor, action, channel, content, source);
    }

    /** The source of a promotion or share: a handle and an owner, both optional; null to give up. */
    private Source source(JsonParser parser) throws IOException {
        String handle = null;
        Owner owner = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "handle" -> {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    handle = optional(parser, value);
                }
                case "owner" -> {
                    if (value == JsonToken.START_OBJECT) {
                        owner = owner(parser);
                        if (owner == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Source(handle, owner);
    }

    /** Whether the top-level field just read holds a value: each is required, so null means give up. */
    private static boolean valid(String name, Actor actor, String action, Channel channel, List<String> content) {
        return switch (name) {
            case "actor" -> actor != null;
            case "action" -> action != null;
            case "channel" -> channel != null;
            case "content" -> content != null;
            default -> true; // the source: optional, and given up on already if it was not valid
        };
    }

    private Actor actor(JsonParser parser) throws IOException {
        String role = null;
        String id = null;
        String name = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "role" -> {
                    role = value == JsonToken.VALUE_STRING ? id(parser, Kind.ROLES) : null;
                    if (role == null) {
                        return null;
                    }
                }
                case "id" -> id = optional(parser, value);
                case "name" -> name = optional(parser, value);
                default -> {
                    return null;
                }
            }
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                return null;
            }
        }
        return role == null ? null : new Actor(role, id, name);
    }

    private Channel channel(JsonParser parser) throws IOException {
        String type = null;
        String handle = null;
        Owner owner = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        type = id(parser, Kind.CHANNEL_TYPES);
                        if (type == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "handle" -> {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    handle = optional(parser, value);
                }
                case "owner" -> {
                    if (value == JsonToken.START_OBJECT) {
                        owner = owner(parser);
                        if (owner == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Channel(type, handle, owner);
    }

    private Owner owner(JsonParser parser) throws IOException {
        String role = null;
        String id = null;
        String name = null;
        String capacity = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                return null;
            }
            switch (field) {
                case "role" -> {
                    role = value == JsonToken.VALUE_STRING ? id(parser, Kind.ROLES) : null;
                    if (role == null) {
                        return null;
                    }
                }
                case "id" -> id = optional(parser, value);
                case "name" -> name = optional(parser, value);
                case "capacity" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        capacity = id(parser, Kind.CAPACITIES);
                        if (capacity == null) {
                            return null;
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return role == null ? null : new Owner(role, id, name, capacity);
    }

    private List<String> content(JsonParser parser) throws IOException {
        List<String> categories = new ArrayList<>(4);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String category = token == JsonToken.VALUE_STRING ? id(parser, Kind.CONTENT) : null;
            if (category == null || categories.contains(category)) {
                return null;
            }
            categories.add(category);
        }
        return categories.isEmpty() ? null : categories;
    }

    /** The current string as the vocabulary's own id, or null when it is not one. */
    private String id(JsonParser parser, Kind kind) throws IOException {
        return ids.get(kind).get(parser.getText());
    }

    private static String optional(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
    }
}
