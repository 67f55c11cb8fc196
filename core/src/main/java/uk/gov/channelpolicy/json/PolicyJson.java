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
import uk.gov.channelpolicy.Alternative;
import uk.gov.channelpolicy.Change;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision.ClosestRule;
import uk.gov.channelpolicy.Decision.NotApplicable;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Explanation;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.Trace;
import uk.gov.channelpolicy.facts.RequestField;
import uk.gov.channelpolicy.load.StrictJson;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

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
    public static final int MAX_NESTING_DEPTH = StrictJson.MAX_NESTING_DEPTH;
    /** Longest string accepted by default, in characters. */
    public static final int MAX_STRING_LENGTH = StrictJson.MAX_STRING_LENGTH;
    /** Largest document accepted by default, in bytes or characters. */
    public static final long MAX_DOCUMENT_LENGTH = StrictJson.MAX_DOCUMENT_LENGTH;

    // What a strict reader accepts in each object: from the one description of the request's fields.
    private static final Set<String> REQUEST_FIELDS = new LinkedHashSet<>(RequestField.members(""));
    private static final Set<String> ACTOR_FIELDS = new LinkedHashSet<>(RequestField.members("actor"));
    private static final Set<String> CHANNEL_FIELDS = new LinkedHashSet<>(RequestField.members("channel"));
    private static final Set<String> OWNER_FIELDS = new LinkedHashSet<>(RequestField.members("channel.owner"));
    private static final Set<String> SOURCE_FIELDS = new LinkedHashSet<>(RequestField.members("source"));
    private static final Set<String> SOURCE_OWNER_FIELDS = new LinkedHashSet<>(RequestField.members("source.owner"));

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

    /** Writes what needs no vocabulary. */
    private static final ObjectMapper WRITER = StrictJson.mapper();

    private final Vocabulary vocabulary;
    private final ObjectMapper mapper;
    /** The fast path for valid requests; anything else goes to the tree reader, which words the problems. */
    private final StreamingRequestReader streaming;
    /** Writes decisions without a tree, keeping the bytes of their parts. */
    private final DecisionWriter decisions = new DecisionWriter();

    private PolicyJson(Vocabulary vocabulary, Limits limits) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.mapper = StrictJson.mapper(limits.maxNestingDepth(), limits.maxStringLength(), limits.maxDocumentLength());
        this.streaming = new StreamingRequestReader(mapper.getFactory(), vocabulary);
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
     * Reads one request.
     *
     * @param json the request as JSON text
     * @return the request
     * @throws InvalidRequestException listing every problem: malformed JSON (with line and column),
     *     unknown or missing fields, wrong types, ids not in the vocabulary
     */
    public PolicyRequest readRequest(String json) {
        Objects.requireNonNull(json, "json");
        PolicyRequest request = streaming.read(json);
        return checked(request != null ? request : readTree(json));
    }

    /**
     * Reads one request with the tree reader only: what {@link #readRequest(String)} did before it had a fast path,
     * kept for the differential test that checks both paths agree.
     */
    PolicyRequest readRequestByTree(String json) {
        return checked(readTree(Objects.requireNonNull(json, "json")));
    }

    /** Every id is known; they may still contradict each other, by the manifest's constraints (the one validator's). */
    private PolicyRequest checked(PolicyRequest request) {
        List<Problem> contradictions = vocabulary.contradictions(request);
        if (!contradictions.isEmpty()) {
            throw new InvalidRequestException(contradictions);
        }
        return request;
    }

    /**
     * A JSON parser's message about a text, fit to show whoever sent the text: without the parser's own method names,
     * which its messages about a limit quote ({@code (16, from `StreamReadConstraints.getMaxNestingDepth()`)}).
     *
     * @param message the parser's message, or {@code null}
     * @return the message without them; empty for {@code null}
     */
    public static String parserMessage(String message) {
        return message == null ? "" : message.replaceAll(", from `[^`]*`", "");
    }

    /** The slow path: a tree, walked to collect every problem of a request that is not valid. */
    private PolicyRequest readTree(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InvalidRequestException(List.of(new Problem("$", "malformed JSON: " + parserMessage(e.getOriginalMessage()), List.of(), null,
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
        DecisionWriter.Utf8 utf8 = utf8(decision);
        return utf8 == null ? writeByTree(decision) : new String(utf8.bytes(), 0, utf8.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The decision's bytes from the streaming writer, or null for text it does not write as Jackson does: a lone
     * surrogate, which no rule file read as UTF-8 can hold but a decision built in Java can.
     */
    private DecisionWriter.Utf8 utf8(Decision decision) {
        try {
            return decisions.write(decision);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Writes a decision as {@link #write(Decision)} does, as UTF-8 straight to a stream, without making a string: for
     * a batch or a service writing many. The parts of decisions (reasons, citations, the rule set's identity) are
     * encoded once and kept, so this is mostly copying bytes.
     *
     * @param decision the decision
     * @param out where the bytes go; one {@code write} call, without a line break
     * @throws java.io.IOException if the stream fails
     */
    public void write(Decision decision, java.io.OutputStream out) throws java.io.IOException {
        DecisionWriter.Utf8 utf8 = utf8(decision);
        if (utf8 == null) {
            out.write(writeByTree(decision).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            out.write(utf8.bytes(), 0, utf8.length());
        }
    }

    /** The decision through the tree writer that the trace and the explanation use: for the test that both agree. */
    String writeByTree(Decision decision) {
        return toText(decisionNode(decision));
    }

    /**
     * Writes what {@link uk.gov.channelpolicy.ChannelPolicy#trace} gives, the shape every interface uses:
     * {@code {"decision": {...}, "rulesFired": [...]}}.
     *
     * @param trace the trace
     * @return compact JSON on one line
     */
    public String write(Trace trace) {
        ObjectNode root = mapper.createObjectNode();
        root.set("decision", decisionNode(trace.decision()));
        ArrayNode fired = root.putArray("rulesFired");
        trace.firedRules().forEach(fired::add);
        return toText(root);
    }

    /**
     * Writes what {@link uk.gov.channelpolicy.ChannelPolicy#explain} gives, the one shape the command line and the
     * service both use: {@code {"decision": {...}, "rulesFired": [...], "alternatives": [{"changes": [...],
     * "request": {...}, "decision": {...}}]}}. Alternatives carry their request in full, personal data included, as
     * the caller gave it: for the caller, never for logs.
     *
     * @param explanation the explanation
     * @return compact JSON on one line
     */
    public String write(Explanation explanation) {
        ObjectNode root = mapper.createObjectNode();
        root.set("decision", decisionNode(explanation.decision()));
        ArrayNode fired = root.putArray("rulesFired");
        explanation.rulesFired().forEach(fired::add);
        ArrayNode alternatives = root.putArray("alternatives");
        for (Alternative alternative : explanation.alternatives()) {
            ObjectNode item = alternatives.addObject();
            item.set("changes", changesNode(alternative.changes()));
            item.set("request", requestNode(alternative.request()));
            item.set("decision", decisionNode(alternative.decision()));
        }
        return toText(root);
    }

    private ObjectNode decisionNode(Decision decision) {
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
        error.set("problems", problemsNode(problems));
        return toText(root);
    }

    /**
     * Writes problems, the one shape every interface uses (JSON Lines error lines, the decision service's problem
     * details): {@code [{"path", "message", "allowedValues", "suggestion"?, "line"?, "column"?}]}, where the
     * suggestion appears only when there is one, and line and column only for malformed JSON.
     *
     * @param problems the problems
     * @return compact JSON on one line
     */
    public static String writeProblems(List<Problem> problems) {
        try {
            return WRITER.writeValueAsString(problemsNode(problems));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The changes of a why-not alternative: {@code [{"field", "from", "to", "description", "instruction"}]}, the
     * description being {@link Change#describe()} and the instruction {@link Change#instruction()}.
     */
    private static ArrayNode changesNode(List<Change> changes) {
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

    private static ArrayNode problemsNode(List<Problem> problems) {
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
        return toText(requestNode(request));
    }

    private ObjectNode requestNode(PolicyRequest request) {
        return requestNode(mapper.createObjectNode(), request, (field, value) -> value);
    }

    /**
     * Writes a request as JSON without a codec: for reports of synthetic requests (a domain's, a diff's), whose ids
     * are no one's. Personal data is included, as in {@link #write(PolicyRequest)}.
     *
     * @param request the request
     * @return compact JSON on one line
     */
    public static String writeRequest(PolicyRequest request) {
        try {
            return WRITER.writeValueAsString(requestNode(WRITER.createObjectNode(), request, (field, value) -> value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * A request as JSON, field by field from the one description of its fields, each value passed through
     * {@code shown} (the decision log masks personal data this way). The actor and the channel are always written;
     * the owner only when it has a value (a role, always, when the channel has an owner).
     *
     * @param root the object to write into
     * @param request the request
     * @param shown what to write for a value of a field
     * @return the root
     */
    static ObjectNode requestNode(ObjectNode root, PolicyRequest request, java.util.function.BiFunction<RequestField, String, String> shown) {
        for (RequestField field : RequestField.values()) {
            List<String> values = field.values(request);
            if (field.many()) {
                ArrayNode list = root.putArray(field.path());
                values.forEach(value -> list.add(shown.apply(field, value)));
            } else if (field == RequestField.ACTION) {
                root.put(field.path(), shown.apply(field, values.get(0)));
            } else if (!values.isEmpty()) {
                object(root, field.parent()).put(field.member(), shown.apply(field, values.get(0)));
            } else if (RequestField.present(field.parent(), request)) {
                object(root, field.parent()); // the actor, the channel and a given source are written, even empty
            }
        }
        return root;
    }

    /** The object at a dotted path, made when first needed. */
    private static ObjectNode object(ObjectNode root, String path) {
        ObjectNode node = root;
        for (String name : path.split("\\.")) {
            JsonNode child = node.get(name);
            node = child instanceof ObjectNode existing ? existing : node.putObject(name);
        }
        return node;
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
            Source source = null;
            JsonNode sourceNode = root.get("source");
            if (sourceNode != null && !sourceNode.isNull() && object(sourceNode, "$.source", SOURCE_FIELDS)) {
                String handle = string(sourceNode, "$.source", "handle");
                Owner owner = null;
                boolean ownerOk = true;
                JsonNode ownerNode = sourceNode.get("owner");
                if (ownerNode != null && !ownerNode.isNull() && object(ownerNode, "$.source.owner", SOURCE_OWNER_FIELDS)) {
                    String role = id(ownerNode, "$.source.owner", "role", Kind.ROLES, true);
                    String ownerId = string(ownerNode, "$.source.owner", "id");
                    String ownerName = string(ownerNode, "$.source.owner", "name");
                    String capacity = id(ownerNode, "$.source.owner", "capacity", Kind.CAPACITIES, false);
                    ownerOk = role != null;
                    if (role != null) {
                        // Owner names its own problems at the channel owner's path: here they are the source owner's.
                        try {
                            owner = new Owner(role, ownerId, ownerName, capacity);
                        } catch (InvalidRequestException e) {
                            ownerOk = false;
                            e.problems().forEach(problem -> problems.add(new Problem(problem.path().replace("$.channel.owner", "$.source.owner"),
                                    problem.message(), problem.allowedValues(), problem.suggestion(), problem.line(), problem.column())));
                        }
                    }
                }
                if (ownerOk) {
                    source = new Source(handle, owner);
                }
            }
            String role = actorRole;
            String id = actorId;
            String name = actorName;
            Actor who = role == null ? null : record(() -> new Actor(role, id, name));
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return new PolicyRequest(who, action, channel, content, source);
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
                    String suggestion = Problem.nearest(name, missing).or(() -> Problem.nearest(name, allowed)).orElse(null);
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
