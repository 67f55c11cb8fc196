package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;

/**
 * What each Spark task runs over its partition of the records read: one pass that decides every
 * decidable record and turns every record, whatever it is, into one row of {@link AuditSchema#RECORD}.
 * It carries only the {@link RuleSource} and the output settings; the policy comes from
 * {@link ExecutorPolicies}, so it is built once per executor JVM and serves every partition that
 * executor runs.
 *
 * <p>It also counts, in two accumulators, the records it decided and the CPU time its thread spent in
 * {@link ChannelPolicy#evaluate} for them: the deciding work alone, apart from reading and writing, and
 * apart from waiting for a core on a busy machine. The clock is read around each batch of records decided,
 * so the figure includes the batch's loop, a few nanoseconds a record.
 *
 * <p>Serializable only to travel from the driver to its executors, which run the same jars; never stored.
 *
 * @serial exclude
 */
public final class PartitionAuditor implements Serializable {
    private static final long serialVersionUID = 2L;
    /** Records decided together between two readings of the CPU clock. */
    static final int BATCH = 256;

    private final RuleSource source;
    private final StaffIds ids;
    private final boolean maskText;
    private final LongAccumulator decided;
    private final LongAccumulator decidingNanos;

    /**
     * Creates the auditor.
     *
     * @param source where each executor loads the rule set from
     * @param ids how staff ids are shown
     * @param maskText whether handles and e-mail addresses in texts are masked
     * @param decided counts the records decided
     * @param decidingNanos counts the CPU nanoseconds spent deciding them
     */
    public PartitionAuditor(RuleSource source, StaffIds ids, boolean maskText, LongAccumulator decided, LongAccumulator decidingNanos) {
        this.source = Objects.requireNonNull(source, "source");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.maskText = maskText;
        this.decided = Objects.requireNonNull(decided, "decided");
        this.decidingNanos = Objects.requireNonNull(decidingNanos, "decidingNanos");
    }

    /**
     * Turns every record of a partition into a row, lazily, {@value #BATCH} records at a time, deciding the decidable ones.
     * The records of a batch are decided in one go, the thread's CPU clock read once before and once after: reading
     * it is a system call (the thread CPU clock has no fast path in the kernel), about 0.4 µs of CPU each on the
     * project's 2-core machine, and read around every call it added about 0.8 µs to each record.
     *
     * @param records the partition's records
     * @return one row per record, in input order
     * @throws IllegalStateException if the policy refuses a record the reader accepted, which would be
     *     a bug: the job fails rather than lose the record
     */
    public Iterator<Row> rows(Iterator<ParsedRecord> records) {
        ChannelPolicy policy = ExecutorPolicies.policyFor(source);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new Iterator<>() {
            private final ParsedRecord[] batch = new ParsedRecord[BATCH];
            private final Decision[] decisions = new Decision[BATCH];
            private int size;
            private int next;

            @Override
            public boolean hasNext() {
                if (next < size) {
                    return true;
                }
                fill();
                return size > 0;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                ParsedRecord record = batch[next];
                Decision decision = decisions[next];
                batch[next] = null;
                decisions[next] = null;
                next++;
                if (record instanceof ActivityRecord activity) {
                    return AuditSchema.decided(activity, decision, ids, maskText);
                }
                if (record instanceof UnclassifiedRecord unclassified) {
                    return AuditSchema.unclassified(unclassified, ids, maskText);
                }
                return AuditSchema.invalid((InvalidRecord) record, maskText);
            }

            /** Reads the next batch and decides its decidable records, counting them and the CPU time it took. */
            private void fill() {
                size = 0;
                next = 0;
                while (size < BATCH && records.hasNext()) {
                    batch[size++] = records.next();
                }
                long count = 0;
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < size; i++) {
                    if (batch[i] instanceof ActivityRecord activity) {
                        decisions[i] = decide(policy, activity);
                        count++;
                    }
                }
                long nanos = threads.getCurrentThreadCpuTime() - start;
                if (count > 0) {
                    decided.add(count);
                    decidingNanos.add(nanos);
                }
            }
        };
    }

    private static Decision decide(ChannelPolicy policy, ActivityRecord record) {
        try {
            return policy.evaluate(record.request());
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("record " + record.id() + " (" + record.source().file() + " at "
                    + record.source().offset() + ") was read as valid but the policy refused it; stopping rather than losing it", e);
        }
    }
}
