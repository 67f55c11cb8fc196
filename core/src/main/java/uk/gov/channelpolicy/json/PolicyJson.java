package uk.gov.channelpolicy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.ClosestRule;
import uk.gov.channelpolicy.Change;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.NearMiss;
import uk.gov.channelpolicy.NotApplicable;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.Vocabulary;
import uk.gov.channelpolicy.Vocabulary.Kind;

/**
 * Reads request JSON into {@link PolicyRequest}s against a vocabulary, and writes decisions and
 * problems as JSON. Thread-safe; get one from {@code ChannelPolicy.json()} or {@link #forVocabulary}.
 *
 * <pre>{@code
 * PolicyJson json = policy.json();
 * Decision decision = policy.evaluate(json.readRequest(requestText));
 * String out = json.write(decision);
 * }</pre>
 */
public final class PolicyJson {
    /** Deepest nesting accepted by default; a request is three levels deep. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string accepted by default, in characters. */
    public static final int MAX_STRING_LENGTH = 4_096;
    /** Largest document accepted by default, in bytes or characters. */
    public static final long MAX_DOCUMENT_LENGTH = 65_536;

    private static final Set<String> REQUEST_FIELDS = fields("actor", "action", "channel", "content");
    private static final Set<String> ACTOR_FIELDS = fields("role", "id", "name");
    private static final Set<String> CHANNEL_FIELDS = fields("type", "handle", "owner");
    private static final Set<String> OWNER_FIELDS = fields("role", "id", "name", "capacity");

    /**
     * How large a request document may be. Over any limit, the request is malformed.
     *
     * @param maxDocumentLength the largest document, in bytes or characters
     * @param maxNestingDepth the deepest nesting of objects and arrays
     * @param maxStringLength the longest string, in characters
     */
    public record Limits(long maxDocumentLength, int maxNestingDepth, int maxStringLength) {
        /** 64 KiB, 16 levels, 4,096 characters: a request is three levels deep and a few hundred bytes. */
        public static final Limits DEFAULT = new Limits(MAX_DOCUMENT_LENGTH, MAX_NESTING_DEPTH, MAX_STRING_LENGTH);

        /**
         * Checks every limit is positive.
         *
         * @param maxDocumentLength the largest document
         * @param maxNestingDepth the deepest nesting, at least 3 (a request's own depth)
         * @param maxStringLength the longest string
         */
        public Limits {
            if (maxDocumentLength < 1 || maxNestingDepth < 3 || maxStringLength < 1) {
                throw new IllegalArgumentException("limits must be positive and allow a request's three levels: " + maxDocumentLength
                        + ", " + maxNestingDepth + ", " + maxStringLength);
            }
        }
    }

    private final Vocabulary vocabulary;
    private final ObjectMapper mapper;

    private PolicyJson(Vocabulary vocabulary, Limits limits) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.mapper = strictMapper(limits);
    }

    /**
     * A codec for requests in the given vocabulary, with the default limits.
     *
     * @param vocabulary the rule set's vocabulary
     * @return the codec
     */
    public static PolicyJson forVocabulary(Vocabulary vocabulary) {
        return new PolicyJson(vocabulary, Limits.DEFAULT);
    }

    /**
     * A codec for requests in the given vocabulary, with the given limits.
     *
     * @param vocabulary the rule set's vocabulary
     * @param limits the size limits
     * @return the codec
     */
    public static PolicyJson forVocabulary(Vocabulary vocabulary, Limits limits) {
        return new PolicyJson(vocabulary, Objects.requireNonNull(limits, "limits"));
    }

    /**
     * An {@link ObjectMapper} that rejects duplicate keys and trailing content, with the default limits.
     *
     * @return a new mapper
     */
    public static ObjectMapper strictMapper() {
        return strictMapper(Limits.DEFAULT);
    }

    /**
     * An {@link ObjectMapper} that rejects duplicate keys, trailing content and documents over the limits.
     * It never enables polymorphic typing: nothing read can name a class to instantiate.
     *
     * @param limits the size limits
     * @return a new mapper
     */
    public static ObjectMapper strictMapper(Limits limits) {
        JsonFactory factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxDocumentLength())
                        .build())
                .build();
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /**
     * Reads one request.
     *
     * @param json the request as JSON text
     * @return the request
     * @throws InvalidRequestException listing every problem: malformed JSON (with line and column),
     *     unknown or missing fields, wrong types, ids not in the vocabulary
     */
    public PolicyRequest readRequest(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InvalidRequestException(List.of(new Problem("$", "malformed JSON: " + e.getOriginalMessage(), List.of(), null,
                    where == null ? 0 : Math.max(0, where.getLineNr()), where == null ? 0 : Math.max(0, where.getColumnNr()))));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException(List.of(Problem.at("$", "is empty: expected a request object")));
        }
        return new RequestReader(vocabulary).read(root);
    }

    /**
     * Writes a decision exactly as the contract shows it; {@code notApplicable} is there only when the decision has one.
     *
     * @param decision the decision
     * @return compact JSON on one line
     */
    public String write(Decision decision) {
        return toText(toJson(decision));
    }

    /**
     * A decision as a JSON tree, fields in contract order.
     *
     * @param decision the decision
     * @return the tree
     */
    public ObjectNode toJson(Decision decision) {
        ObjectNode node = mapper.createObjectNode();
        node.put("outcome", decision.outcome().name());
        node.put("channelType", decision.channelType());
        ArrayNode codes = node.putArray("codes");
        decision.codes().forEach(codes::add);
        ArrayNode reasons = node.putArray("reasons");
        for (Reason reason : decision.reasons()) {
            ObjectNode item = reasons.addObject();
            item.put("rule", reason.rule());
            item.put("effect", reason.effect().name());
            item.put("message", reason.message());
            item.set("citation", citation(reason.citation()));
        }
        ArrayNode obligations = node.putArray("obligations");
        for (Obligation obligation : decision.obligations()) {
            ObjectNode item = obligations.addObject();
            item.put("rule", obligation.rule());
            item.put("message", obligation.message());
            item.set("citation", citation(obligation.citation()));
        }
        ArrayNode advice = node.putArray("advice");
        for (Advice one : decision.advice()) {
            ObjectNode item = advice.addObject();
            item.put("rule", one.rule());
            if (one.principle() != null) {
                item.put("principle", one.principle());
            }
            item.put("message", one.message());
            item.set("citation", citation(one.citation()));
        }
        ArrayNode responsibilities = node.putArray("responsibilities");
        for (Responsibility responsibility : decision.responsibilities()) {
            ObjectNode item = responsibilities.addObject();
            item.put("role", responsibility.role());
            item.put("rule", responsibility.rule());
            item.put("message", responsibility.message());
            item.set("citation", citation(responsibility.citation()));
        }
        if (decision.notApplicable() != null) {
            node.set("notApplicable", notApplicable(decision.notApplicable()));
        }
        ObjectNode ruleSet = node.putObject("ruleSet");
        ruleSet.put("id", decision.ruleSet().id());
        ruleSet.put("version", decision.ruleSet().version());
        ruleSet.put("digest", decision.ruleSet().digest());
        return node;
    }

    /** {@code {"summary", "whoseWork": [role ids], "closest": [{"rule", "effect", "message", "lacking": [...], "citation"}]}}. */
    private ObjectNode notApplicable(NotApplicable explanation) {
        ObjectNode node = mapper.createObjectNode();
        node.put("summary", explanation.summary());
        ArrayNode whoseWork = node.putArray("whoseWork");
        explanation.whoseWork().forEach(whoseWork::add);
        ArrayNode closest = node.putArray("closest");
        for (ClosestRule rule : explanation.closest()) {
            ObjectNode item = closest.addObject();
            item.put("rule", rule.rule());
            item.put("effect", rule.effect().name());
            item.put("message", rule.message());
            ArrayNode lacking = item.putArray("lacking");
            rule.lacking().forEach(lacking::add);
            item.set("citation", citation(rule.citation()));
        }
        return node;
    }

    /**
     * Writes the problems of an invalid request as {@code {"error": {"message": ..., "problems": [...]}}}.
     *
     * @param problems the problems
     * @return compact JSON on one line
     */
    public String writeError(List<Problem> problems) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "invalid request");
        error.set("problems", problemsJson(problems));
        return toText(root);
    }

    /**
     * The changes of a why-not alternative as JSON, the shape every interface uses:
     * {@code [{"field", "from", "to", "description", "instruction"}]}, the description being {@link Change#describe()} and
     * the instruction {@link Change#instruction()}.
     *
     * @param changes the changes
     * @return a new array
     */
    public static ArrayNode changesJson(List<Change> changes) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Change change : changes) {
            ObjectNode one = list.addObject();
            one.put("field", change.field());
            one.put("from", change.from());
            one.put("to", change.to());
            one.put("description", change.describe());
            one.put("instruction", change.instruction());
        }
        return list;
    }

    /**
     * Problems as JSON, the one shape every interface uses (JSON Lines error lines, the decision service's
     * problem details): {@code [{"path", "message", "allowedValues", "suggestion"?, "line"?, "column"?}]}, where
     * the suggestion appears only when there is one, and line and column only for malformed JSON.
     *
     * @param problems the problems
     * @return a new array
     */
    public static ArrayNode problemsJson(List<Problem> problems) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Problem problem : problems) {
            ObjectNode item = list.addObject();
            item.put("path", problem.path());
            item.put("message", problem.message());
            ArrayNode allowed = item.putArray("allowedValues");
            problem.allowedValues().forEach(allowed::add);
            if (problem.suggestion() != null) {
                item.put("suggestion", problem.suggestion());
            }
            if (problem.line() > 0) {
                item.put("line", problem.line());
                item.put("column", problem.column());
            }
        }
        return list;
    }

    /**
     * Writes a request as JSON, personal data included: for the caller's own files, never for logs.
     *
     * @param request the request
     * @return compact JSON on one line
     */
    public String write(PolicyRequest request) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode actor = node.putObject("actor");
        actor.put("role", request.actor().role());
        putIfPresent(actor, "id", request.actor().id());
        putIfPresent(actor, "name", request.actor().name());
        node.put("action", request.action());
        ObjectNode channel = node.putObject("channel");
        putIfPresent(channel, "type", request.channel().type());
        putIfPresent(channel, "handle", request.channel().handle());
        Owner owner = request.channel().owner();
        if (owner != null) {
            ObjectNode ownerNode = channel.putObject("owner");
            ownerNode.put("role", owner.role());
            putIfPresent(ownerNode, "id", owner.id());
            putIfPresent(ownerNode, "name", owner.name());
            putIfPresent(ownerNode, "capacity", owner.capacity());
        }
        ArrayNode content = node.putArray("content");
        request.content().forEach(content::add);
        return toText(node);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private ObjectNode citation(Citation citation) {
        ObjectNode node = mapper.createObjectNode();
        node.put("source", citation.source());
        node.put("section", citation.section());
        node.put("quote", citation.quote());
        return node;
    }

    private String toText(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static Set<String> fields(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /** Walks one request tree, collecting every problem before building anything. */
    private static final class RequestReader {
        private final Vocabulary vocabulary;
        private final List<Problem> problems = new ArrayList<>();

        RequestReader(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
        }

        PolicyRequest read(JsonNode root) {
            if (!object(root, "$", REQUEST_FIELDS)) {
                throw new InvalidRequestException(problems);
            }
            String actorRole = null;
            String actorId = null;
            String actorName = null;
            JsonNode actor = root.get("actor");
            if (required(actor, "$.actor") && object(actor, "$.actor", ACTOR_FIELDS)) {
                actorRole = id(actor, "$.actor", "role", Kind.ROLES, true);
                actorId = string(actor, "$.actor", "id");
                actorName = string(actor, "$.actor", "name");
            }
            String action = null;
            JsonNode actionNode = root.get("action");
            if (required(actionNode, "$.action")) {
                action = id(root, "$", "action", Kind.ACTIONS, true);
            }
            Channel channel = null;
            JsonNode channelNode = root.get("channel");
            if (required(channelNode, "$.channel") && object(channelNode, "$.channel", CHANNEL_FIELDS)) {
                String type = id(channelNode, "$.channel", "type", Kind.CHANNEL_TYPES, false);
                String handle = string(channelNode, "$.channel", "handle");
                Owner owner = null;
                JsonNode ownerNode = channelNode.get("owner");
                if (ownerNode != null && !ownerNode.isNull() && object(ownerNode, "$.channel.owner", OWNER_FIELDS)) {
                    String role = id(ownerNode, "$.channel.owner", "role", Kind.ROLES, true);
                    String ownerId = string(ownerNode, "$.channel.owner", "id");
                    String ownerName = string(ownerNode, "$.channel.owner", "name");
                    String capacity = id(ownerNode, "$.channel.owner", "capacity", Kind.CAPACITIES, false);
                    if (role != null) {
                        owner = record(() -> new Owner(role, ownerId, ownerName, capacity));
                    }
                }
                channel = new Channel(type, handle, owner);
            }
            List<String> content = content(root.get("content"));
            String role = actorRole;
            String id = actorId;
            String name = actorName;
            Actor who = role == null ? null : record(() -> new Actor(role, id, name));
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return new PolicyRequest(who, action, channel, content);
        }

        /** A request record, whose own checks (a blank id) join this read's other problems instead of ending it. */
        private <T> T record(java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (InvalidRequestException e) {
                problems.addAll(e.problems());
                return null;
            }
        }

        private List<String> content(JsonNode node) {
            if (!required(node, "$.content")) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add(new Problem("$.content", "must be a list of content categories, e.g. [\"departmental\"]",
                        vocabulary.ids(Kind.CONTENT), null, 0, 0));
                return List.of();
            }
            if (node.isEmpty()) {
                problems.add(new Problem("$.content", "needs at least one content category", vocabulary.ids(Kind.CONTENT), null, 0, 0));
            }
            List<String> categories = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "$.content[" + i + "]";
                JsonNode item = node.get(i);
                if (!item.isTextual()) {
                    problems.add(new Problem(path, "must be a string, not " + describe(item), vocabulary.ids(Kind.CONTENT), null, 0, 0));
                    continue;
                }
                String category = item.asText();
                if (!seen.add(category)) {
                    problems.add(Problem.at(path, "\"" + category + "\" is listed twice"));
                    continue;
                }
                vocabulary.check(Kind.CONTENT, category, path).ifPresent(problems::add);
                categories.add(category);
            }
            return categories;
        }

        private boolean required(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                problems.add(Problem.at(path, "is required"));
                return false;
            }
            return true;
        }

        private boolean object(JsonNode node, String path, Set<String> allowed) {
            if (!node.isObject()) {
                problems.add(Problem.at(path, "must be an object, not " + describe(node)));
                return false;
            }
            // A misspelt field usually stands for one that is missing, so suggest those first.
            Set<String> missing = new LinkedHashSet<>(allowed);
            node.fieldNames().forEachRemaining(missing::remove);
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    String suggestion = NearMiss.nearest(name, missing).or(() -> NearMiss.nearest(name, allowed)).orElse(null);
                    problems.add(new Problem(path + "." + name, "is not a known field", List.copyOf(allowed), suggestion, 0, 0));
                }
            }
            return true;
        }

        private String id(JsonNode parent, String parentPath, String field, Kind kind, boolean isRequired) {
            JsonNode node = parent.get(field);
            String path = parentPath + "." + field;
            if (node == null || node.isNull()) {
                if (isRequired) {
                    problems.add(new Problem(path, "is required", vocabulary.ids(kind), null, 0, 0));
                }
                return null;
            }
            if (!node.isTextual()) {
                problems.add(new Problem(path, "must be a string, not " + describe(node), vocabulary.ids(kind), null, 0, 0));
                return null;
            }
            vocabulary.check(kind, node.asText(), path).ifPresent(problems::add);
            return node.asText();
        }

        private String string(JsonNode parent, String parentPath, String field) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                problems.add(Problem.at(parentPath + "." + field, "must be a string, not " + describe(node)));
                return null;
            }
            return node.asText();
        }

        private static String describe(JsonNode node) {
            if (node.isNumber()) {
                return "a number";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isArray()) {
                return "a list";
            }
            if (node.isObject()) {
                return "an object";
            }
            if (node.isTextual()) {
                return "a string";
            }
            return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
