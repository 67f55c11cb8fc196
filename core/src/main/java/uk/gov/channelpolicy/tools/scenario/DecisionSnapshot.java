package uk.gov.channelpolicy.tools.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Source;
import uk.gov.channelpolicy.json.PolicyJson;
import uk.gov.channelpolicy.tools.RequestDomain;

/**
 * What a policy decides for every request of its vocabulary's {@link RequestDomain}, kept as files so a
 * rewrite of the rules can be shown to decide exactly the same. Each request has a readable key, such as
 * {@code minister|post|-|self:personal|political+party-political} (actor role | action | stated channel
 * type or {@code -} | owner: {@code none}, {@code self:capacity} or {@code other:role:capacity}, capacity
 * {@code -} when unstated | content categories joined by {@code +}), with {@code |source:} and the amplified tweet's
 * owner in the same form appended only when the request names a source, and the digest of its decision: the
 * first 16 hex digits of the SHA-256 of the decision's JSON as {@code policy.json()} writes it, without
 * its {@code ruleSet} member, since a rewrite changes the rule set's identity but must not change what it
 * decides, and without a NOT_APPLICABLE decision's {@code notApplicable} explanation, which follows from the
 * decisions of the requests around it.
 *
 * <p>On disk a snapshot is two UTF-8 files: {@code NAME.tsv} (or {@code NAME.tsv.gz}, gzipped, for a large domain), one
 * {@code key<TAB>digest} line per request in domain order, and beside it {@code NAME-decisions.jsonl.gz}, one {@code digest<TAB>json} line per
 * distinct decision, so a difference can show the old decision in full. The decisions are gzipped: their
 * citations repeat, and DH's 1,870 distinct decisions would otherwise take 4 MB.
 *
 * @param entries one per request, in domain order
 * @param decisions the decision JSON for every digest the entries use, in order of first use
 */
public record DecisionSnapshot(List<Entry> entries, Map<String, String> decisions) {
    /** How many differences {@link Comparison#render()} shows in full. */
    public static final int DEFAULT_SHOWN = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One request's key and the digest of its decision.
     *
     * @param key the request's readable key
     * @param digest the first 16 hex digits of the SHA-256 of the decision JSON without {@code ruleSet}
     */
    public record Entry(String key, String digest) {
        /**
         * Checks the components.
         *
         * @param key the key
         * @param digest the digest
         */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * A request the compared policy decides differently from the snapshot.
     *
     * @param key the request's key
     * @param oldDigest the digest in the snapshot
     * @param newDigest the digest of the compared policy's decision
     * @param oldDecision the snapshot's decision JSON, without {@code ruleSet}
     * @param newDecision the compared policy's decision JSON, without {@code ruleSet}
     */
    public record Difference(String key, String oldDigest, String newDigest, String oldDecision, String newDecision) {
        /**
         * The outcomes before and after, e.g. {@code DENY -> PERMIT}.
         *
         * @return the two outcomes
         */
        public String outcomes() {
            return outcomeOf(tree(oldDecision)) + " -> " + outcomeOf(tree(newDecision));
        }

        /**
         * One line: the rule ids only the old decision names ({@code -}) and only the new one names
         * ({@code +}), across reasons, obligations, advice and responsibilities, and the JSON members
         * that differ.
         *
         * @return e.g. {@code rules -dh.a +dh.b; differs in outcome, reasons}
         */
        public String change() {
            JsonNode before = tree(oldDecision);
            JsonNode after = tree(newDecision);
            if (after.has("invalid")) {
                return "the request is now invalid";
            }
            Set<String> rulesBefore = ruleIds(before);
            Set<String> rulesAfter = ruleIds(after);
            StringBuilder rules = new StringBuilder();
            rulesBefore.stream().filter(id -> !rulesAfter.contains(id)).forEach(id -> rules.append(" -").append(id));
            rulesAfter.stream().filter(id -> !rulesBefore.contains(id)).forEach(id -> rules.append(" +").append(id));
            Set<String> members = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(members::add);
            after.fieldNames().forEachRemaining(members::add);
            members.removeIf(name -> before.path(name).equals(after.path(name)));
            Set<String> codesBefore = new LinkedHashSet<>();
            Set<String> codesAfter = new LinkedHashSet<>();
            before.path("codes").forEach(code -> codesBefore.add(code.asText()));
            after.path("codes").forEach(code -> codesAfter.add(code.asText()));
            StringBuilder codes = new StringBuilder();
            codesBefore.stream().filter(code -> !codesAfter.contains(code)).forEach(code -> codes.append(" -").append(code));
            codesAfter.stream().filter(code -> !codesBefore.contains(code)).forEach(code -> codes.append(" +").append(code));
            return (rules.isEmpty() ? "same rules" : "rules" + rules) + (codes.isEmpty() ? "" : "; codes" + codes)
                    + "; differs in " + String.join(", ", members);
        }

        /** The decision's outcome, or {@code INVALID} for a request refused as invalid. */
        private static String outcomeOf(JsonNode decision) {
            return decision.has("invalid") ? "INVALID" : decision.path("outcome").asText();
        }

        private static Set<String> ruleIds(JsonNode decision) {
            Set<String> ids = new TreeSet<>();
            for (String member : List.of("reasons", "obligations", "advice", "responsibilities")) {
                decision.path(member).forEach(item -> ids.add(item.path("rule").asText()));
            }
            return ids;
        }
    }

    /**
     * The result of comparing a policy with a snapshot.
     *
     * @param compared how many requests were decided and compared
     * @param differences every request decided differently, in domain order
     */
    public record Comparison(long compared, List<Difference> differences) {
        /**
         * Copies the components.
         *
         * @param compared how many requests were compared
         * @param differences the differences
         */
        public Comparison {
            differences = List.copyOf(differences);
        }

        /**
         * Whether the policy decides every request as the snapshot does.
         *
         * @return true when there is no difference
         */
        public boolean same() {
            return differences.isEmpty();
        }

        /**
         * The differences for a person, showing the first {@value DecisionSnapshot#DEFAULT_SHOWN}.
         *
         * @return the text
         */
        public String render() {
            return render(DEFAULT_SHOWN);
        }

        /**
         * The differences for a person: how many differ, a count for each change of outcome, then for each
         * of the first few the request's key, the outcomes and the rules that differ.
         *
         * @param shown how many differences to show in full, 0 or more
         * @return the text, ending with a line break
         */
        public String render(int shown) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d of %,d decisions differ from the snapshot%n",
                    differences.size(), compared));
            if (differences.isEmpty()) {
                return text.toString();
            }
            Map<String, Integer> byOutcomes = new LinkedHashMap<>();
            differences.forEach(d -> byOutcomes.merge(d.outcomes(), 1, Integer::sum));
            byOutcomes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> text.append(String.format(Locale.ROOT, "  %,7d  %s%n", e.getValue(), e.getKey())));
            int limit = Math.min(Math.max(0, shown), differences.size());
            for (Difference difference : differences.subList(0, limit)) {
                text.append(difference.key()).append(System.lineSeparator()).append("    ").append(difference.outcomes()).append("; ")
                        .append(difference.change()).append(System.lineSeparator());
            }
            if (limit < differences.size()) {
                text.append(String.format(Locale.ROOT, "... and %,d more%n", differences.size() - limit));
            }
            return text.toString();
        }
        /**
         * The differences for a reviewer, grouped: one line per kind of change (the outcomes, the rule ids only the
         * old or only the new decision names, and the members that differ), most frequent first, with how many
         * requests it affects and the first of them. Every difference is in exactly one group, so the lines add up to
         * the total; a reviewed change of readings is listed this way in {@code docs/rules-dh.md}.
         *
         * @return the text, ending with a line break
         */
        public String summary() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d of %,d decisions differ%n",
                    differences.size(), compared));
            Map<String, List<String>> byChange = new LinkedHashMap<>();
            for (Difference difference : differences) {
                byChange.computeIfAbsent(difference.outcomes() + "; " + difference.change(), k -> new ArrayList<>()).add(difference.key());
            }
            byChange.entrySet().stream()
                    .sorted(Map.Entry.<String, List<String>>comparingByValue(java.util.Comparator.comparingInt(List::size)).reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> text.append(String.format(Locale.ROOT, "%,7d  %s%n         e.g. %s%n", e.getValue().size(), e.getKey(),
                            e.getValue().get(0))));
            return text.toString();
        }
    }

    /**
     * Copies the components.
     *
     * @param entries the entries, in domain order
     * @param decisions the decision JSON by digest
     */
    public DecisionSnapshot {
        entries = List.copyOf(entries);
        decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
    }

    /**
     * Decides every request of the policy's vocabulary's domain and records the decisions.
     *
     * @param policy the policy; its decision cache, on or off, makes no difference
     * @return the snapshot
     */
    public static DecisionSnapshot of(ChannelPolicy policy) {
        RequestDomain domain = RequestDomain.of(policy.vocabulary());
        List<Entry> entries = new ArrayList<>((int) domain.size());
        Map<String, String> decisions = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (PolicyRequest request : domain) {
            String key = key(request);
            if (!keys.add(key)) {
                throw new IllegalStateException("two requests of the domain have the key " + key);
            }
            String json = decisionJson(policy, policy.evaluate(request));
            String digest = digest(json);
            String earlier = decisions.putIfAbsent(digest, json);
            if (earlier != null && !earlier.equals(json)) {
                throw new IllegalStateException("two decisions share the digest " + digest + ":\n" + earlier + "\n" + json);
            }
            entries.add(new Entry(key, digest));
        }
        return new DecisionSnapshot(entries, decisions);
    }

    /**
     * A request's readable key, unique within a {@link RequestDomain}.
     *
     * @param request the request
     * @return e.g. {@code official|reply|personal|other:minister:official|departmental+political}
     */
    public static String key(PolicyRequest request) {
        Owner owner = request.channel().owner();
        String ownerPart = owner == null ? "none"
                : request.actsOnOwnChannel() ? "self:" + orDash(owner.capacity())
                : "other:" + owner.role() + ":" + orDash(owner.capacity());
        String key = String.join("|", request.actor().role(), request.action(), orDash(request.channel().type()), ownerPart,
                String.join("+", request.content()));
        if (request.source() == null) {
            return key; // a request without a source keeps the key it had before sources existed
        }
        Owner source = request.source().owner();
        return key + "|source:" + (source == null ? "none"
                : request.sourceIsActorsOwn() ? "self:" + orDash(source.capacity())
                : "other:" + source.role() + ":" + orDash(source.capacity()));
    }

    /**
     * A decision's JSON as the policy's codec writes it, without the {@code ruleSet} member and without a NOT_APPLICABLE
     * decision's {@code notApplicable} explanation: that is read off the decisions of the requests around it, which the
     * snapshot compares in their own right, so one changed rule would otherwise show again under every neighbour.
     *
     * @param policy the policy that decided
     * @param decision the decision
     * @return compact JSON on one line
     */
    public static String decisionJson(ChannelPolicy policy, Decision decision) {
        ObjectNode node;
        try {
            node = (ObjectNode) MAPPER.readTree(policy.json().write(decision));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        node.remove("ruleSet");
        node.remove("notApplicable");
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision could not be written as JSON", e);
        }
    }

    /**
     * The first 16 hex digits of the SHA-256 of a text's UTF-8 bytes.
     *
     * @param json the text
     * @return 16 lower-case hex digits
     */
    public static String digest(String json) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The decisions file that goes with a snapshot file: {@code NAME-decisions.jsonl.gz} beside {@code NAME.tsv}.
     *
     * @param file the snapshot file
     * @return the decisions file
     */
    public static Path decisionsFile(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".tsv.gz") ? name.substring(0, name.length() - 7)
                : name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + "-decisions.jsonl.gz");
    }

    /**
     * Writes the snapshot to a file and its decisions to {@link #decisionsFile} beside it, creating the folder.
     *
     * @param file the snapshot file, e.g. {@code dh-1.0.0.tsv}
     */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // A NAME.tsv.gz snapshot is gzipped too: a large domain's keys repeat, much like the decisions' citations.
            try (BufferedWriter out = file.toString().endsWith(".gz")
                    ? new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Entry entry : entries) {
                    out.write(entry.key() + "\t" + entry.digest() + "\n");
                }
            }
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                    Files.newOutputStream(decisionsFile(file))), StandardCharsets.UTF_8))) {
                for (Map.Entry<String, String> decision : decisions.entrySet()) {
                    out.write(decision.getKey() + "\t" + decision.getValue() + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the decision snapshot " + file, e);
        }
    }

    /**
     * Reads a snapshot written by {@link #write}, checking every line and every decision's digest.
     *
     * @param file the snapshot file; its decisions are read from {@link #decisionsFile} beside it
     * @return the snapshot
     * @throws IllegalArgumentException naming the file and line of anything malformed or inconsistent
     * @throws UncheckedIOException if a file cannot be read
     */
    public static DecisionSnapshot read(Path file) {
        Path decisionsFile = decisionsFile(file);
        Map<String, String> decisions = new LinkedHashMap<>();
        int number = 0;
        for (String line : lines(decisionsFile)) {
            number++;
            int tab = line.indexOf('\t');
            String json = line.substring(tab + 1);
            if (tab < 0 || !line.substring(0, tab).equals(digest(json))) {
                throw new IllegalArgumentException(decisionsFile + " line " + number
                        + ": expected digest<TAB>decision JSON, the digest being that of the JSON");
            }
            decisions.put(line.substring(0, tab), json);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        number = 0;
        for (String line : lines(file)) {
            number++;
            String[] parts = line.split("\t", -1);
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException(file + " line " + number + ": expected key<TAB>digest");
            }
            Integer earlier = lineOfKey.putIfAbsent(parts[0], number);
            if (earlier != null) {
                throw new IllegalArgumentException(file + " line " + number + ": key " + parts[0] + " is also on line " + earlier);
            }
            if (!decisions.containsKey(parts[1])) {
                throw new IllegalArgumentException(file + " line " + number + ": digest " + parts[1] + " is not in " + decisionsFile);
            }
            entries.add(new Entry(parts[0], parts[1]));
        }
        return new DecisionSnapshot(entries, decisions);
    }

    /**
     * Decides the domain with a policy and compares every decision with this snapshot's.
     *
     * @param policy the policy to compare, e.g. a rewrite of the rule set the snapshot was made from
     * @return the comparison
     * @throws IllegalArgumentException if the snapshot's keys are not exactly the policy's domain (a
     *     vocabulary changed), naming a few keys on each side
     */
    public Comparison compare(ChannelPolicy policy) {
        DecisionSnapshot now = of(policy);
        Map<String, String> old = new LinkedHashMap<>();
        entries.forEach(entry -> old.put(entry.key(), entry.digest()));
        List<String> notInSnapshot = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        for (Entry entry : now.entries) {
            String oldDigest = old.remove(entry.key());
            if (oldDigest == null) {
                notInSnapshot.add(entry.key());
            } else if (!oldDigest.equals(entry.digest())) {
                differences.add(new Difference(entry.key(), oldDigest, entry.digest(), decisions.get(oldDigest),
                        now.decisions.get(entry.digest())));
            }
        }
        if (!notInSnapshot.isEmpty() || !old.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the snapshot is not of this policy's request domain (did "
                    + "the vocabulary change?): %,d of the snapshot's %,d keys are not in the domain%s; %,d of the domain's %,d keys "
                    + "are not in the snapshot%s", old.size(), entries.size(), examples(old.keySet()), notInSnapshot.size(),
                    now.entries.size(), examples(notInSnapshot)));
        }
        return new Comparison(now.entries.size(), differences);
    }

    /** The decision a later snapshot "makes" for a request its domain no longer holds: its vocabulary now refuses it. */
    public static final String LEFT_THE_DOMAIN = "{\"invalid\":\"not in the later snapshot's domain: the request is now invalid\"}";

    /**
     * Compares this snapshot with a later one of the same rule set, request by request over this snapshot's keys,
     * without deciding anything: how a reviewed change of readings is listed. A key the later snapshot does not hold
     * differs, its new decision being {@link #LEFT_THE_DOMAIN}; keys only the later one holds (a vocabulary that grew)
     * are not compared.
     *
     * @param later the later snapshot
     * @return the comparison, over this snapshot's requests in its order
     */
    public Comparison compare(DecisionSnapshot later) {
        Map<String, String> after = new HashMap<>();
        later.entries.forEach(entry -> after.put(entry.key(), entry.digest()));
        String leftDigest = digest(LEFT_THE_DOMAIN);
        List<Difference> differences = new ArrayList<>();
        for (Entry entry : entries) {
            String digest = after.get(entry.key());
            if (digest == null) {
                differences.add(new Difference(entry.key(), entry.digest(), leftDigest, decisions.get(entry.digest()), LEFT_THE_DOMAIN));
            } else if (!digest.equals(entry.digest())) {
                differences.add(new Difference(entry.key(), entry.digest(), digest, decisions.get(entry.digest()),
                        later.decisions.get(digest)));
            }
        }
        return new Comparison(entries.size(), differences);
    }

    /**
     * Decides each request this snapshot holds with a policy and compares the decisions, whatever else the policy's
     * domain holds: for a vocabulary that grew, this shows that every request of the old vocabulary decides as
     * before. A request the policy now refuses as invalid differs, its new "decision" being {@code {"invalid": [...]}}
     * with the problems as the policy's codec writes them.
     *
     * @param policy the policy to compare; its vocabulary must have every id the snapshot's keys use
     * @return the comparison, over this snapshot's requests in its order
     */
    public Comparison compareItsRequests(ChannelPolicy policy) {
        List<Difference> differences = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Entry entry : entries) {
            String json;
            try {
                json = decisionJson(policy, policy.evaluate(request(entry.key())));
            } catch (InvalidRequestException e) {
                ObjectNode invalid = MAPPER.createObjectNode();
                try {
                    invalid.set("invalid", MAPPER.readTree(PolicyJson.writeProblems(e.problems())));
                } catch (IOException unreadable) {
                    throw new UncheckedIOException(unreadable);
                }
                json = invalid.toString();
            }
            String digest = seen.computeIfAbsent(json, DecisionSnapshot::digest);
            if (!digest.equals(entry.digest())) {
                differences.add(new Difference(entry.key(), entry.digest(), digest, decisions.get(entry.digest()), json));
            }
        }
        return new Comparison(entries.size(), differences);
    }

    /**
     * The request a key stands for, as {@link RequestDomain} makes it: the actor is {@value RequestDomain#ACTOR_ID},
     * another owner {@value RequestDomain#OTHER_ID}.
     *
     * @param key a key as {@link #key} writes it
     * @return the request
     * @throws IllegalArgumentException if the key is not of that form
     */
    public static PolicyRequest request(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 5 && !(parts.length == 6 && parts[5].startsWith("source:")) || parts[4].isEmpty()) {
            throw new IllegalArgumentException("not a request key (role|action|type|owner|content[|source:owner]): " + key);
        }
        Owner channelOwner = owner(parts[3], parts[0], key);
        Source source = parts.length == 6 ? new Source(null, owner(parts[5].substring("source:".length()), parts[0], key)) : null;
        return PolicyRequest.builder(Actor.of(parts[0], RequestDomain.ACTOR_ID), parts[1])
                .channel(new Channel(dashless(parts[2]), null, channelOwner)).content(List.of(parts[4].split("\\+")))
                .source(source).build();
    }

    /** An owner part of a key: {@code none}, {@code self:capacity} or {@code other:role:capacity}. */
    private static Owner owner(String part, String actorRole, String key) {
        String[] owner = part.split(":", -1);
        return switch (owner[0]) {
            case "none" -> null;
            case "self" -> new Owner(actorRole, RequestDomain.ACTOR_ID, null, dashless(owner[owner.length - 1]));
            case "other" -> new Owner(owner[1], RequestDomain.OTHER_ID, null, dashless(owner[2]));
            default -> throw new IllegalArgumentException("not an owner part (none, self:capacity, other:role:capacity): " + key);
        };
    }

    private static String dashless(String part) {
        return part.equals("-") ? null : part;
    }

    private static String examples(Iterable<String> keys) {
        List<String> first = new ArrayList<>();
        Iterator<String> each = keys.iterator();
        while (each.hasNext() && first.size() < 3) {
            first.add(each.next());
        }
        return first.isEmpty() ? "" : ", e.g. " + String.join(", ", first);
    }

    private static List<String> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file); BufferedReader in = new BufferedReader(new InputStreamReader(
                file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            return in.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the decision snapshot file " + file, e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a decision's JSON: " + json, e);
        }
    }

    private static String orDash(String id) {
        return id == null ? "-" : id;
    }
}
