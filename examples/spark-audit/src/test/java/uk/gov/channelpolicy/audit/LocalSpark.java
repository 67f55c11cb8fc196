package uk.gov.channelpolicy.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A local SparkSession for tests, on two cores and the loopback address, and helpers to read outputs. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("channel-policy audit tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .getOrCreate();
    }

    static List<Row> read(SparkSession spark, String path) {
        return spark.read().parquet(path).collectAsList();
    }

    static Map<String, Row> byColumn(List<Row> rows, String column) {
        Map<String, Row> map = new HashMap<>();
        for (Row row : rows) {
            Row previous = map.put(String.valueOf(row.<Object>getAs(column)), row);
            if (previous != null) {
                throw new AssertionError("two rows with " + column + " = " + row.getAs(column));
            }
        }
        return map;
    }

    /** The byte offset of each line of a JSON Lines file whose lines end with a single newline. */
    static List<Long> offsets(List<SyntheticRecord> records) {
        List<Long> offsets = new ArrayList<>(records.size());
        long offset = 0;
        for (SyntheticRecord record : records) {
            offsets.add(offset);
            offset += record.line().getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return offsets;
    }
}
