package uk.gov.channelpolicy.audit;

import java.util.Locale;

/** What the audit reads: {@code --format}. */
public enum InputFormat {
    /** The project's activity records, one JSON object per line, each with a policy request. */
    JSONL,
    /** A Twitter/X account archive's {@code tweets.js}, with the accounts file. */
    TWEETS_JS,
    /** A CSV export with a header row, with the accounts file and {@code --columns}. */
    CSV,
    /** A Parquet export, with the accounts file and {@code --columns}. */
    PARQUET;

    /**
     * The name on the command line.
     *
     * @return e.g. {@code tweets-js}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether posts of this format need the accounts file to become requests.
     *
     * @return true for exports, false for JSON Lines activity records
     */
    public boolean needsAccounts() {
        return this != JSONL;
    }
}
