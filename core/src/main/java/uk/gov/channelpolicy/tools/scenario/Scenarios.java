package uk.gov.channelpolicy.tools.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.ChannelPolicyException;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.Trace;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * Finds and runs scenario files. A scenario file is JSON:
 *
 * <pre>{@code
 * {
 *   "description": "The Communications Division drafts party-political content for a minister",
 *   "given":  { ...a request, as in the contract... },
 *   "expect": {
 *     "outcome": "DENY",
 *     "channelType": "personal",
 *     "codes": ["civil-service-code", "ministerial-code"],
 *     "rules": ["dh.ministers.no-official-help-with-party-political"],
 *     "obligations": [], "advice": ["dh.principles.be-personal"], "responsibilities": ["minister"]
 *   }
 * }
 * }</pre>
 *
 * <p>{@code obligations}, {@code advice} and {@code responsibilities} are optional: left out, they
 * are not checked. Every other field is required and compared exactly (lists as sets).
 *
 * <p>A scenario may instead pin a request that must be refused as invalid (a contradictory request, say), with the
 * problems the one validator must give, and nothing else under {@code expect}:
 *
 * <pre>{@code
 *   "expect": { "invalid": [ { "path": "$.channel.owner", "allowed": ["absent"] } ] }
 * }</pre>
 *
 * <p>{@code allowed} is optional; the problems are compared as a set of paths (with their allowed values when given).
 */
public final class Scenarios {
    private static final Set<String> TOP = Set.of("description", "given", "expect");
    private static final Set<String> EXPECT = Set.of("outcome", "channelType", "codes", "rules", "obligations", "advice", "responsibilities",
            "invalid");
    private static final Set<String> EXPECTED_PROBLEM = Set.of("path", "allowed");

    private Scenarios() {
    }

    /**
     * Runs every {@code .json} file under a folder, in path order, against a policy.
     *
     * @param policy the policy to test
     * @param folder the scenario folder, walked recursively
     * @return one result per file; a file that cannot be read is a failed result naming its problems
     * @throws IOException if the folder cannot be walked
     */
    public static List<ScenarioResult> run(ChannelPolicy policy, Path folder) throws IOException {
        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : files(folder)) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            results.add(run(policy, name, Files.readString(file)));
        }
        return results;
    }

    /**
     * Runs the scenario files the policy's rule set ships (its {@code scenarios/} folder), in path order.
     * A forking department runs upstream's scenarios against its fork by passing the fork's policy and
     * upstream's files to {@link #run(ChannelPolicy, java.util.Map)}.
     *
     * @param policy the policy whose own scenarios to run
     * @return one result per file
     */
    public static List<ScenarioResult> run(ChannelPolicy policy) {
        return run(policy, policy.ruleSet().scenarioFiles());
    }

    /**
     * Runs scenario files given as text by name, in name order.
     *
     * @param policy the policy to test
     * @param files scenario texts by relative path
     * @return one result per file
     */
    public static List<ScenarioResult> run(ChannelPolicy policy, java.util.Map<String, String> files) {
        List<ScenarioResult> results = new ArrayList<>();
        new java.util.TreeMap<>(files).forEach((name, text) -> results.add(run(policy, name, text)));
        return results;
    }

    /**
     * The scenario files under a folder, in path order.
     *
     * @param folder the scenario folder
     * @return the {@code .json} files
     * @throws IOException if the folder cannot be walked
     */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * Reads one scenario file.
     *
     * @param policy the policy whose vocabulary the request must use
     * @param name the file's relative path
     * @param json the file's text
     * @return the scenario
     * @throws ChannelPolicyException (an {@code InvalidRequestException}) listing what is wrong with the file
     */
    public static Scenario read(ChannelPolicy policy, String name, String json) {
        ObjectMapper mapper = StrictJson.mapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw invalid(name, "malformed JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(root, TOP, "$", problems);
        JsonNode expect = root.path("expect");
        unknownFields(expect, EXPECT, "$.expect", problems);
        if (!root.path("description").isTextual()) {
            problems.add("$.description: is required, a sentence saying what the case is");
        }
        if (!root.path("given").isObject()) {
            problems.add("$.given: is required, a request object");
        }
        if (expect.has("invalid")) {
            List<Expectation.ExpectedProblem> invalid = expectedProblems(expect, problems);
            if (!problems.isEmpty()) {
                throw invalid(name, String.join("; ", problems));
            }
            return new Scenario(name, root.get("description").asText(), null, root.get("given").toString(),
                    Expectation.invalidRequest(invalid));
        }
        Outcome outcome = null;
        try {
            outcome = Outcome.valueOf(expect.path("outcome").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add("$.expect.outcome: is required, one of PERMIT, DENY, NOT_APPLICABLE, INDETERMINATE");
        }
        if (!expect.path("channelType").isTextual()) {
            problems.add("$.expect.channelType: is required");
        }
        List<String> codes = strings(expect, "codes", true, problems);
        List<String> rules = strings(expect, "rules", true, problems);
        List<String> obligations = strings(expect, "obligations", false, problems);
        List<String> advice = strings(expect, "advice", false, problems);
        List<String> responsibilities = strings(expect, "responsibilities", false, problems);
        if (!problems.isEmpty()) {
            throw invalid(name, String.join("; ", problems));
        }
        PolicyRequest given = policy.json().readRequest(root.get("given").toString());
        return new Scenario(name, root.get("description").asText(), given, root.get("given").toString(),
                new Expectation(outcome, expect.get("channelType").asText(), codes, rules, obligations, advice, responsibilities));
    }

    /**
     * Reads and runs one scenario file.
     *
     * @param policy the policy to test
     * @param name the file's relative path
     * @param json the file's text
     * @return the result; never throws for a bad file, the result names its problems instead
     */
    public static ScenarioResult run(ChannelPolicy policy, String name, String json) {
        Scenario scenario;
        try {
            scenario = read(policy, name, json);
        } catch (ChannelPolicyException e) {
            List<Mismatch> problems = e.problems().stream()
                    .map(p -> new Mismatch("file", "a valid scenario", p.describe(), "Fix the scenario file; nothing was evaluated."))
                    .toList();
            return new ScenarioResult(name, name, null, null, problems);
        }
        return run(policy, scenario);
    }

    /**
     * Runs one scenario.
     *
     * @param policy the policy to test
     * @param scenario the scenario
     * @return the result
     */
    public static ScenarioResult run(ChannelPolicy policy, Scenario scenario) {
        if (scenario.expect().expectsInvalid()) {
            return runInvalid(policy, scenario);
        }
        Trace trace = policy.trace(scenario.given());
        Decision decision = trace.decision();
        Expectation expect = scenario.expect();
        List<Mismatch> mismatches = new ArrayList<>();
        if (expect.outcome() != decision.outcome()) {
            mismatches.add(new Mismatch("outcome", expect.outcome().name(), decision.outcome().name(),
                    "The rule set " + verb(decision.outcome()) + " where the scenario expects it to " + infinitive(expect.outcome()) + "."));
        }
        if (!expect.channelType().equals(decision.channelType())) {
            mismatches.add(new Mismatch("channelType", expect.channelType(), String.valueOf(decision.channelType()),
                    "The channel was classified differently."));
        }
        compare("codes", expect.codes(), decision.codes(), "code", mismatches);
        compare("rules", expect.rules(), decision.ruleIds(), "deciding rule", mismatches);
        if (expect.obligations() != null) {
            compare("obligations", expect.obligations(), decision.obligations().stream().map(o -> o.rule()).toList(), "obligation", mismatches);
        }
        if (expect.advice() != null) {
            compare("advice", expect.advice(), decision.advice().stream().map(a -> a.rule()).toList(), "advice", mismatches);
        }
        if (expect.responsibilities() != null) {
            compare("responsibilities", expect.responsibilities(), decision.responsibilities().stream().map(Responsibility::role).toList(),
                    "responsible role", mismatches);
        }
        return new ScenarioResult(scenario.name(), scenario.description(), scenario, trace, mismatches);
    }

    /** A scenario that expects an invalid request: the one validator must refuse it with exactly the expected problems. */
    private static ScenarioResult runInvalid(ChannelPolicy policy, Scenario scenario) {
        List<Expectation.ExpectedProblem> expected = scenario.expect().invalid();
        List<Mismatch> mismatches = new ArrayList<>();
        try {
            PolicyRequest request = policy.json().readRequest(scenario.givenJson());
            Decision decision = policy.evaluateUnrecorded(request);
            mismatches.add(new Mismatch("invalid", expected.toString(), "a valid request, decided " + decision.outcome(),
                    "The rule set's validator accepts the request where the scenario expects it to be refused as invalid."));
        } catch (InvalidRequestException e) {
            // Paths, with the allowed values where the scenario gives them, compared as sets.
            Set<String> want = new TreeSet<>();
            Set<String> got = new TreeSet<>();
            for (Expectation.ExpectedProblem problem : expected) {
                want.add(problem.toString());
                got.addAll(e.problems().stream().filter(p -> p.path().equals(problem.path()))
                        .map(p -> problem.allowed() == null ? p.path() : p.path() + " " + p.allowedValues()).toList());
            }
            e.problems().stream().filter(p -> expected.stream().noneMatch(x -> x.path().equals(p.path())))
                    .forEach(p -> got.add(p.path() + " " + p.allowedValues()));
            if (!want.equals(got)) {
                mismatches.add(new Mismatch("invalid", want.toString(), got.toString(),
                        "The request is refused as invalid, but with other problems than the scenario expects: "
                                + e.problems().stream().map(Problem::describe).toList()));
            }
        }
        return new ScenarioResult(scenario.name(), scenario.description(), scenario, null, mismatches);
    }

    private static List<Expectation.ExpectedProblem> expectedProblems(JsonNode expect, List<String> problems) {
        List<String> others = new ArrayList<>();
        expect.fieldNames().forEachRemaining(field -> {
            if (!field.equals("invalid")) {
                others.add(field);
            }
        });
        if (!others.isEmpty()) {
            problems.add("$.expect: an invalid request has no decision, so \"invalid\" stands alone (remove " + String.join(", ", others) + ")");
        }
        JsonNode list = expect.get("invalid");
        List<Expectation.ExpectedProblem> expected = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add("$.expect.invalid: must be a non-empty list of problems, each {\"path\": ..., \"allowed\": [...]}");
            return expected;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "$.expect.invalid[" + i + "]";
            if (!item.isObject() || !item.path("path").isTextual()) {
                problems.add(at + ".path: is required, the JSON path of the problem, e.g. $.channel.owner");
                continue;
            }
            unknownFields(item, EXPECTED_PROBLEM, at, problems);
            List<String> allowed = null;
            if (item.has("allowed")) {
                allowed = new ArrayList<>();
                if (!item.get("allowed").isArray()) {
                    problems.add(at + ".allowed: must be a list of values");
                } else {
                    for (JsonNode value : item.get("allowed")) {
                        allowed.add(value.asText());
                    }
                }
            }
            expected.add(new Expectation.ExpectedProblem(item.get("path").asText(), allowed));
        }
        return expected;
    }

    private static void compare(String field, List<String> expected, List<String> actual, String what, List<Mismatch> mismatches) {
        Set<String> want = new TreeSet<>(expected);
        Set<String> got = new TreeSet<>(actual);
        if (want.equals(got)) {
            return;
        }
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        StringBuilder explanation = new StringBuilder();
        if (!missing.isEmpty()) {
            explanation.append("Expected ").append(what).append(missing.size() == 1 ? " " : "s ").append(missing)
                    .append(missing.size() == 1 ? " but it did not apply. " : " but they did not apply. ");
        }
        if (!extra.isEmpty()) {
            explanation.append("Did not expect ").append(what).append(extra.size() == 1 ? " " : "s ").append(extra)
                    .append(extra.size() == 1 ? " but it applied." : " but they applied.");
        }
        mismatches.add(new Mismatch(field, want.toString(), got.toString(), explanation.toString().strip()));
    }

    private static String verb(Outcome outcome) {
        return switch (outcome) {
            case PERMIT -> "permits the action";
            case DENY -> "denies the action";
            case NOT_APPLICABLE -> "has no rule for the action";
            case INDETERMINATE -> "failed while evaluating";
        };
    }

    private static String infinitive(Outcome outcome) {
        return switch (outcome) {
            case PERMIT -> "permit it";
            case DENY -> "deny it";
            case NOT_APPLICABLE -> "have no rule for it";
            case INDETERMINATE -> "fail";
        };
    }

    private static List<String> strings(JsonNode parent, String field, boolean required, List<String> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            if (required) {
                problems.add("$.expect." + field + ": is required, a list of ids (may be empty)");
            }
            return null;
        }
        if (!node.isArray()) {
            problems.add("$.expect." + field + ": must be a list of ids");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                problems.add("$.expect." + field + ": must hold only strings");
                return null;
            }
            values.add(item.asText());
        }
        return values;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String path, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(path + "." + name + ": is not a scenario field (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static ChannelPolicyException invalid(String name, String message) {
        return new uk.gov.channelpolicy.InvalidRequestException(List.of(Problem.at(name, message)));
    }
}
