package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One post as an export gives it, before the accounts file and the lexicon make it a request: what every
 * importer ({@code tweets.js}, CSV, Parquet) produces.
 *
 * <p>Serializable only so that Spark may move it between JVMs running the same jars; never stored.
 *
 * @serial exclude
 * @param source where it was read from
 * @param id the post's id, or {@code null} when the export gives none
 * @param time the time as exported, or {@code null}
 * @param account the handle of the account that posted, or {@code null}
 * @param action the action the export states ({@code post}, {@code reply}, ...), or {@code null} when it states none
 * @param categories the content categories the export states (a category column), possibly empty
 * @param text the post's text, or {@code null}
 * @param link the post's address, or {@code null}
 * @param hashtags the post's hashtags as the export lists them, without {@code #}, possibly empty
 */
public record ExportRecord(SourceLine source, String id, String time, String account, String action, List<String> categories,
        String text, String link, List<String> hashtags) implements Imported, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks and copies the parts.
     *
     * @param source where it was read from
     * @param id the post's id, or {@code null}
     * @param time the time, or {@code null}
     * @param account the handle, or {@code null}
     * @param action the stated action, or {@code null}
     * @param categories the stated categories
     * @param text the text, or {@code null}
     * @param link the address, or {@code null}
     * @param hashtags the hashtags
     */
    public ExportRecord {
        Objects.requireNonNull(source, "source");
        categories = List.copyOf(categories);
        hashtags = List.copyOf(hashtags);
    }
}
