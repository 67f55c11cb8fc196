package uk.gov.channelpolicy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.tools.scenario.Scenario;
import uk.gov.channelpolicy.tools.scenario.Scenarios;

/**
 * Makes the decisions file the standard's interop runner reads ({@code {"evaluation": [{request, expected}],
 * "evaluations": [{request, expected}]}}) from every DH scenario, each written as an AuthZEN request by the mapping
 * docs/authzen.md states. Singles expect the scenario's outcome as a boolean (true only for PERMIT); batches group the
 * scenarios by folder, the folder's most common subject given once as the top-level default, and two more batches run
 * every scenario under the short-circuit semantics, expecting the answers up to where they stop.
 *
 * <p>The file is checked in ({@link #FILE}) for the runner script; {@code AuthzenInteropTest} fails when it drifts from
 * the scenarios, and {@code -Dchannelpolicy.writeDocs=true} writes it again.
 */
final class AuthzenDecisionsFile {
    /** The checked-in file, which examples/server/authzen-interop.sh hands to the runner. */
    static final Path FILE = Path.of("src/test/resources/authzen/decisions-channel-policy.json");
    /** Where the DH scenarios are. */
    static final Path SCENARIOS = Servers.DH_DIRECTORY.resolve("scenarios");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One scenario as an AuthZEN evaluation. */
    record Case(String name, ObjectNode request, boolean expected) {
    }

    /** One batch: its name, the request, and the answers expected, compared as exact JSON. */
    record Batch(String name, ObjectNode request, ArrayNode expected) {
    }

    private AuthzenDecisionsFile() {
    }

    /**
     * Every DH scenario that expects a decision as an AuthZEN evaluation, in file order.
     *
     * @param policy the policy whose vocabulary the scenarios use
     * @return the cases
     */
    static List<Case> cases(ChannelPolicy policy) {
        List<Case> cases = new ArrayList<>();
        try {
            for (Path file : Scenarios.files(SCENARIOS)) {
                String name = SCENARIOS.relativize(file).toString().replace('\\', '/').replaceAll("\\.json$", "");
                Scenario scenario = Scenarios.read(policy, name, Files.readString(file));
                if (scenario.expect().expectsInvalid()) {
                    continue; // no decision to compare: AuthZEN answers an invalid request with a 400 (AuthzenEvaluationsTest)
                }
                cases.add(new Case(name, request(scenario.given()), scenario.expect().outcome() == Outcome.PERMIT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /**
     * The batches: one per scenario folder, then every scenario under each short-circuit semantic.
     *
     * @param cases the cases
     * @return the batches
     */
    static List<Batch> batches(List<Case> cases) {
        Map<String, List<Case>> folders = new LinkedHashMap<>();
        for (Case each : cases) {
            folders.computeIfAbsent(each.name().substring(0, each.name().indexOf('/')), folder -> new ArrayList<>()).add(each);
        }
        List<Batch> batches = new ArrayList<>();
        folders.forEach((folder, members) -> batches.add(batch(folder, members, null)));
        batches.add(batch("every scenario, deny_on_first_deny", cases, "deny_on_first_deny"));
        batches.add(batch("every scenario, permit_on_first_permit", cases, "permit_on_first_permit"));
        return batches;
    }

    private static Batch batch(String name, List<Case> members, String semantic) {
        JsonNode subject = mostCommonSubject(members);
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("subject", subject.deepCopy());
        if (semantic != null) {
            request.putObject("options").put("evaluations_semantic", semantic);
        }
        ArrayNode items = request.putArray("evaluations");
        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        boolean stopped = false;
        for (Case member : members) {
            ObjectNode item = member.request().deepCopy();
            if (item.get("subject").equals(subject)) {
                item.remove("subject"); // the top-level default, replaced whole by the items that give their own
            }
            items.add(item);
            if (stopped) {
                break; // one item past the stop, which must not be answered
            }
            expected.addObject().put("decision", member.expected());
            stopped = semantic != null && (semantic.equals("deny_on_first_deny") && !member.expected()
                    || semantic.equals("permit_on_first_permit") && member.expected());
        }
        return new Batch(name, request, expected);
    }

    private static JsonNode mostCommonSubject(List<Case> members) {
        Map<JsonNode, Integer> counts = new LinkedHashMap<>();
        members.forEach(member -> counts.merge(member.request().get("subject"), 1, Integer::sum));
        JsonNode best = null;
        int most = 0;
        for (Map.Entry<JsonNode, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > most) {
                best = entry.getKey();
                most = entry.getValue();
            }
        }
        return best;
    }

    /**
     * A request as AuthZEN asks it, by the mapping in docs/authzen.md.
     *
     * @param request the library's request
     * @return {@code {"subject", "action", "resource"}}
     */
    static ObjectNode request(PolicyRequest request) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode subject = node.putObject("subject");
        subject.put("type", "user");
        subject.put("id", request.actor().id());
        subject.putObject("properties").put("role", request.actor().role());
        ObjectNode action = node.putObject("action");
        action.put("name", request.action());
        ArrayNode content = action.putObject("properties").putArray("content");
        request.content().forEach(content::add);
        ObjectNode resource = node.putObject("resource");
        resource.put("type", "channel");
        resource.put("id", request.channel().handle() == null ? "" : request.channel().handle());
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        if (request.channel().type() != null) {
            properties.put("type", request.channel().type());
        }
        Owner owner = request.channel().owner();
        if (owner != null) {
            ObjectNode ownerNode = properties.putObject("owner");
            ownerNode.put("role", owner.role());
            if (owner.id() != null) {
                ownerNode.put("id", owner.id());
            }
            if (owner.capacity() != null) {
                ownerNode.put("capacity", owner.capacity());
            }
        }
        if (request.source() != null) {
            // The source of a promotion or share: resource.properties.source, as docs/authzen.md maps it.
            ObjectNode sourceNode = properties.putObject("source");
            if (request.source().handle() != null) {
                sourceNode.put("handle", request.source().handle());
            }
            Owner sourceOwner = request.source().owner();
            if (sourceOwner != null) {
                ObjectNode sourceOwnerNode = sourceNode.putObject("owner");
                sourceOwnerNode.put("role", sourceOwner.role());
                if (sourceOwner.id() != null) {
                    sourceOwnerNode.put("id", sourceOwner.id());
                }
                if (sourceOwner.capacity() != null) {
                    sourceOwnerNode.put("capacity", sourceOwner.capacity());
                }
            }
        }
        if (!properties.isEmpty()) {
            resource.set("properties", properties);
        }
        return node;
    }

    /**
     * The whole file's text: two-space indentation, one final line break.
     *
     * @param policy the policy whose vocabulary the scenarios use
     * @return the text
     */
    static String text(ChannelPolicy policy) {
        List<Case> cases = cases(policy);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode evaluation = root.putArray("evaluation");
        for (Case each : cases) {
            ObjectNode entry = evaluation.addObject();
            entry.set("request", each.request());
            entry.put("expected", each.expected());
        }
        ArrayNode evaluations = root.putArray("evaluations");
        for (Batch batch : batches(cases)) {
            ObjectNode entry = evaluations.addObject();
            entry.set("request", batch.request());
            entry.set("expected", batch.expected());
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
