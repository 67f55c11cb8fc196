package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.RuleSetException;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * One case of a rule set's {@code demo.json}: a question in plain words and the request that asks it.
 *
 * <p>{@code demo.json} is a JSON list: {@code [{"question": "May ...?", "request": {...}}, ...]}. It
 * lives beside the rule set's manifest, so a forked rule set brings its own demonstration.
 *
 * @param question the question, e.g. {@code May a minister tweet from @dhgovuk?}
 * @param request the request that asks it
 */
public record DemoCase(String question, PolicyRequest request) {
    /** The demonstration's file name in a rule-set folder. */
    public static final String FILE = "demo.json";

    private static final Set<String> FIELDS = Set.of("question", "request");

    /**
     * Checks that both parts are given.
     *
     * @param question the question
     * @param request the request
     */
    public DemoCase {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(request, "request");
    }

    /**
     * Reads a {@code demo.json}, checking every request against the policy's vocabulary.
     *
     * @param policy the policy whose vocabulary the requests use
     * @param name where the file came from, to name it in problems
     * @param json the file's text
     * @return the cases, in file order
     * @throws RuleSetException listing every problem, each naming the file: the demonstration is part of the rule set
     */
    public static List<DemoCase> readAll(ChannelPolicy policy, String name, String json) {
        JsonNode root;
        try {
            root = StrictJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new RuleSetException("cannot read " + name, List.of(new Problem(name, "malformed JSON: " + e.getOriginalMessage(),
                    List.of(), null, Math.max(0, e.getLocation().getLineNr()), Math.max(0, e.getLocation().getColumnNr()))));
        }
        List<Problem> problems = new ArrayList<>();
        List<DemoCase> cases = new ArrayList<>();
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new RuleSetException("invalid " + name, List.of(Problem.at(name + " $",
                    "must be a list of {\"question\": \"May ...?\", \"request\": {...}}, at least one")));
        }
        for (int i = 0; i < root.size(); i++) {
            String path = name + " $[" + i + "]";
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                problems.add(Problem.at(path, "must be an object {\"question\": ..., \"request\": ...}"));
                continue;
            }
            for (Iterator<String> fields = item.fieldNames(); fields.hasNext();) {
                String field = fields.next();
                if (!FIELDS.contains(field)) {
                    problems.add(new Problem(path + "." + field, "is not a demo field", List.of("question", "request"), null, 0, 0));
                }
            }
            JsonNode question = item.get("question");
            if (question == null || !question.isTextual() || question.asText().isBlank()) {
                problems.add(Problem.at(path + ".question", "is required: the question in plain words"));
            }
            JsonNode request = item.get("request");
            if (request == null || !request.isObject()) {
                problems.add(Problem.at(path + ".request", "is required: a request object"));
                continue;
            }
            try {
                PolicyRequest parsed = policy.json().readRequest(request.toString());
                if (question != null && question.isTextual() && !question.asText().isBlank()) {
                    cases.add(new DemoCase(question.asText(), parsed));
                }
            } catch (InvalidRequestException e) {
                for (Problem problem : e.problems()) {
                    // "$.actor.role" inside the request is "$[i].request.actor.role" in the file.
                    problems.add(new Problem(path + ".request" + problem.path().substring(1), problem.message(),
                            problem.allowedValues(), problem.suggestion(), 0, 0));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("invalid " + name, problems);
        }
        return List.copyOf(cases);
    }
}
