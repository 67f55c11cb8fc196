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
 * apart from waiting for a core on a busy machine. (Reading the thread's CPU clock twice a record costs
 * well under a microsecond, and is counted in.)
 *
 * <p>Serializable only to travel from the driver to its executors, which run the same jars; never stored.
 *
 * @serial exclude
 */
public final class PartitionAuditor implements Serializable {
    private static final long serialVersionUID = 2L;

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
     * Turns every record of a partition into a row, lazily, one at a time, deciding the decidable ones.
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
            private long count;
            private long nanos;

            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more && count > 0) {
                    decided.add(count);
                    decidingNanos.add(nanos);
                    count = 0;
                    nanos = 0;
                }
                return more;
            }

            @Override
            public Row next() {
                ParsedRecord record = records.next();
                if (record instanceof ActivityRecord activity) {
                    long start = threads.getCurrentThreadCpuTime();
                    Decision decision = decide(policy, activity);
                    nanos += threads.getCurrentThreadCpuTime() - start;
                    count++;
                    return AuditSchema.decided(activity, decision, ids, maskText);
                }
                if (record instanceof UnclassifiedRecord unclassified) {
                    return AuditSchema.unclassified(unclassified, ids, maskText);
                }
                return AuditSchema.invalid((InvalidRecord) record, maskText);
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
