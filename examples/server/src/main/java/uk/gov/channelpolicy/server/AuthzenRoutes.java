package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.load.StrictJson;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The service as an OpenID AuthZEN Authorization API 1.0 policy decision point, beside its own {@code /v1} routes and
 * behind the same gate (Host, path spelling, token, body limits), metrics and decision log. What it reads and writes is
 * {@link AuthzenMapping}; docs/authzen.md says it all with real examples.
 *
 * <ul>
 * <li>{@value #EVALUATION}: one decision; a deny is a 200 with {@code decision:false}.</li>
 * <li>{@value #EVALUATIONS}: a batch with top-level defaults, each replaced whole by an item's own, under one of the
 *     three {@code options.evaluations_semantic}; results in request order; an item that cannot be decided is
 *     {@code decision:false} with {@code context.error}, and the call still answers 200.</li>
 * <li>{@value #SEARCH_ACTION}: the actions, in vocabulary order, that the rule set permits this subject on this
 *     resource with the content in {@code context.content} (the vocabulary's first content category when absent).</li>
 * <li>{@value #SEARCH_SUBJECT} and {@value #SEARCH_RESOURCE}: not offered, and answered 404 saying why: the service
 *     holds no directory of people or channels to enumerate.</li>
 * <li>{@value #CONFIGURATION}: the metadata, open like {@code /health}.</li>
 * </ul>
 *
 * <p>Errors have plain-text bodies, as the standard's transport binding says (the server writes every error on these
 * paths that way, see {@link #isAuthzenPath}); 400 covers a wrong content type too. Interop mode leaves out every
 * {@code context}, and the obligations of search results, because the standard's interop runner compares answers
 * exactly.
 */
final class AuthzenRoutes {
    /** Where every AuthZEN API route starts. */
    static final String PREFIX = "/access/v1/";
    /** One decision. */
    static final String EVALUATION = "/access/v1/evaluation";
    /** A batch of decisions. */
    static final String EVALUATIONS = "/access/v1/evaluations";
    /** Which actions may this subject take on this resource. */
    static final String SEARCH_ACTION = "/access/v1/search/action";
    /** Which subjects may take this action on this resource: not offered. */
    static final String SEARCH_SUBJECT = "/access/v1/search/subject";
    /** On which resources may this subject take this action: not offered. */
    static final String SEARCH_RESOURCE = "/access/v1/search/resource";
    /** The PDP's metadata. */
    static final String CONFIGURATION = "/.well-known/authzen-configuration";
    /** The request identifier every response echoes. */
    static final String REQUEST_ID = "X-Request-ID";
    /** The content type of every AuthZEN answer. */
    static final String JSON = "application/json";
    /** The content type of every AuthZEN error. */
    static final String TEXT = "text/plain; charset=utf-8";

    /** The three evaluation semantics of a batch; the first is the default. */
    static final List<String> SEMANTICS = List.of("execute_all", "deny_on_first_deny", "permit_on_first_permit");

    /** Why there is no subject search, the body of its 404. */
    static final String NO_SUBJECT_SEARCH = "This PDP offers no subject search. It holds no directory of people: every request"
            + " names its subject, and the rule set decides by the subject's role and whether the subject owns the channel, so"
            + " the people who may act cannot be listed. Ask " + EVALUATION + " for each person, or " + SEARCH_ACTION
            + " for what one person may do. The metadata at " + CONFIGURATION + " lists the searches offered.";
    /** Why there is no resource search, the body of its 404. */
    static final String NO_RESOURCE_SEARCH = "This PDP offers no resource search. It holds no directory of channels: every"
            + " request describes its channel (handle, type, owner), so the channels a person may act on cannot be listed. Ask "
            + EVALUATION + " for each channel, or " + SEARCH_ACTION + " for what one person may do on one. The metadata at "
            + CONFIGURATION + " lists the searches offered.";

    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private final ChannelPolicy policy;
    private final ServerMetrics metrics;
    private final ServerConfig config;
    private final Supplier<String> ownAddress;
    private final AuthzenMapping single;
    private final AuthzenMapping batch;

    /**
     * The routes for a server.
     *
     * @param policy decides
     * @param metrics counts decisions and invalid requests
     * @param config the limits, interop mode and the public base URL
     * @param ownAddress the server's own address ({@code http://host:port}), the base URL when none is configured
     */
    AuthzenRoutes(ChannelPolicy policy, ServerMetrics metrics, ServerConfig config, Supplier<String> ownAddress) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        this.ownAddress = Objects.requireNonNull(ownAddress, "ownAddress");
        this.single = new AuthzenMapping(config.maxBodyBytes());
        this.batch = new AuthzenMapping(config.maxBatchBodyBytes());
    }

    /**
     * Whether a path is one of the AuthZEN API's, whose errors are plain text.
     *
     * @param path the path asked for, or null
     * @return true for {@code /access/v1/...}
     */
    static boolean isAuthzenPath(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    // ---- the routes -------------------------------------------------------------------------------

    /** {@code POST /access/v1/evaluation}. */
    void evaluation(Context ctx) {
        ObjectNode root = single.object(body(ctx, config.maxBodyBytes()));
        answer(ctx, evaluateOne(root, ctx));
    }

    /** {@code POST /access/v1/evaluations}. */
    void evaluations(Context ctx) {
        ObjectNode root = batch.object(body(ctx, config.maxBatchBodyBytes()));
        List<Problem> shape = new ArrayList<>();
        for (String member : List.of("subject", "action", "resource", "context", "options")) {
            AuthzenMapping.optionalObject(root.get(member), "$." + member, shape);
        }
        JsonNode items = root.get("evaluations");
        if (items != null && !items.isArray()) {
            shape.add(Problem.at("$.evaluations", "must be an array of evaluations"));
        }
        String semantic = semantic(root.get("options"), shape);
        if (!shape.isEmpty()) {
            throw AuthzenMapping.invalid(shape);
        }
        if (items == null || items.isEmpty()) {
            // The standard: without evaluations, the call is a single evaluation of the top-level entities.
            answer(ctx, evaluateOne(root, ctx));
            return;
        }
        if (items.size() > config.maxBatchItems()) {
            throw HttpProblem.payloadTooLarge("The batch holds more than the " + config.maxBatchItems() + " evaluations a batch may have.");
        }
        ChannelPolicy.Version version = DecisionServer.versionFor(ctx, policy); // every evaluation by one version
        PolicyJson json = version.json();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : items) {
            ObjectNode result;
            boolean permitted = false;
            try {
                if (!(item instanceof ObjectNode evaluation)) {
                    throw HttpProblem.invalidRequest("The evaluation is not an object.", List.of(Problem.at("$", "must be an object")));
                }
                List<Problem> itemShape = new ArrayList<>();
                AuthzenMapping.optionalObject(evaluation.get("context"), "$.context", itemShape);
                AuthzenMapping.Read read = AuthzenMapping.read(either(evaluation, root, "subject"), either(evaluation, root, "action"),
                        either(evaluation, root, "resource"));
                itemShape.addAll(read.problems());
                if (!itemShape.isEmpty()) {
                    throw AuthzenMapping.invalid(itemShape);
                }
                PolicyRequest request = read.request();
                Decision decision = evaluate(version, request);
                permitted = decision.isPermitted();
                result = AuthzenMapping.decision(decision, json, config.authzenInterop());
            } catch (HttpProblem invalid) {
                metrics.invalid(EVALUATIONS);
                result = AuthzenMapping.failed(invalid, config.authzenInterop());
            }
            results.add(result);
            if (semantic.equals("deny_on_first_deny") && !permitted || semantic.equals("permit_on_first_permit") && permitted) {
                break;
            }
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("evaluations", results);
        answer(ctx, answer);
    }

    /** {@code POST /access/v1/search/action}. */
    void searchAction(Context ctx) {
        ObjectNode root = single.object(body(ctx, config.maxBodyBytes()));
        ChannelPolicy.Version version = DecisionServer.versionFor(ctx, policy); // the vocabulary searched and every decision
        Vocabulary vocabulary = version.vocabulary();
        List<String> actions = vocabulary.ids(Vocabulary.Kind.ACTIONS);
        // The action member, if any, is not read: it is what is searched for.
        ObjectNode searched = AuthzenMapping.searchedAction(root.get("context"), actions.get(0), vocabulary.ids(Vocabulary.Kind.CONTENT).get(0));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode results = answer.putArray("results");
        AuthzenMapping.Read read = AuthzenMapping.read(root.get("subject"), searched, root.get("resource"));
        if (read.request() == null && !read.unknownTypes()) {
            throw AuthzenMapping.invalid(read.problems());
        }
        if (read.request() != null) {
            PolicyJson json = version.json();
            for (String action : actions) {
                if (read.request().source() != null && !vocabulary.takesSource(action)) {
                    // A resource with a source asks what may be done with that tweet: only an amplifying action takes one.
                    continue;
                }
                Decision decision;
                try {
                    // Candidates, not decisions anyone acts on: not recorded in the decision log.
                    decision = version.evaluateUnrecorded(read.request().toBuilder().action(action).build());
                } catch (InvalidRequestException unknown) {
                    // An id the vocabulary does not have permits nothing: the standard's answer is no results.
                    results.removeAll();
                    break;
                }
                if (decision.isPermitted()) {
                    ObjectNode result = results.addObject();
                    result.put("name", action);
                    // The content it was decided for, so that the result, sent back as an evaluation's action, is decided the same.
                    result.set("properties", searched.get("properties").deepCopy());
                    ArrayNode obligations = AuthzenMapping.obligations(AuthzenMapping.decisionTree(decision, json));
                    if (!obligations.isEmpty() && !config.authzenInterop()) {
                        result.set("obligations", obligations);
                    }
                }
            }
        }
        answer(ctx, answer);
    }

    /** {@code POST /access/v1/search/subject} and {@code /search/resource}: not offered, and why. */
    void notOffered(Context ctx, String why) {
        ctx.status(404).contentType(TEXT).result(why + "\n");
    }

    /** {@code GET /.well-known/authzen-configuration}. */
    void configuration(Context ctx) {
        String base;
        if (config.publicBaseUrl() != null) {
            base = config.publicBaseUrl();
        } else if (AllowedHosts.isWildcard(config.host())) {
            // Listening on every interface names no address: the one this client used is one the Host check admitted.
            base = "http://" + ctx.header("Host");
        } else {
            base = ownAddress.get();
        }
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("policy_decision_point", base);
        metadata.put("access_evaluation_endpoint", base + EVALUATION);
        metadata.put("access_evaluations_endpoint", base + EVALUATIONS);
        metadata.put("search_action_endpoint", base + SEARCH_ACTION);
        metadata.putArray("supported_obligations").add(AuthzenMapping.OBLIGATION_TYPE);
        answer(ctx, metadata);
    }

    // ---- deciding ----------------------------------------------------------------------------------

    /**
     * A single evaluation of the root's entities; a 400 if it cannot be decided. The response names the rule-set version
     * that decided, as {@code /v1/decisions} does, even if a reload came in between.
     */
    private ObjectNode evaluateOne(ObjectNode root, Context ctx) {
        List<Problem> shape = new ArrayList<>();
        AuthzenMapping.optionalObject(root.get("context"), "$.context", shape);
        AuthzenMapping.Read read = AuthzenMapping.read(root.get("subject"), root.get("action"), root.get("resource"));
        shape.addAll(read.problems());
        if (!shape.isEmpty()) {
            throw AuthzenMapping.invalid(shape);
        }
        ChannelPolicy.Version version = policy.version();
        Decision decision = evaluate(version, read.request());
        ctx.header(DecisionServer.RULE_SET_HEADER, DecisionServer.headerValue(decision.ruleSet()));
        return AuthzenMapping.decision(decision, version.json(), config.authzenInterop());
    }

    /** Decides and counts; a request the validator refuses is a 400 at AuthZEN paths. Recorded in the decision log. */
    private Decision evaluate(ChannelPolicy.Version version, PolicyRequest request) {
        long start = System.nanoTime();
        Decision decision;
        try {
            decision = version.evaluate(request);
        } catch (InvalidRequestException e) {
            throw AuthzenMapping.invalid(e);
        }
        metrics.decided(decision, System.nanoTime() - start);
        return decision;
    }

    /** An item's own entity, or the top level's default when the item has none: replaced whole, never merged. */
    private static JsonNode either(ObjectNode item, ObjectNode root, String member) {
        return item.has(member) ? item.get(member) : root.get(member);
    }

    private static String semantic(JsonNode options, List<Problem> problems) {
        if (!(options instanceof ObjectNode object) || !object.has("evaluations_semantic")) {
            return SEMANTICS.get(0);
        }
        JsonNode value = object.get("evaluations_semantic");
        if (value.isTextual() && SEMANTICS.contains(value.textValue())) {
            return value.textValue();
        }
        problems.add(new Problem("$.options.evaluations_semantic", value.isTextual()
                ? "\"" + HttpProblem.printable(value.textValue()) + "\" is not an evaluations semantic" : "must be a string",
                SEMANTICS, null, 0, 0));
        return SEMANTICS.get(0);
    }

    // ---- reading and writing -----------------------------------------------------------------------

    /** The body, if it is JSON: a wrong or missing content type is a 400 here, as the certification scenario has it. */
    private static String body(Context ctx, long maxBytes) {
        try {
            RequestBody.mediaType(ctx, Set.of(RequestBody.JSON));
        } catch (HttpProblem unsupported) {
            throw HttpProblem.invalidRequest(unsupported.getMessage(), List.of());
        }
        return RequestBody.text(ctx, maxBytes);
    }

    private static void answer(Context ctx, ObjectNode answer) {
        try {
            ctx.contentType(JSON).result(MAPPER.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
