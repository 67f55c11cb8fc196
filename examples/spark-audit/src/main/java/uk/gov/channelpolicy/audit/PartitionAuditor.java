package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.load.RuleSource;

/**
 * What each Spark task runs over its partition of the archive. It carries only the
 * {@link RuleSource}; the policy comes from {@link ExecutorPolicies}, so it is built once per
 * executor JVM and serves every partition that executor runs.
 *
 * <p>The audit makes two passes over the archive: {@link #decisions} decides every readable record,
 * {@link #invalid} reports every line that is not one. Both read lines with the same
 * {@link RecordParser}, so each line lands in exactly one of the two outputs. (One pass writing two
 * outputs would need the evaluated records cached, which costs more than reading and parsing the
 * archive again: evaluation is the dear part, and it is done once.)
 *
 * <p>Serializable only to travel from the driver to its executors, which run the same jars; never stored.
 *
 * @serial exclude
 */
public final class PartitionAuditor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RuleSource source;

    /**
     * Creates the auditor.
     *
     * @param source where each executor loads the rule set from
     */
    public PartitionAuditor(RuleSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Decides every readable record of a partition, lazily, one at a time.
     *
     * @param lines the partition's lines
     * @return one {@link AuditSchema#DECISION} row per readable record, in input order
     * @throws IllegalStateException if the policy refuses a record the parser accepted, which would be
     *     a bug: the job fails rather than lose the record
     */
    public Iterator<Row> decisions(Iterator<SourceLine> lines) {
        ChannelPolicy policy = ExecutorPolicies.policyFor(source);
        RecordParser parser = new RecordParser(policy.json());
        return new Selecting<>(lines, line -> {
            if (parser.parse(line) instanceof ActivityRecord record) {
                return AuditSchema.decisionRow(record, decide(policy, record));
            }
            return null;
        });
    }

    /**
     * Reports every line of a partition that holds no decidable record, lazily.
     *
     * @param lines the partition's lines
     * @return one {@link AuditSchema#INVALID} row per such line, with every problem, in input order
     */
    public Iterator<Row> invalid(Iterator<SourceLine> lines) {
        RecordParser parser = new RecordParser(ExecutorPolicies.policyFor(source).json());
        return new Selecting<>(lines, line -> parser.parse(line) instanceof InvalidRecord record ? AuditSchema.invalidRow(record) : null);
    }

    private static Decision decide(ChannelPolicy policy, ActivityRecord record) {
        try {
            return policy.evaluate(record.request());
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("record " + record.id() + " (" + record.source().file() + " at byte "
                    + record.source().offset() + ") was read as valid but the policy refused it; stopping rather than losing it", e);
        }
    }

    /** Maps each element and keeps the non-null results, pulling from the source only as needed. */
    private static final class Selecting<T, R> implements Iterator<R> {
        private final Iterator<T> source;
        private final Function<T, R> select;
        private R next;

        Selecting(Iterator<T> source, Function<T, R> select) {
            this.source = source;
            this.select = select;
        }

        @Override
        public boolean hasNext() {
            while (next == null && source.hasNext()) {
                next = select.apply(source.next());
            }
            return next != null;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R result = next;
            next = null;
            return result;
        }
    }
}
