package uk.gov.channelpolicy.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.DecisionSink;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.facts.RequestField;

/**
 * An audit log of decisions: one JSON line per decision with the time, the request with its
 * personal data masked (or keyed-hashed), the outcome, the deciding rules and the rule set's id,
 * version and digest. Thread-safe.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>Whole records.</b> Each record is written in one append, so a process killed mid-stream leaves
 *       no torn line. A record reaches the operating system before {@link #record} returns, so a process
 *       crash loses nothing; what a power cut or an operating-system crash can lose depends on the
 *       {@link Fsync} policy.
 *   <li><b>It never rewrites a file's content.</b> Opening an existing file only appends to it (rotation renames and,
 *       past the number of files kept, deletes files at the log's own path). If its
 *       last line has no newline (a record cut short by a power cut, or someone else's text), that line is
 *       kept as it is and the next record starts on a new line, so readers skip at most that one line.
 *       A path that is a symbolic link, or not a regular file, is refused: the log never writes through a
 *       link to another file.
 *   <li><b>Bounded size.</b> Files rotate at a size limit and only the newest are kept, so the log cannot
 *       fill a disk.
 *   <li><b>A failure is not forever.</b> A record that cannot be written (a full disk, a rotation that
 *       cannot rename or delete, a file that cannot be reopened) throws, and the next record tries again
 *       from the start: reopening the file and rotating if it is still over the limit. The log is only
 *       given up by {@link #close()}.
 * </ul>
 *
 * <pre>{@code
 * DecisionLog log = DecisionLog.builder(Path.of("decisions.jsonl")).maxFileBytes(10 << 20).maxFiles(5)
 *         .fsync(DecisionLog.Fsync.INTERVAL).fsyncInterval(Duration.ofSeconds(1)).build();
 * ChannelPolicy policy = ChannelPolicy.builder().ruleSet("dh").decisionSink(log).build();
 * }</pre>
 */
public final class DecisionLog implements DecisionSink, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionLog.class);

    /** What happens to personal data (ids, names, handles) in a record. */
    public enum PersonalData {
        /** Replaced by {@code ***}: the default. */
        MASK,
        /** Replaced by {@code hmac-sha256:} and a keyed hash, so records about one person can be linked without naming them. */
        KEYED_HASH
    }

    /**
     * When records are forced from the operating system's cache to the disk ({@code fsync}). Every policy
     * hands each record to the operating system before {@link #record} returns, so a process that crashes or
     * is killed loses no record; the policy decides what a power cut or an operating-system crash can lose.
     * Every policy also forces a file before rotating it and on {@link #close()}.
     */
    public enum Fsync {
        /**
         * Each record is forced to the disk before {@link #record} returns, so a decision is never given
         * unless its record would survive a power cut; a record that cannot be forced fails like one that
         * cannot be written. Every decision waits for the disk (from tens of microseconds on a local SSD to
         * milliseconds or more on network or spinning disks), one at a time.
         */
        PER_RECORD("per-record"),
        /**
         * A background thread forces the file once per {@link Builder#fsyncInterval interval} (1 s by
         * default) when records were written since the last time: a power cut loses at most about one
         * interval of records, and decisions never wait for the disk. If forcing fails, the error is logged
         * and the next record forces first, failing if it still cannot. The default.
         */
        INTERVAL("interval"),
        /**
         * Forced only on rotation and on {@link #close()}: the fastest, and a power cut can lose everything
         * written since. For short runs whose caller closes the log, or where the disk is not the record of
         * last resort.
         */
        ON_CLOSE("on-close");

        private final String id;

        Fsync(String id) {
            this.id = id;
        }

        /**
         * The policy's name on a command line or in configuration.
         *
         * @return {@code per-record}, {@code interval} or {@code on-close}
         */
        public String id() {
            return id;
        }

        /**
         * The policy with this name, so every front end (command line, server, configuration) reads the same names.
         *
         * @param id {@code per-record}, {@code interval} or {@code on-close}
         * @return the policy
         * @throws IllegalArgumentException naming the allowed values if the name is none of them
         */
        public static Fsync forId(String id) {
            Objects.requireNonNull(id, "id");
            for (Fsync policy : values()) {
                if (policy.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                    return policy;
                }
            }
            throw new IllegalArgumentException("'" + id + "' is not an fsync policy: use per-record, interval or on-close");
        }
    }

    /**
     * The file operations the log makes that can fail or that tests count: apart, so a test can make a
     * rotation or an fsync fail, or count fsyncs. The defaults are the real operations.
     */
    interface Disk {
        /** Opens the file to append to, never through a symbolic link. */
        default FileChannel openForAppend(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS);
        }

        /** Renames a file, replacing the target; a symbolic link is moved as the link, never followed. */
        default void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }

        /** Deletes a file if it is there. */
        default void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        /** Forces what was written to the disk. */
        default void force(FileChannel channel) throws IOException {
            channel.force(false);
        }
    }

    private final Path file;
    private final long maxFileBytes;
    private final int maxFiles;
    private final PersonalData personalData;
    private final byte[] hashKey;
    private final Clock clock;
    private final Fsync fsync;
    private final Disk disk;
    private final ScheduledExecutorService flusher;
    private final ObjectMapper mapper = new ObjectMapper();
    /** The open file, or null after a failure: the next record opens it again. */
    private FileChannel channel;
    /** The file's last byte is not a newline: the next record starts with one. */
    private boolean startOnNewLine;
    /** A record failed since the file was last opened: say so when writing works again. */
    private boolean failed;
    /** Written since the last fsync ({@link Fsync#INTERVAL}). */
    private boolean unforced;
    /** The background fsync failed: the next record forces first ({@link Fsync#INTERVAL}). */
    private boolean forceFailed;
    private boolean closed;

    private DecisionLog(Builder builder) {
        this.file = builder.file;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxFiles = builder.maxFiles;
        this.personalData = builder.personalData;
        this.hashKey = builder.hashKey;
        this.clock = builder.clock;
        this.fsync = builder.fsync;
        this.disk = builder.disk;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = open();
        } catch (IOException e) {
            // The reason alone ("is a symbolic link ...", "Permission denied"): the message names the file once.
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            throw new UncheckedIOException("cannot open decision log " + file + ": " + reason, e);
        }
        if (fsync == Fsync.INTERVAL) {
            long interval = builder.fsyncInterval.toNanos();
            this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "channel-policy-decision-log-fsync");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::forceUnforced, interval, interval, TimeUnit.NANOSECONDS);
        } else {
            this.flusher = null;
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
     * Appends one record. If it cannot be written, this throws and the next call tries again from the start
     * (reopening the file, rotating if it is still over the limit): one failure does not fail every later record.
     *
     * @param request the request decided
     * @param decision the decision
     * @throws UncheckedIOException if the record cannot be written (or, with {@link Fsync#PER_RECORD}, forced
     *     to the disk); it may then be in the file, but it was not recorded as the caller needs
     * @throws IllegalStateException if the log was closed
     */
    public void record(PolicyRequest request, Decision decision) {
        byte[] line = (line(request, decision) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the decision log " + file + " is closed");
            }
            try {
                append(line);
            } catch (IOException e) {
                failed = true;
                abandonChannel();
                throw new UncheckedIOException("cannot write decision log " + file + " (the next record tries again): " + e, e);
            }
        }
    }

    /** Writes one record, first opening the file again or rotating it if need be. Holds the lock. */
    private void append(byte[] line) throws IOException {
        if (channel == null) {
            channel = open();
        }
        if (forceFailed) {
            disk.force(channel);
            forceFailed = false;
        }
        long size = channel.size();
        if (size > 0 && size + line.length + (startOnNewLine ? 1 : 0) > maxFileBytes) {
            rotate();
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        if (startOnNewLine) {
            byte[] separated = new byte[line.length + 1];
            separated[0] = '\n';
            System.arraycopy(line, 0, separated, 1, line.length);
            buffer = ByteBuffer.wrap(separated);
        }
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        startOnNewLine = false;
        if (fsync == Fsync.PER_RECORD) {
            disk.force(channel);
        } else {
            unforced = true;
        }
        if (failed) {
            failed = false;
            LOG.warn("decision log {}: records are written again after a failure", file);
        }
    }

    /** The record as one line of JSON, personal data masked or hashed. Package-private for tests. */
    String line(PolicyRequest request, Decision decision) {
        ObjectNode root = mapper.createObjectNode();
        root.put("time", clock.instant().toString());
        ObjectNode requestNode = root.putObject("request");
        // Field by field from the one description of the request: personal data masked or hashed, the rest as given.
        for (RequestField field : RequestField.values()) {
            List<String> values = field.values(request);
            if (field.many()) {
                ArrayNode list = requestNode.putArray(field.path());
                values.forEach(list::add);
            } else if (!values.isEmpty() || RequestField.present(field.parent(), request)) {
                ObjectNode parent = requestNode;
                if (!field.parent().isEmpty()) {
                    for (String name : field.parent().split("\\.")) {
                        parent = parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
                    }
                }
                if (!values.isEmpty() && field.personal()) {
                    putPersonal(parent, field.member(), values.get(0));
                } else if (!values.isEmpty()) {
                    parent.put(field.member(), values.get(0));
                }
            }
        }
        requestNode.put("ownChannel", request.actsOnOwnChannel());
        if (request.source() != null) {
            // Only with a source, so a record without one reads exactly as before sources existed.
            requestNode.put("ownSource", request.sourceIsActorsOwn());
        }
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

    /**
     * Opens the file to append to, refusing a symbolic link or anything but a regular file, and notes whether its
     * last line lacks a newline. Nothing in an existing file is changed.
     */
    private FileChannel open() throws IOException {
        boolean existed = refuseAnythingButARegularFile();
        FileChannel opened = disk.openForAppend(file);
        try {
            startOnNewLine = existed && endsWithoutNewline();
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        if (!existed) {
            forceDirectory();
        }
        return opened;
    }

    /**
     * Whether the file exists; throws if it is a symbolic link or not a regular file. Opening never follows a
     * link either ({@link LinkOption#NOFOLLOW_LINKS}), so a link put in its place after this check is refused too.
     */
    private boolean refuseAnythingButARegularFile() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new FileSystemException(file.toString(), null,
                    "is a symbolic link; the decision log does not write through links: give the real path");
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is not a regular file");
        }
        return true;
    }

    private boolean endsWithoutNewline() throws IOException {
        try (FileChannel reading = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = reading.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            reading.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /**
     * Shifts {@code file.(k-1)} to {@code file.k}, ..., {@code file} to {@code file.1}, where {@code k} is the first free
     * number, or the last kept one (deleted first) when none is free. Filling the first gap makes a rotation that failed
     * part-way safe to run again: it finishes the shift instead of deleting a file too many.
     */
    private void rotate() throws IOException {
        FileChannel old = channel;
        channel = null; // from here on, a failure leaves the next record to open the file again and retry
        try {
            disk.force(old); // the rotated file's records are on disk whatever the policy
        } finally {
            old.close();
        }
        if (maxFiles == 1) {
            disk.delete(file);
        } else {
            int free = 1;
            while (free < maxFiles - 1 && Files.exists(rotated(free), LinkOption.NOFOLLOW_LINKS)) {
                free++;
            }
            disk.delete(rotated(free));
            for (int i = free - 1; i >= 1; i--) {
                disk.move(rotated(i), rotated(i + 1));
            }
            disk.move(file, rotated(1));
        }
        channel = open();
    }

    private Path rotated(int number) {
        return file.resolveSibling(file.getFileName() + "." + number);
    }

    /** A new file's name is on disk only once its directory is forced; best effort, as some systems cannot. */
    private void forceDirectory() {
        Path parent = file.toAbsolutePath().getParent();
        if (fsync == Fsync.ON_CLOSE || parent == null) {
            return;
        }
        try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("decision log {}: cannot force its directory: {}", file, e.toString());
        }
    }

    /** Closes the channel after a failure, so the next record opens the file afresh. Holds the lock. */
    private void abandonChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("decision log {}: closing after a failure: {}", file, e.toString());
            }
            channel = null;
        }
    }

    /**
     * The background fsync of {@link Fsync#INTERVAL}: forces outside the lock, so decisions never wait for the
     * disk. Never throws, so the schedule goes on.
     */
    private void forceUnforced() {
        FileChannel target;
        synchronized (this) {
            if (!unforced || channel == null || closed) {
                return;
            }
            target = channel;
            unforced = false;
        }
        try {
            disk.force(target);
            synchronized (this) {
                forceFailed = false;
            }
        } catch (ClosedChannelException e) {
            // Rotated, abandoned or closed meanwhile: try again on whatever is open next time.
            synchronized (this) {
                unforced = true;
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                unforced = true;
                forceFailed = true;
            }
            LOG.error("decision log {}: fsync failed: {}; the next record forces first and fails if it cannot", file, e.toString());
        }
    }

    /**
     * Forces what was written to the disk and closes the file. Later records throw {@link IllegalStateException}.
     * Closing twice does nothing.
     *
     * @throws UncheckedIOException if the records cannot be forced to the disk
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (flusher != null) {
            flusher.shutdown(); // never shutdownNow: interrupting a force would close the channel under it
        }
        if (channel == null) {
            return;
        }
        try {
            disk.force(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force decision log " + file + " to disk on closing", e);
        } finally {
            abandonChannel();
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
        private Fsync fsync = Fsync.INTERVAL;
        private Duration fsyncInterval = Duration.ofSeconds(1);
        private boolean fsyncIntervalSet;
        private Disk disk = new Disk() {
        };

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
         * When records are forced to the disk; default {@link Fsync#INTERVAL}, every second.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder fsync(Fsync policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How often {@link Fsync#INTERVAL} forces records to the disk: about the most a power cut can lose; default 1 s.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the interval is not positive
         */
        public Builder fsyncInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("fsyncInterval must be positive, not " + interval);
            }
            this.fsyncInterval = interval;
            this.fsyncIntervalSet = true;
            return this;
        }

        /** The file operations to use; for tests that make them fail or count fsyncs. */
        Builder disk(Disk newDisk) {
            this.disk = Objects.requireNonNull(newDisk, "disk");
            return this;
        }

        /**
         * Opens the log. An existing file is appended to and never changed; if its last line has no newline,
         * the first record starts on a new line.
         *
         * @return the log
         * @throws IllegalStateException if an fsync interval was set with a policy other than {@link Fsync#INTERVAL}
         * @throws UncheckedIOException if the file cannot be opened, is a symbolic link, or is not a regular file
         */
        public DecisionLog build() {
            if (fsyncIntervalSet && fsync != Fsync.INTERVAL) {
                throw new IllegalStateException("fsyncInterval(...) needs fsync(Fsync.INTERVAL), not " + fsync);
            }
            return new DecisionLog(this);
        }
    }
}
