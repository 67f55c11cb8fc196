package uk.gov.channelpolicy.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.input_file_name;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the posts of a CSV export (a social-media management tool's: a header row, then one post per
 * row, fields quoted as RFC 4180 has them, line breaks allowed inside quotes) or a Parquet export, with a
 * {@link ColumnMap} saying which column holds which part. A record's source is the file and the data row
 * number (from 1, counting across the input's files in the order Spark lists them).
 */
public final class TableExport {
    private static final String FILE = "_file";

    private TableExport() {
    }

    /**
     * The posts of an export.
     *
     * @param spark the session
     * @param format {@link InputFormat#CSV} or {@link InputFormat#PARQUET}
     * @param paths files, directories or globs, comma-separated
     * @param columns which column holds which part
     * @return one post per row
     * @throws SettingsException if the export lacks a required or named column
     */
    public static JavaRDD<Imported> posts(SparkSession spark, InputFormat format, String paths, ColumnMap columns) {
        String[] inputs = Arrays.stream(paths.split(",")).map(String::strip).toArray(String[]::new);
        Dataset<Row> table = format == InputFormat.CSV
                ? spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                        .option("mode", "PERMISSIVE").option("inferSchema", "false").option("encoding", "UTF-8").csv(inputs)
                : spark.read().parquet(inputs);
        Map<String, String> resolved = columns.resolve(Arrays.asList(table.columns()));
        List<Column> selected = new ArrayList<>();
        for (String part : ColumnMap.PARTS) {
            String column = resolved.get(part);
            if (column == null) {
                continue;
            }
            StructField field = table.schema().apply(column);
            Column value = field.dataType().equals(DataTypes.TimestampType) || field.dataType().equals(DataTypes.TimestampNTZType)
                    ? date_format(col(column), "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                    : col(column).cast(DataTypes.StringType);
            selected.add(value.as(part));
        }
        selected.add(input_file_name().as(FILE));
        List<String> parts = ColumnMap.PARTS.stream().filter(resolved::containsKey).toList();
        return table.select(selected.toArray(Column[]::new)).javaRDD().zipWithIndex()
                .map(pair -> post(pair._1(), pair._2() + 1, parts));
    }

    private static Imported post(Row row, long number, List<String> parts) {
        List<String> values = new ArrayList<>();
        for (String part : parts) {
            values.add(row.getAs(part));
        }
        String line = CsvText.line(values).stripTrailing();
        String category = parts.contains("category") ? row.getAs("category") : null;
        List<String> categories = category == null ? List.of() : Arrays.stream(category.split("[;|]")).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
        // Spark's CSV reader replaces bytes that are not UTF-8 by U+FFFD: a row holding one is quarantined.
        return new ExportRecord(new SourceLine(row.getAs(FILE), number, line, line.indexOf('\uFFFD')), part(row, parts, "id"), part(row, parts, "time"),
                part(row, parts, "account"), part(row, parts, "action"), categories, part(row, parts, "text"), part(row, parts, "link"),
                List.of());
    }

    private static String part(Row row, List<String> parts, String part) {
        return parts.contains(part) ? row.getAs(part) : null;
    }
}
