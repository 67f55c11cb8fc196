package uk.gov.channelpolicy.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;

/**
 * The tables the audit writes, and how a record becomes a row of them. Column names are the
 * documented output contract (docs/audit.md): add columns, never rename them.
 */
public final class AuditSchema {
    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

    /**
     * {@code decisions/} (and {@code denied/}): one row per decided record, the record's fields then the
     * decision's. {@code channel_type} is the type the rule set classified the channel as (null only
     * for INDETERMINATE); {@code stated_channel_type} is the type the record stated, if any.
     */
    public static final StructType DECISION = new StructType(new StructField[] {
        field("record_id", DataTypes.StringType, false),
        field("time", DataTypes.TimestampType, false),
        field("department", DataTypes.StringType, false),
        field("actor_role", DataTypes.StringType, false),
        field("actor_id", DataTypes.StringType, true),
        field("action", DataTypes.StringType, false),
        field("stated_channel_type", DataTypes.StringType, true),
        field("channel_handle", DataTypes.StringType, true),
        field("owner_role", DataTypes.StringType, true),
        field("owner_id", DataTypes.StringType, true),
        field("owner_capacity", DataTypes.StringType, true),
        field("content", STRINGS, false),
        field("outcome", DataTypes.StringType, false),
        field("permitted", DataTypes.BooleanType, false),
        field("channel_type", DataTypes.StringType, true),
        field("codes", STRINGS, false),
        field("rule_ids", STRINGS, false),
        field("rule_effects", STRINGS, false),
        field("obligation_rule_ids", STRINGS, false),
        field("advice_rule_ids", STRINGS, false),
        field("responsible_roles", STRINGS, false),
        field("rule_set_id", DataTypes.StringType, false),
        field("rule_set_version", DataTypes.StringType, false),
        field("rule_set_digest", DataTypes.StringType, false),
        field("source_file", DataTypes.StringType, false),
        field("source_offset", DataTypes.LongType, false),
    });

    /** One problem with an invalid record, as the library reports it. */
    public static final StructType PROBLEM = new StructType(new StructField[] {
        field("path", DataTypes.StringType, false),
        field("message", DataTypes.StringType, false),
        field("allowed", STRINGS, false),
        field("suggestion", DataTypes.StringType, true),
        field("line", DataTypes.IntegerType, false),
        field("column", DataTypes.IntegerType, false),
    });

    /** {@code invalid/}: one row per line that holds no decidable record, with every problem. */
    public static final StructType INVALID = new StructType(new StructField[] {
        field("source_file", DataTypes.StringType, false),
        field("source_offset", DataTypes.LongType, false),
        field("record_id", DataTypes.StringType, true),
        field("department", DataTypes.StringType, true),
        field("text", DataTypes.StringType, false),
        field("text_truncated", DataTypes.BooleanType, false),
        field("problems", DataTypes.createArrayType(PROBLEM, false), false),
    });

    /** The longest line text kept in {@code invalid/}; the offset finds the whole line. */
    public static final int MAX_TEXT = 8_192;

    private AuditSchema() {
    }

    /**
     * A decided record as a row of {@link #DECISION}.
     *
     * @param record the record
     * @param decision its decision
     * @return the row
     */
    public static Row decisionRow(ActivityRecord record, Decision decision) {
        PolicyRequest request = record.request();
        Owner owner = request.channel().owner();
        return RowFactory.create(
                record.id(),
                Timestamp.from(record.time()),
                record.department(),
                request.actor().role(),
                request.actor().id(),
                request.action(),
                request.channel().type(),
                request.channel().handle(),
                owner == null ? null : owner.role(),
                owner == null ? null : owner.id(),
                owner == null ? null : owner.capacity(),
                strings(request.content()),
                decision.outcome().name(),
                decision.isPermitted(),
                decision.channelType(),
                strings(decision.codes()),
                strings(decision.ruleIds()),
                strings(decision.reasons(), reason -> reason.effect().name()),
                strings(decision.obligations(), obligation -> obligation.rule()),
                strings(decision.advice(), advice -> advice.rule()),
                strings(decision.responsibilities(), responsibility -> responsibility.role()),
                decision.ruleSet().id(),
                decision.ruleSet().version(),
                decision.ruleSet().digest(),
                record.source().file(),
                record.source().offset());
    }

    /**
     * An invalid record as a row of {@link #INVALID}.
     *
     * @param record the record
     * @return the row
     */
    public static Row invalidRow(InvalidRecord record) {
        String text = record.source().text();
        boolean truncated = text.length() > MAX_TEXT;
        Row[] problems = record.problems().stream().map(AuditSchema::problemRow).toArray(Row[]::new);
        return RowFactory.create(
                record.source().file(),
                record.source().offset(),
                record.id(),
                record.department(),
                truncated ? text.substring(0, MAX_TEXT) : text,
                truncated,
                problems);
    }

    private static Row problemRow(Problem problem) {
        return RowFactory.create(problem.path(), problem.message(), strings(problem.allowedValues()), problem.suggestion(),
                problem.line(), problem.column());
    }

    private static String[] strings(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static <T> String[] strings(List<T> values, Function<T, String> id) {
        return values.stream().map(id).toArray(String[]::new);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
