package uk.gov.channelpolicy.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads the lines of a JSON Lines archive, each with its file and byte offset. Hadoop's text input
 * is used rather than Spark SQL's, because only it gives every line's offset: an unreadable line
 * has no id, and its offset is then the only way to find it again.
 */
public final class ArchiveInput {
    /** Splits are never smaller than this, so that small archives are not cut into slivers. */
    static final long MIN_SPLIT_BYTES = 64L * 1024;
    /** Nor larger than this, Spark's own default for files. */
    static final long MAX_SPLIT_BYTES = 128L * 1024 * 1024;

    private ArchiveInput() {
    }

    /**
     * The lines of the archive, split into about {@code splits} partitions (fewer for a small archive,
     * more for a large one: no split is larger than 128 MiB, or the file system's block).
     *
     * @param spark the session
     * @param paths files, directories or globs, comma-separated, on any file system Hadoop reads
     *     (a directory means the files in it whose names do not start with {@code _} or {@code .});
     *     {@code .gz} and {@code .bz2} files are decompressed
     * @param splits how many partitions to aim for; at least 1
     * @return the lines, with the file and byte offset of each
     * @throws IllegalArgumentException if a path matches no file
     */
    public static JavaRDD<SourceLine> lines(SparkSession spark, String paths, int splits) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, not " + splits);
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(context.hadoopConfiguration());
        long bytes = totalBytes(paths, conf);
        long perSplit = Math.min(MAX_SPLIT_BYTES, Math.max(MIN_SPLIT_BYTES, (bytes + splits - 1) / splits));
        conf.setLong(FileInputFormat.SPLIT_MAXSIZE, perSplit);
        JavaNewHadoopRDD<LongWritable, Text> hadoop = (JavaNewHadoopRDD<LongWritable, Text>) context.newAPIHadoopFile(
                paths, TextInputFormat.class, LongWritable.class, Text.class, conf);
        return hadoop.mapPartitionsWithInputSplit((split, pairs) -> sourceLines(((FileSplit) split).getPath().toString(), pairs), true);
    }

    private static Iterator<SourceLine> sourceLines(String file, Iterator<Tuple2<LongWritable, Text>> pairs) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public SourceLine next() {
                // Hadoop reuses the key and value objects: copy them out at once.
                Tuple2<LongWritable, Text> pair = pairs.next();
                return sourceLine(file, pair._1().get(), pair._2().getBytes(), pair._2().getLength());
            }
        };
    }

    /**
     * A line from its bytes, noting the first byte that is not UTF-8 rather than replacing it silently.
     *
     * @param file the file
     * @param offset the line's byte offset
     * @param bytes the buffer holding the line
     * @param length how many bytes of it are the line
     * @return the line; {@link SourceLine#badByte()} is -1 unless a byte is not UTF-8
     */
    static SourceLine sourceLine(String file, long offset, byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return new SourceLine(file, offset, text); // the fast path: nothing was replaced
        }
        // A U+FFFD may be in the file as such (valid UTF-8), or stand for bytes that are not UTF-8: decode strictly to tell.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(length + 1), true);
        return new SourceLine(file, offset, text, result.isError() ? in.position() : -1);
    }

    /** The size of the input, to choose the split size; also fails early, and plainly, on a missing input. */
    static long totalBytes(String paths, Configuration conf) {
        long total = 0;
        try {
            for (String one : paths.split(",")) {
                Path path = new Path(one.trim());
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new IllegalArgumentException("no input at " + one.trim());
                }
                for (FileStatus match : matches) {
                    if (match.isDirectory()) {
                        for (FileStatus child : fs.listStatus(match.getPath())) {
                            String name = child.getPath().getName();
                            if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                                total += child.getLen();
                            }
                        }
                    } else {
                        total += match.getLen();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the input " + paths, e);
        }
        return total;
    }
}
