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
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;

/**
 * The table the deciding stage writes, one row per record read, and how a record becomes a row of it.
 * Every output ({@code decisions/}, {@code review/}, {@code invalid/}) is a selection of its columns.
 * Column names are the documented output contract (docs/audit.md): add columns, never rename them.
 */
public final class AuditSchema {
    /** {@code status} of a decided record. */
    public static final String DECIDED = "decided";
    /** {@code status} of a record that holds no decidable request. */
    public static final String INVALID = "invalid";
    /** {@code status} of a record whose content categories nothing gave: for a person to classify. */
    public static final String UNCLASSIFIED = "unclassified";

    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

    /** One problem with an invalid record, as the library reports it. */
    public static final StructType PROBLEM = new StructType(new StructField[] {
        field("path", DataTypes.StringType, false),
        field("message", DataTypes.StringType, false),
        field("allowed", STRINGS, false),
        field("suggestion", DataTypes.StringType, true),
        field("line", DataTypes.IntegerType, false),
        field("column", DataTypes.IntegerType, false),
    });

    /**
     * Every record read, whatever became of it. {@code channel_type} is the type the rule set classified the
     * channel as (null unless decided, and for INDETERMINATE); {@code stated_channel_type} is the type the
     * record or the accounts file stated, if any. Staff ids ({@code actor_id}, {@code owner_id}) are shown as
     * {@link StaffIds} says.
     */
    public static final StructType RECORD = new StructType(new StructField[] {
        field("status", DataTypes.StringType, false),
        field("record_id", DataTypes.StringType, true),
        field("time", DataTypes.TimestampType, true),
        field("department", DataTypes.StringType, true),
        field("account", DataTypes.StringType, true),
        field("actor_role", DataTypes.StringType, true),
        field("actor_id", DataTypes.StringType, true),
        field("action", DataTypes.StringType, true),
        field("stated_channel_type", DataTypes.StringType, true),
        field("owner_role", DataTypes.StringType, true),
        field("owner_id", DataTypes.StringType, true),
        field("owner_capacity", DataTypes.StringType, true),
        field("own_channel", DataTypes.BooleanType, true),
        field("content", STRINGS, true),
        field("category_source", DataTypes.StringType, true),
        field("machine_classified", DataTypes.BooleanType, true),
        field("text", DataTypes.StringType, true),
        field("link", DataTypes.StringType, true),
        field("outcome", DataTypes.StringType, true),
        field("permitted", DataTypes.BooleanType, true),
        field("channel_type", DataTypes.StringType, true),
        field("codes", STRINGS, true),
        field("rule_ids", STRINGS, true),
        field("rule_effects", STRINGS, true),
        field("obligation_rule_ids", STRINGS, true),
        field("advice_rule_ids", STRINGS, true),
        field("responsible_roles", STRINGS, true),
        field("rule_set_id", DataTypes.StringType, true),
        field("rule_set_version", DataTypes.StringType, true),
        field("rule_set_digest", DataTypes.StringType, true),
        field("source_file", DataTypes.StringType, false),
        field("source_offset", DataTypes.LongType, false),
        field("line", DataTypes.StringType, true),
        field("line_truncated", DataTypes.BooleanType, true),
        field("problems", DataTypes.createArrayType(PROBLEM, false), true),
    });

    /** The columns of {@code decisions/}. */
    public static final List<String> DECISION_COLUMNS = List.of("record_id", "time", "department", "account", "actor_role", "actor_id",
            "action", "stated_channel_type", "owner_role", "owner_id", "owner_capacity", "own_channel", "content", "category_source",
            "machine_classified", "text", "link", "outcome", "permitted", "channel_type", "codes", "rule_ids", "rule_effects",
            "obligation_rule_ids", "advice_rule_ids", "responsible_roles", "rule_set_id", "rule_set_version", "rule_set_digest",
            "source_file", "source_offset");

    /** The columns of {@code review/}: the decided records not permitted, and the unclassified ones. */
    public static final List<String> REVIEW_COLUMNS = List.of("status", "record_id", "time", "department", "account", "actor_role",
            "actor_id", "action", "content", "category_source", "machine_classified", "text", "link", "outcome", "channel_type",
            "rule_ids", "rule_effects", "responsible_roles", "source_file", "source_offset");

    /** The columns of {@code invalid/}. */
    public static final List<String> INVALID_COLUMNS = List.of("source_file", "source_offset", "record_id", "department", "line",
            "line_truncated", "problems");

    /** The longest line text kept for an invalid record; the offset finds the whole line. */
    public static final int MAX_TEXT = 8_192;

    private AuditSchema() {
    }

    /**
     * A decided record as a row.
     *
     * @param record the record
     * @param decision its decision
     * @param ids how staff ids are shown
     * @param maskText whether handles and e-mail addresses in the text are masked
     * @return the row
     */
    public static Row decided(ActivityRecord record, Decision decision, StaffIds ids, boolean maskText) {
        PolicyRequest request = record.request();
        Channel channel = request.channel();
        Owner owner = channel.owner();
        return RowFactory.create(
                DECIDED,
                record.id(),
                Timestamp.from(record.time()),
                record.department(),
                channel.handle(),
                request.actor().role(),
                ids.show(request.actor().id()),
                request.action(),
                channel.type(),
                owner == null ? null : owner.role(),
                owner == null ? null : ids.show(owner.id()),
                owner == null ? null : owner.capacity(),
                request.actsOnOwnChannel(),
                strings(request.content()),
                record.categories().id(),
                record.categories() == CategorySource.LEXICON,
                maskText ? TextMasking.mask(record.text()) : record.text(),
                record.link(),
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
                record.source().offset(),
                null, null, null);
    }

    /**
     * A record nothing classified, as a row: not decided.
     *
     * @param record the record
     * @param ids how staff ids are shown
     * @param maskText whether handles and e-mail addresses in the text are masked
     * @return the row
     */
    public static Row unclassified(UnclassifiedRecord record, StaffIds ids, boolean maskText) {
        Channel channel = record.channel();
        Owner owner = channel.owner();
        return RowFactory.create(
                UNCLASSIFIED,
                record.id(),
                Timestamp.from(record.time()),
                record.department(),
                channel.handle(),
                record.actor().role(),
                ids.show(record.actor().id()),
                record.action(),
                channel.type(),
                owner == null ? null : owner.role(),
                owner == null ? null : ids.show(owner.id()),
                owner == null ? null : owner.capacity(),
                null, null, null, null,
                maskText ? TextMasking.mask(record.text()) : record.text(),
                record.link(),
                null, null, null, null, null, null, null, null, null, null, null, null,
                record.source().file(),
                record.source().offset(),
                null, null, null);
    }

    /**
     * An invalid record as a row, with every problem.
     *
     * @param record the record
     * @param maskText whether handles and e-mail addresses in the line are masked
     * @return the row
     */
    public static Row invalid(InvalidRecord record, boolean maskText) {
        String text = maskText ? TextMasking.mask(record.source().text()) : record.source().text();
        boolean truncated = text.length() > MAX_TEXT;
        Row[] problems = record.problems().stream().map(AuditSchema::problemRow).toArray(Row[]::new);
        Object[] values = new Object[RECORD.size()];
        values[0] = INVALID;
        values[1] = record.id();
        values[3] = record.department();
        values[RECORD.fieldIndex("source_file")] = record.source().file();
        values[RECORD.fieldIndex("source_offset")] = record.source().offset();
        values[RECORD.fieldIndex("line")] = truncated ? text.substring(0, MAX_TEXT) : text;
        values[RECORD.fieldIndex("line_truncated")] = truncated;
        values[RECORD.fieldIndex("problems")] = problems;
        return RowFactory.create(values);
    }

    private static Row problemRow(Problem problem) {
        return RowFactory.create(problem.path(), problem.message(), strings(problem.allowedValues()), problem.suggestion(),
                problem.line(), problem.column());
    }

    private static String[] strings(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static <T> String[] strings(List<T> values, Function<T, String> id) {
        String[] ids = new String[values.size()]; // a loop, not a stream: this runs several times for every record
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id.apply(values.get(i));
        }
        return ids;
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
