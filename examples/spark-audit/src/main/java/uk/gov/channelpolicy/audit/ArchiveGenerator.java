package uk.gov.channelpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.gov.channelpolicy.Actor;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.audit.SyntheticRecord.Defect;

/**
 * Makes a synthetic archive of social-media activity, of any size, the same every time for the same
 * seed: record {@code i} depends only on the seed and {@code i}, so the first thousand records of a
 * ten-million archive are the thousand-record archive.
 *
 * <p>The activity is shaped like a health department's: the Communications Division posting and
 * replying on corporate channels, officials on their own official and personal channels, ministers
 * on theirs, and private offices and the Communications Division drafting for ministers (some of it
 * party-political, which the guidance forbids), with a tail of arbitrary combinations. A small share
 * of records (1% unless told) has a {@link Defect} of the kinds real exports have: misspelt ids,
 * missing fields, spreadsheet times, lines cut short.
 *
 * <pre>{@code
 * ArchiveGenerator generator = new ArchiveGenerator(42, ArchiveGenerator.DEFAULT_INVALID_SHARE);
 * generator.write(Path.of("archive.jsonl"), 1_000_000, null);
 * }</pre>
 *
 * <p>From the shell: {@link GenerateArchive}.
 */
public final class ArchiveGenerator {
    /** The share of records with a defect unless told otherwise. */
    public static final double DEFAULT_INVALID_SHARE = 0.01;

    private static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    private static final int DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_DAY.toEpochDay());

    private static final String[] DEPARTMENTS = {"dh", "phe", "mhra", "nhs-digital", "nice"};
    private static final int[] DEPARTMENT_WEIGHTS = {50, 20, 12, 10, 8};
    private static final int MINISTERS = 4;
    private static final int PRIVATE_OFFICE = 6;
    private static final int COMMS = 20;
    private static final int OFFICIALS = 300;

    private static final String[] ROLES = {"minister", "official", "communications-division", "private-office"};
    private static final String[] ACTIONS = {"draft", "post", "reply", "promote", "advise", "analyse", "support", "manage"};
    private static final String[] CONTENT = {"departmental", "personal", "political", "party-political", "clinical-trial-recruitment"};
    private static final String[] CHANNEL_TYPES = {"corporate", "official", "personal"};

    private static final Map<String, String[]> ROLE_MISSPELLINGS = Map.of(
            "minister", new String[] {"minster", "ministr"},
            "official", new String[] {"offical", "officail"},
            "communications-division", new String[] {"comms", "communications-divison"},
            "private-office", new String[] {"private-ofice", "privat-office"});
    private static final Map<String, String[]> ACTION_MISSPELLINGS = Map.of(
            "draft", new String[] {"darft"}, "post", new String[] {"psot"}, "reply", new String[] {"replly"},
            "promote", new String[] {"promot"}, "advise", new String[] {"advice"}, "analyse", new String[] {"analyze"},
            "support", new String[] {"suport"}, "manage", new String[] {"mange"});
    private static final String[] UNKNOWN_CONTENT = {"party political", "departmnetal", "politics", "clinical trial"};

    private static final Defect[] DEFECTS = {
        Defect.MISSPELT_ROLE, Defect.MISSPELT_ACTION, Defect.UNKNOWN_CONTENT, Defect.MISSING_ACTION, Defect.MISSING_CONTENT,
        Defect.MISSING_TIME, Defect.MISSING_DEPARTMENT, Defect.UNZONED_TIME, Defect.TRUNCATED_LINE};
    private static final int[] DEFECT_WEIGHTS = {25, 10, 15, 8, 8, 8, 6, 8, 12};

    private final long seed;
    private final double invalidShare;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * A generator.
     *
     * @param seed the seed: the same seed gives the same archive
     * @param invalidShare the share of records with a defect, from 0 to 1
     * @throws IllegalArgumentException if the share is not between 0 and 1
     */
    public ArchiveGenerator(long seed, double invalidShare) {
        if (!(invalidShare >= 0 && invalidShare <= 1)) {
            throw new IllegalArgumentException("invalid share must be between 0 and 1, not " + invalidShare);
        }
        this.seed = seed;
        this.invalidShare = invalidShare;
    }

    /**
     * Writes the first {@code count} records as JSON Lines ({@code \n} after each).
     *
     * @param archive the file to write
     * @param count how many records
     * @param requestLines a file to write each record's request part to, line for line, or {@code null}
     * @return how many records have each defect ({@link Defect#NONE}: the sound ones)
     * @throws IOException if a file cannot be written
     */
    public Map<Defect, Long> write(Path archive, long count, Path requestLines) throws IOException {
        Map<Defect, Long> defects = new EnumMap<>(Defect.class);
        try (Writer out = Files.newBufferedWriter(archive, StandardCharsets.UTF_8);
                Writer questions = requestLines == null ? Writer.nullWriter() : Files.newBufferedWriter(requestLines, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                SyntheticRecord record = record(i);
                out.write(record.line());
                out.write('\n');
                questions.write(record.requestLine());
                questions.write('\n');
                defects.merge(record.defect(), 1L, Long::sum);
            }
        }
        return defects;
    }

    /**
     * Record {@code index} of the archive.
     *
     * @param index the position, from 0
     * @return the record, the same for the same seed and index
     */
    public SyntheticRecord record(long index) {
        SplitMix random = new SplitMix(seed, index);
        String department = DEPARTMENTS[random.weighted(DEPARTMENT_WEIGHTS)];
        Activity activity = activity(random, department);
        String id = String.format("r%010d", index);
        Instant time = time(random);
        Defect defect = random.nextDouble() < invalidShare ? DEFECTS[random.weighted(DEFECT_WEIGHTS)] : Defect.NONE;

        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("time", time.toString());
        root.put("department", department);
        ObjectNode request = activity.toJson(mapper);
        root.set("request", request);
        boolean requestBroken = true;
        switch (defect) {
            case MISSPELT_ROLE -> ((ObjectNode) request.get("actor")).put("role", random.pick(ROLE_MISSPELLINGS.get(activity.actorRole)));
            case MISSPELT_ACTION -> request.put("action", random.pick(ACTION_MISSPELLINGS.get(activity.action)));
            case UNKNOWN_CONTENT -> ((ArrayNode) request.get("content")).set(0, random.pick(UNKNOWN_CONTENT));
            case MISSING_ACTION -> request.remove("action");
            case MISSING_CONTENT -> request.remove("content");
            case MISSING_TIME -> root.remove("time");
            case MISSING_DEPARTMENT -> root.remove("department");
            case UNZONED_TIME -> root.put("time", time.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '));
            case TRUNCATED_LINE, NONE -> requestBroken = false;
        }
        requestBroken = requestBroken && defect.path().startsWith("$.request");
        String line = text(root);
        String requestLine = text(request);
        if (defect == Defect.TRUNCATED_LINE) {
            // Any proper prefix of a JSON object is malformed: the object is never closed.
            line = line.substring(0, line.length() / 2 + random.nextInt(line.length() / 2));
            requestLine = line;
        }
        return new SyntheticRecord(index, id, line, requestLine, requestBroken ? null : activity.toRequest(), defect);
    }

    private String text(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant time(SplitMix random) {
        long day = FIRST_DAY.toEpochDay() + random.nextInt(DAYS);
        // Most activity in working hours, some at any time.
        int second = random.nextDouble() < 0.85 ? 8 * 3600 + random.nextInt(10 * 3600) : random.nextInt(24 * 3600);
        return Instant.ofEpochSecond(day * 86_400 + second);
    }

    /** Who did what, shaped by the kinds of work the guidance describes. */
    private static Activity activity(SplitMix random, String department) {
        Activity a = new Activity();
        String official = department + "-off-" + random.nextInt(OFFICIALS);
        String minister = department + "-min-" + random.nextInt(MINISTERS);
        String comms = department + "-comms-" + random.nextInt(COMMS);
        switch (random.weighted(new int[] {32, 17, 12, 8, 10, 5, 8, 8})) {
            case 0 -> { // the Communications Division on a corporate channel
                a.actor("communications-division", comms);
                a.action = random.pick(new String[] {"post", "reply", "manage", "analyse", "promote", "draft"}, new int[] {35, 30, 10, 10, 10, 5});
                a.handle = random.nextDouble() < 0.7 ? "@" + department + "govuk" : "@" + department + "_campaign" + random.nextInt(5);
                a.type = random.nextDouble() < 0.4 ? "corporate" : null;
                a.content(random, new String[] {"departmental", "clinical-trial-recruitment", "personal", "political"}, new int[] {90, 5, 3, 2});
            }
            case 1 -> { // an official on their own official channel
                a.actor("official", official);
                a.owner("official", official, "official");
                a.handle = "@" + official.replace("-", "") + "atDH";
                a.type = random.nextDouble() < 0.3 ? "official" : null;
                a.action = random.pick(new String[] {"post", "reply", "manage"}, new int[] {45, 45, 10});
                a.content(random, new String[] {"departmental", "personal", "political"}, new int[] {85, 10, 5});
            }
            case 2 -> { // an official on their own personal channel
                a.actor("official", official);
                a.owner("official", official, random.nextDouble() < 0.5 ? "personal" : null);
                a.handle = "@" + official.replace("-", "");
                a.type = random.nextDouble() < 0.3 ? "personal" : null;
                a.action = random.pick(new String[] {"post", "reply"}, new int[] {50, 50});
                a.content(random, new String[] {"personal", "political", "party-political", "departmental"}, new int[] {80, 10, 5, 5});
            }
            case 3 -> { // a minister on their own channel
                a.actor("minister", minister);
                a.owner("minister", minister, random.nextDouble() < 0.15 ? "official" : "personal");
                a.handle = "@" + minister.replace("-", "_");
                a.action = random.pick(new String[] {"post", "reply"}, new int[] {60, 40});
                a.content(random, new String[] {"departmental", "political", "party-political"}, new int[] {50, 25, 25});
            }
            case 4 -> { // others working on a minister's channel
                int who = random.weighted(new int[] {50, 40, 10});
                a.actor(ROLES[new int[] {2, 3, 1}[who]], who == 0 ? comms : who == 1 ? department + "-po-" + random.nextInt(PRIVATE_OFFICE) : official);
                a.owner("minister", minister, random.nextDouble() < 0.15 ? "official" : "personal");
                a.handle = "@" + minister.replace("-", "_");
                a.action = random.pick(new String[] {"draft", "support", "advise", "post"}, new int[] {40, 30, 15, 15});
                a.content(random, new String[] {"departmental", "political", "party-political"}, new int[] {70, 20, 10});
            }
            case 5 -> { // an official on a colleague's official channel
                String colleague = department + "-off-" + random.nextInt(OFFICIALS);
                a.actor("official", official);
                a.owner("official", colleague, "official");
                a.handle = "@" + colleague.replace("-", "") + "atDH";
                a.action = random.pick(new String[] {"draft", "reply", "post"}, new int[] {60, 20, 20});
                a.content(random, new String[] {"departmental"}, new int[] {1});
            }
            case 6 -> { // the Communications Division helping an official with their channel
                a.actor("communications-division", comms);
                a.owner("official", official, "official");
                a.handle = "@" + official.replace("-", "") + "atDH";
                a.action = random.pick(new String[] {"advise", "analyse", "support"}, new int[] {50, 30, 20});
                a.content(random, new String[] {"departmental"}, new int[] {1});
            }
            default -> { // anything at all
                String role = random.pick(ROLES);
                a.actor(role, department + "-x-" + random.nextInt(50));
                a.action = random.pick(ACTIONS);
                if (random.nextDouble() < 0.7) {
                    String ownerRole = random.pick(ROLES);
                    String ownerId = random.nextDouble() < 0.2 ? a.actorId : department + "-x-" + random.nextInt(50);
                    String capacity = random.pick(new String[] {"official", "personal", null});
                    // One id names one person: an owner with the actor's id is the actor, in the actor's role (another role
                    // would be an invalid request, not activity). The same random draws are made either way.
                    a.owner(ownerId.equals(a.actorId) ? a.actorRole : ownerRole, ownerId, capacity);
                }
                String type = random.nextDouble() < 0.5 ? random.pick(CHANNEL_TYPES) : null;
                // A stated type that contradicts the owner (a corporate channel with one, a named person's without) is an
                // invalid request under the manifest's constraints, not activity: such a record states no type instead.
                // The same random draws are made either way, so every other record stays as it was.
                boolean named = a.ownerRole != null;
                a.type = type == null || named != "corporate".equals(type) ? type : null;
                a.handle = random.nextDouble() < 0.8 ? "@" + department + "_account" + random.nextInt(100) : null;
                a.content.add(random.pick(CONTENT));
                if (random.nextDouble() < 0.3) {
                    String second = random.pick(CONTENT);
                    if (!a.content.contains(second)) {
                        a.content.add(second);
                    }
                }
            }
        }
        return a;
    }

    /** The values of one activity, from which both its JSON and its {@link PolicyRequest} are made. */
    private static final class Activity {
        String actorRole;
        String actorId;
        String action;
        String type;
        String handle;
        String ownerRole;
        String ownerId;
        String ownerCapacity;
        final List<String> content = new ArrayList<>(2);

        void actor(String role, String id) {
            actorRole = role;
            actorId = id;
        }

        void owner(String role, String id, String capacity) {
            ownerRole = role;
            ownerId = id;
            ownerCapacity = capacity;
        }

        void content(SplitMix random, String[] categories, int[] weights) {
            content.add(random.pick(categories, weights));
            if (random.nextDouble() < 0.1) { // now and then a second category
                String second = random.pick(CONTENT);
                if (!content.contains(second)) {
                    content.add(second);
                }
            }
        }

        ObjectNode toJson(ObjectMapper mapper) {
            ObjectNode request = mapper.createObjectNode();
            ObjectNode actor = request.putObject("actor");
            actor.put("role", actorRole);
            actor.put("id", actorId);
            request.put("action", action);
            ObjectNode channel = request.putObject("channel");
            if (type != null) {
                channel.put("type", type);
            }
            if (handle != null) {
                channel.put("handle", handle);
            }
            if (ownerRole != null) {
                ObjectNode owner = channel.putObject("owner");
                owner.put("role", ownerRole);
                owner.put("id", ownerId);
                if (ownerCapacity != null) {
                    owner.put("capacity", ownerCapacity);
                }
            }
            ArrayNode categories = request.putArray("content");
            content.forEach(categories::add);
            return request;
        }

        PolicyRequest toRequest() {
            Channel channel = ownerRole == null ? Channel.unattributed() : Channel.ownedBy(new Owner(ownerRole, ownerId, null, ownerCapacity));
            return PolicyRequest.builder(Actor.of(actorRole, actorId), action)
                    .channel(channel.withType(type).withHandle(handle))
                    .content(content)
                    .build();
        }
    }

    /**
     * SplitMix64, written out so that an archive is the same on every JDK: {@code java.util} leaves
     * its generators' algorithms free to change. One per record, seeded from the seed and the index.
     */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed, long index) {
            state = mix(seed ^ mix(index + 0x632BE59BD9B4E019L));
        }

        long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        private static long mix(long value) {
            long z = value;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) Math.floorMod(nextLong(), (long) bound);
        }

        <T> T pick(T[] values) {
            return values[nextInt(values.length)];
        }

        <T> T pick(T[] values, int[] weights) {
            return values[weighted(weights)];
        }

        int weighted(int[] weights) {
            int total = 0;
            for (int weight : weights) {
                total += weight;
            }
            int draw = nextInt(total);
            for (int i = 0; i < weights.length; i++) {
                draw -= weights[i];
                if (draw < 0) {
                    return i;
                }
            }
            throw new IllegalStateException("weights do not add up");
        }
    }
}
