package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * The mapping between the OpenID AuthZEN Authorization API 1.0 and the library's contract, both ways, used exactly
 * as docs/authzen.md states it:
 *
 * <ul>
 * <li>{@code subject} = {@code {type:"user", id:<actor id>, properties:{role:<actor role>}}};</li>
 * <li>{@code action} = {@code {name:<action>, properties:{content:[<content categories>]}}};</li>
 * <li>{@code resource} = {@code {type:"channel", id:<handle, or "" for none>, properties:{type?, owner?:{role, id?,
 *     capacity?}, source?:{handle?, owner?:{role, id?, capacity?}}}}}: {@code properties.source} is where the tweet a
 *     promote or share amplifies came from, the contract's {@code source};</li>
 * <li>a decision is {@code {decision: <true only for PERMIT>, context: <the contract's decision, its obligations in
 *     the AuthZEN obligations profile's shape>}}.</li>
 * </ul>
 *
 * <p>Only the envelope's shape is checked here (objects where objects go, strings where strings go, the two entity
 * types). Every value that is mapped reaches the library's one validator through {@link PolicyRequest} and
 * {@code ChannelPolicy.evaluate}; its problems are reported with the AuthZEN paths they came from. Members the mapping
 * does not read, in the envelope or in {@code properties}, are ignored, as the standard requires.
 */
final class AuthzenMapping {
    /** Reads what the library writes, to reshape it. */
    private static final ObjectMapper TREES = StrictJson.mapper();
    /** The one subject type: a person. */
    static final String SUBJECT_TYPE = "user";
    /** The one resource type: a social-media channel. */
    static final String RESOURCE_TYPE = "channel";
    /** The obligation type every obligation has: the profile registers none that means "do what the guidance says". */
    static final String OBLIGATION_TYPE = "custom";

    /** Deeper than any request needs, for the members that are ignored; bodies are bounded by the route's limit. */
    private static final int MAX_NESTING = 64;
    /** Long enough for a token or a schema reference in an ignored member. */
    private static final int MAX_STRING = 65_536;

    /** The contract's paths and the AuthZEN paths they are read from, longest first. */
    private static final List<Map.Entry<String, String>> PATHS = List.of(
            Map.entry("$.source", "$.resource.properties.source"),
            Map.entry("$.channel.owner", "$.resource.properties.owner"),
            Map.entry("$.channel.handle", "$.resource.id"),
            Map.entry("$.channel.type", "$.resource.properties.type"),
            Map.entry("$.channel", "$.resource"),
            Map.entry("$.actor.role", "$.subject.properties.role"),
            Map.entry("$.actor.id", "$.subject.id"),
            Map.entry("$.actor", "$.subject"),
            Map.entry("$.content", "$.action.properties.content"),
            Map.entry("$.action", "$.action.name"));

    private final ObjectMapper mapper;

    /**
     * A mapping that reads bodies of up to this many bytes.
     *
     * @param maxDocumentBytes the largest body it reads
     */
    AuthzenMapping(long maxDocumentBytes) {
        this.mapper = StrictJson.mapper(MAX_NESTING, MAX_STRING, maxDocumentBytes);
    }

    // ---- reading ----------------------------------------------------------------------------------

    /**
     * Parses a body that must be one JSON object.
     *
     * @param body the body's text
     * @return the object
     * @throws HttpProblem a 400 if it is empty, not well-formed JSON, or not an object
     */
    ObjectNode object(String body) {
        if (body.isBlank()) {
            throw HttpProblem.invalidRequest("The body is empty: send a JSON object.", List.of(Problem.at("$", "is empty: expected a JSON object")));
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw HttpProblem.invalidRequest("The body is not well-formed JSON.", List.of(new Problem("$",
                    "malformed JSON: " + PolicyJson.parserMessage(e.getOriginalMessage()), List.of(), null,
                    where == null ? 0 : Math.max(0, where.getLineNr()), where == null ? 0 : Math.max(0, where.getColumnNr()))));
        }
        if (!(root instanceof ObjectNode object)) {
            throw HttpProblem.invalidRequest("The body must be a JSON object.", List.of(Problem.at("$", "must be a JSON object")));
        }
        return object;
    }

    /**
     * What an AuthZEN request reads as: the library's request, or the problems that kept it from being one.
     *
     * @param request the request, or null when there are problems
     * @param problems problems with the envelope's shape or the request's parts, at AuthZEN paths
     * @param unknownTypes whether the only problems are entity types other than {@code user} and {@code channel}
     */
    record Read(PolicyRequest request, List<Problem> problems, boolean unknownTypes) {
        Read {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads an evaluation's three entities into the library's request.
     *
     * @param subject the {@code subject} member, or null when absent
     * @param action the {@code action} member, or null when absent
     * @param resource the {@code resource} member, or null when absent
     * @return the request, or the problems
     */
    static Read read(JsonNode subject, JsonNode action, JsonNode resource) {
        List<Problem> shape = new ArrayList<>();
        List<Problem> types = new ArrayList<>();
        ObjectNode subjectNode = object(subject, "$.subject", true, shape);
        ObjectNode resourceNode = object(resource, "$.resource", true, shape);
        Actor actor = null;
        String actionName = null;
        List<String> categories = null;
        Channel channel = null;
        Source source = null;
        if (subjectNode != null) {
            entityType(subjectNode, "$.subject", SUBJECT_TYPE, shape, types);
            String id = text(subjectNode, "id", "$.subject.id", true, shape);
            ObjectNode properties = object(subjectNode.get("properties"), "$.subject.properties", false, shape);
            String role = properties == null ? null : text(properties, "role", "$.subject.properties.role", false, shape);
            if (id != null) {
                actor = part(() -> new Actor(role, id, null), shape);
            }
        }
        ObjectNode actionNode = object(action, "$.action", true, shape);
        if (actionNode != null) {
            actionName = text(actionNode, "name", "$.action.name", true, shape);
            ObjectNode properties = object(actionNode.get("properties"), "$.action.properties", false, shape);
            categories = properties == null ? null : strings(properties.get("content"), "$.action.properties.content", shape);
        }
        if (resourceNode != null) {
            entityType(resourceNode, "$.resource", RESOURCE_TYPE, shape, types);
            String id = text(resourceNode, "id", "$.resource.id", true, shape);
            ObjectNode properties = object(resourceNode.get("properties"), "$.resource.properties", false, shape);
            String type = properties == null ? null : text(properties, "type", "$.resource.properties.type", false, shape);
            Owner owner = null;
            boolean ownerRead = true;
            ObjectNode ownerNode = properties == null ? null : object(properties.get("owner"), "$.resource.properties.owner", false, shape);
            if (ownerNode != null) {
                String role = text(ownerNode, "role", "$.resource.properties.owner.role", false, shape);
                String ownerId = text(ownerNode, "id", "$.resource.properties.owner.id", false, shape);
                String capacity = text(ownerNode, "capacity", "$.resource.properties.owner.capacity", false, shape);
                owner = part(() -> new Owner(role, ownerId, null, capacity), shape);
                ownerRead = owner != null;
            }
            if (id != null && ownerRead) {
                // "" is the channel with no handle: the id is required by the standard, the handle is not by the contract.
                channel = new Channel(type, id.isEmpty() ? null : id, owner);
            }
            ObjectNode sourceNode = properties == null ? null : object(properties.get("source"), "$.resource.properties.source", false, shape);
            if (sourceNode != null) {
                String handle = text(sourceNode, "handle", "$.resource.properties.source.handle", false, shape);
                ObjectNode sourceOwnerNode = object(sourceNode.get("owner"), "$.resource.properties.source.owner", false, shape);
                Owner sourceOwner = null;
                boolean sourceOwnerRead = true;
                if (sourceOwnerNode != null) {
                    String role = text(sourceOwnerNode, "role", "$.resource.properties.source.owner.role", false, shape);
                    String ownerId = text(sourceOwnerNode, "id", "$.resource.properties.source.owner.id", false, shape);
                    String capacity = text(sourceOwnerNode, "capacity", "$.resource.properties.source.owner.capacity", false, shape);
                    List<Problem> ownerProblems = new ArrayList<>();
                    sourceOwner = part(() -> new Owner(role, ownerId, null, capacity), ownerProblems);
                    // An owner names its problems at the channel owner's path; these are the source owner's.
                    ownerProblems.forEach(problem -> shape.add(new Problem(problem.path().replace("$.resource.properties.owner",
                            "$.resource.properties.source.owner"), problem.message(), problem.allowedValues(), problem.suggestion(),
                            problem.line(), problem.column())));
                    sourceOwnerRead = sourceOwner != null;
                }
                if (sourceOwnerRead) {
                    source = new Source(handle, sourceOwner);
                }
            }
        }
        if (!shape.isEmpty() || !types.isEmpty()) {
            List<Problem> all = new ArrayList<>(types);
            all.addAll(shape);
            return new Read(null, all, shape.isEmpty());
        }
        Actor finalActor = actor;
        String finalAction = actionName;
        List<String> finalContent = categories == null ? List.of() : categories;
        Channel finalChannel = channel;
        Source finalSource = source;
        List<Problem> request = new ArrayList<>();
        PolicyRequest built = part(() -> new PolicyRequest(finalActor, finalAction, finalChannel, finalContent, finalSource), request);
        return new Read(built, request, false);
    }

    /**
     * The action an action search asks about for each action name: its content read from {@code context.content}, the
     * rule set's first content category when that is absent.
     *
     * @param context the {@code context} member, or null when absent
     * @param name the action's name
     * @param firstCategory the vocabulary's first content category
     * @return {@code {"name": name, "properties": {"content": [...]}}}
     * @throws HttpProblem a 400 if {@code context} is not an object or its {@code content} not an array of strings
     */
    static ObjectNode searchedAction(JsonNode context, String name, String firstCategory) {
        List<Problem> shape = new ArrayList<>();
        ObjectNode node = object(context, "$.context", false, shape);
        List<String> content = node == null ? null : strings(node.get("content"), "$.context.content", shape);
        if (!shape.isEmpty()) {
            throw invalid(shape);
        }
        ObjectNode action = JsonNodeFactory.instance.objectNode();
        action.put("name", name);
        ArrayNode categories = action.putObject("properties").putArray("content");
        (content == null ? List.of(firstCategory) : content).forEach(categories::add);
        return action;
    }

    /**
     * Checks that a member, when present, is an object; a wrong type is added to the problems, not thrown.
     *
     * @param node the member, or null when absent
     * @param path its path
     * @param problems where a wrong type is reported
     */
    static void optionalObject(JsonNode node, String path, List<Problem> problems) {
        object(node, path, false, problems);
    }

    /** A 400 for problems at AuthZEN paths. */
    static HttpProblem invalid(List<Problem> problems) {
        int count = problems.size();
        return HttpProblem.invalidRequest("The request has " + count + (count == 1 ? " problem" : " problems") + ":", problems);
    }

    /**
     * The library's problems with a request, at the AuthZEN paths the request was read from.
     *
     * @param e what the library's validator found
     * @return a 400
     */
    static HttpProblem invalid(InvalidRequestException e) {
        return invalid(e.problems().stream().map(AuthzenMapping::atAuthzenPath).toList());
    }

    /**
     * A problem the library found, at the AuthZEN path of the value it is about.
     *
     * @param problem a problem at a contract path ({@code $.actor.role})
     * @return the same problem at the AuthZEN path ({@code $.subject.properties.role})
     */
    static Problem atAuthzenPath(Problem problem) {
        String path = problem.path();
        for (Map.Entry<String, String> entry : PATHS) {
            String from = entry.getKey();
            if (path.startsWith(from) && (path.length() == from.length() || path.charAt(from.length()) == '.'
                    || path.charAt(from.length()) == '[')) {
                return new Problem(entry.getValue() + path.substring(from.length()), problem.message(), problem.allowedValues(),
                        problem.suggestion(), problem.line(), problem.column());
            }
        }
        return problem;
    }

    private interface Part<T> {
        T make();
    }

    /** Makes one of the library's records, adding what its own checks found to the problems. */
    private static <T> T part(Part<T> part, List<Problem> problems) {
        try {
            return part.make();
        } catch (InvalidRequestException e) {
            e.problems().stream().map(AuthzenMapping::atAuthzenPath).forEach(problems::add);
            return null;
        }
    }

    private static void entityType(ObjectNode entity, String path, String expected, List<Problem> shape, List<Problem> types) {
        String type = text(entity, "type", path + ".type", true, shape);
        if (type != null && !type.equals(expected)) {
            types.add(new Problem(path + ".type", "\"" + HttpProblem.printable(type) + "\" is not a " + path.substring(2) + " type this PDP knows",
                    List.of(expected), null, 0, 0));
        }
    }

    private static ObjectNode object(JsonNode node, String path, boolean required, List<Problem> problems) {
        if (node == null || node.isMissingNode()) {
            if (required) {
                problems.add(Problem.at(path, "is required"));
            }
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(Problem.at(path, "must be an object, not " + kind(node)));
            return null;
        }
        return object;
    }

    private static String text(ObjectNode parent, String field, String path, boolean required, List<Problem> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            if (required) {
                problems.add(Problem.at(path, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Problem.at(path, "must be a string, not " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static List<String> strings(JsonNode node, String path, List<Problem> problems) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(Problem.at(path, "must be an array of strings, not " + kind(node)));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                values.add(item.textValue());
            } else {
                problems.add(Problem.at(path + "[" + i + "]", "must be a string, not " + kind(item)));
            }
        }
        return values;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ---- writing ----------------------------------------------------------------------------------

    /**
     * A decision as AuthZEN answers it.
     *
     * @param decision the library's decision
     * @param json the codec of the rule set that decided
     * @param interop whether to leave {@code context} out (interop mode)
     * @return {@code {"decision": true only for PERMIT, "context": ...}}
     */
    static ObjectNode decision(Decision decision, PolicyJson json, boolean interop) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("decision", decision.isPermitted());
        if (!interop) {
            node.set("context", context(decision, json));
        }
        return node;
    }

    /** The decision as the library writes it (the contract's shape), as a tree to reshape into the context. */
    static ObjectNode decisionTree(Decision decision, PolicyJson json) {
        try {
            return (ObjectNode) TREES.readTree(json.write(decision));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the library wrote a decision that does not parse", e);
        }
    }

    /**
     * A decision's {@code context}: the contract's decision, field for field, its obligations in the profile's shape
     * and left out when there are none.
     *
     * @param decision the decision
     * @param json the codec of the rule set that decided
     * @return the context
     */
    static ObjectNode context(Decision decision, PolicyJson json) {
        ObjectNode context = decisionTree(decision, json);
        ArrayNode obligations = obligations(context);
        if (obligations.isEmpty()) {
            context.remove("obligations");
        } else {
            context.set("obligations", obligations);
        }
        return context;
    }

    /**
     * The obligations of a decision in the AuthZEN obligations profile's shape.
     *
     * @param contractDecision the decision as the contract writes it
     * @return {@code [{"id": <rule id>, "type": "custom", "properties": {"rule", "message", "citation"}}]}
     */
    static ArrayNode obligations(ObjectNode contractDecision) {
        ArrayNode profile = JsonNodeFactory.instance.arrayNode();
        for (JsonNode obligation : contractDecision.path("obligations")) {
            ObjectNode item = profile.addObject();
            item.put("id", obligation.path("rule").asText());
            item.put("type", OBLIGATION_TYPE);
            item.set("properties", obligation.deepCopy());
        }
        return profile;
    }

    /**
     * A batch item that could not be decided: {@code decision:false}, and unless in interop mode its error.
     *
     * @param problem why it could not be decided
     * @param interop whether to leave {@code context} out
     * @return {@code {"decision": false, "context": {"error": {"status", "message", "problems"}}}}
     */
    static ObjectNode failed(HttpProblem problem, boolean interop) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("decision", false);
        if (!interop) {
            ObjectNode error = node.putObject("context").putObject("error");
            error.put("status", problem.status());
            error.put("message", problem.getMessage());
            error.set("problems", HttpProblem.problemsJson(problem.problems()));
        }
        return node;
    }

    /**
     * An error's plain-text body, as the standard's transport binding has it: the detail, then each problem on a line.
     *
     * @param problem the error
     * @return the text, ending in a line break
     */
    static String plainText(HttpProblem problem) {
        StringBuilder text = new StringBuilder(problem.getMessage()).append('\n');
        for (Problem each : problem.problems()) {
            text.append(each.describe()).append('\n');
        }
        return text.toString();
    }
}
