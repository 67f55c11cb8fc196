package uk.gov.channelpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An audit log of decisions: one JSON line per decision with the time, the request with its
 * personal data masked (or keyed-hashed), the outcome, the deciding rules and the rule set's id,
 * version and digest. Each record is written whole in one append, so a process killed mid-stream
 * leaves no torn line; on opening, a torn tail from any other cause is cut off. Files rotate at a
 * size limit and only the newest are kept, so the log cannot fill a disk. Thread-safe.
 *
 * <pre>{@code
 * DecisionLog log = DecisionLog.builder(Path.of("decisions.jsonl")).maxFileBytes(10 << 20).maxFiles(5).build();
 * ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").decisionLog(log).build();
 * }</pre>
 */
public final class DecisionLog implements AutoCloseable {

    /** What happens to personal data (ids, names, handles) in a record. */
    public enum PersonalData {
        /** Replaced by {@code ***}: the default. */
        MASK,
        /** Replaced by {@code hmac-sha256:} and a keyed hash, so records about one person can be linked without naming them. */
        KEYED_HASH
    }

    private final Path file;
    private final long maxFileBytes;
    private final int maxFiles;
    private final PersonalData personalData;
    private final byte[] hashKey;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private FileChannel channel;

    private DecisionLog(Builder builder) {
        this.file = builder.file;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxFiles = builder.maxFiles;
        this.personalData = builder.personalData;
        this.hashKey = builder.hashKey;
        this.clock = builder.clock;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            cutTornTail(file);
            this.channel = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open decision log " + file, e);
        }
    }

    /**
     * Starts configuring a log written to a file.
     *
     * @param file the log file; rotated files get {@code .1}, {@code .2}, ... appended
     * @return the builder
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /**
     * Appends one record.
     *
     * @param request the request decided
     * @param decision the decision
     * @throws UncheckedIOException if the record cannot be written
     */
    public void record(PolicyRequest request, Decision decision) {
        byte[] line = (line(request, decision) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                if (channel.size() > 0 && channel.size() + line.length > maxFileBytes) {
                    rotate();
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write decision log " + file, e);
            }
        }
    }

    /** The record as one line of JSON, personal data masked or hashed. Package-private for tests. */
    String line(PolicyRequest request, Decision decision) {
        ObjectNode root = mapper.createObjectNode();
        root.put("time", clock.instant().toString());
        ObjectNode requestNode = root.putObject("request");
        ObjectNode actor = requestNode.putObject("actor");
        actor.put("role", request.actor().role());
        putPersonal(actor, "id", request.actor().id());
        putPersonal(actor, "name", request.actor().name());
        requestNode.put("action", request.action());
        ObjectNode channelNode = requestNode.putObject("channel");
        if (request.channel().type() != null) {
            channelNode.put("type", request.channel().type());
        }
        putPersonal(channelNode, "handle", request.channel().handle());
        Owner owner = request.channel().owner();
        if (owner != null) {
            ObjectNode ownerNode = channelNode.putObject("owner");
            ownerNode.put("role", owner.role());
            putPersonal(ownerNode, "id", owner.id());
            putPersonal(ownerNode, "name", owner.name());
            if (owner.capacity() != null) {
                ownerNode.put("capacity", owner.capacity());
            }
        }
        ArrayNode content = requestNode.putArray("content");
        request.content().forEach(content::add);
        requestNode.put("ownChannel", request.actsOnOwnChannel());
        root.put("outcome", decision.outcome().name());
        root.put("channelType", decision.channelType());
        ArrayNode rules = root.putArray("rules");
        decision.ruleIds().forEach(rules::add);
        ObjectNode ruleSet = root.putObject("ruleSet");
        ruleSet.put("id", decision.ruleSet().id());
        ruleSet.put("version", decision.ruleSet().version());
        ruleSet.put("digest", decision.ruleSet().digest());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision record could not be written", e);
        }
    }

    private void putPersonal(ObjectNode node, String field, String value) {
        if (value == null) {
            return;
        }
        node.put(field, personalData == PersonalData.MASK ? "***" : "hmac-sha256:" + hmac(value));
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** file.(n-1) to file.n, ..., file to file.1; the oldest beyond maxFiles is deleted. */
    private void rotate() throws IOException {
        channel.close();
        Files.deleteIfExists(rotated(maxFiles - 1));
        for (int i = maxFiles - 2; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxFiles > 1) {
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        channel = open();
    }

    private Path rotated(int number) {
        return file.resolveSibling(file.getFileName() + "." + number);
    }

    /** A line without its newline can only be a record cut short by a crash: it is not a record, so it goes. */
    private static void cutTornTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        try (FileChannel existing = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = existing.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            long end = size;
            while (end > 0) {
                one.clear();
                existing.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                existing.truncate(end);
            }
        }
    }

    /** Flushes and closes the file. */
    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close decision log " + file, e);
        }
    }

    /** Configures a {@link DecisionLog}. */
    public static final class Builder {
        private final Path file;
        private long maxFileBytes = 10L << 20;
        private int maxFiles = 5;
        private PersonalData personalData = PersonalData.MASK;
        private byte[] hashKey;
        private Clock clock = Clock.systemUTC();

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * The size at which the file rotates; default 10 MiB.
         *
         * @param bytes at least 1,024
         * @return this builder
         * @throws IllegalArgumentException if smaller than 1,024
         */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFileBytes must be at least 1024, not " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * How many files to keep, the current one included; default 5. The log then holds at most
         * {@code maxFiles × maxFileBytes}.
         *
         * @param files at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxFiles(int files) {
            if (files < 1) {
                throw new IllegalArgumentException("maxFiles must be at least 1, not " + files);
            }
            this.maxFiles = files;
            return this;
        }

        /**
         * Replaces personal data by a keyed hash (HMAC-SHA256) instead of masking it, so records about
         * the same person can be linked by whoever holds the key, and by nobody else.
         *
         * @param key the secret key, at least 32 bytes
         * @return this builder
         * @throws IllegalArgumentException if the key is shorter than 32 bytes
         */
        public Builder keyedHash(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 32) {
                throw new IllegalArgumentException("the hash key must be at least 32 bytes");
            }
            this.personalData = PersonalData.KEYED_HASH;
            this.hashKey = key.clone();
            return this;
        }

        /**
         * The clock records are stamped with; default UTC system time.
         *
         * @param newClock the clock
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Opens the log, cutting off a torn last line left by a crash.
         *
         * @return the log
         * @throws UncheckedIOException if the file cannot be opened
         */
        public DecisionLog build() {
            return new DecisionLog(this);
        }
    }
}
