package uk.gov.channelpolicy.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * How an audit reads its input and writes its outputs: everything but where the input, the output and
 * the rule set are. Built with {@link #builder(Instant)}; immutable.
 *
 * <pre>{@code
 * AuditSettings settings = AuditSettings.builder(Instant.now()).format(InputFormat.TWEETS_JS).accounts(book)
 *         .lexicon(Lexicon.bundled(vocabulary)).maxInvalid(0.01).build();
 * }</pre>
 */
public final class AuditSettings {
    /** The default {@code --max-invalid}: 1% of the records read. */
    public static final double DEFAULT_MAX_INVALID = 0.01;
    /** How many records needing review the HTML page lists; the CSV and Parquet hold them all. */
    public static final int DEFAULT_REVIEW_ROWS = 200;

    private final InputFormat format;
    private final Integer splits;
    private final AccountBook accounts;
    private final Lexicon lexicon;
    private final TimeRules times;
    private final ColumnMap columns;
    private final String account;
    private final StaffIds staffIds;
    private final boolean maskText;
    private final double maxInvalid;
    private final int reviewRows;

    private AuditSettings(Builder builder) {
        this.format = builder.format;
        this.splits = builder.splits;
        this.accounts = builder.accounts;
        this.lexicon = builder.lexicon;
        this.times = builder.times;
        this.columns = builder.columns;
        this.account = builder.account;
        this.staffIds = builder.staffIds;
        this.maskText = builder.maskText;
        this.maxInvalid = builder.maxInvalid;
        this.reviewRows = builder.reviewRows;
    }

    /**
     * Starts settings for an audit that starts at a moment: no record may be later than it.
     *
     * @param start when the audit started
     * @return a builder with the defaults: JSON Lines, masked staff ids, text as exported, at most 1% invalid
     */
    public static Builder builder(Instant start) {
        return new Builder(start);
    }

    /** @return what the input is */
    public InputFormat format() {
        return format;
    }

    /** @return how many input partitions to aim for, or {@code null} for three per core */
    public Integer splits() {
        return splits;
    }

    /** @return the accounts file, or {@code null} (JSON Lines needs none) */
    public AccountBook accounts() {
        return accounts;
    }

    /** @return the lexicon, or {@code null} for the bundled one */
    public Lexicon lexicon() {
        return lexicon;
    }

    /** @return how times are read and which are possible */
    public TimeRules times() {
        return times;
    }

    /** @return the columns of a CSV or Parquet export */
    public ColumnMap columns() {
        return columns;
    }

    /** @return the handle whose {@code tweets.js} the input is, or {@code null} to read it from {@code account.js} */
    public String account() {
        return account;
    }

    /** @return how staff ids are shown */
    public StaffIds staffIds() {
        return staffIds;
    }

    /** @return whether handles and e-mail addresses in texts are masked */
    public boolean maskText() {
        return maskText;
    }

    /** @return the largest share of invalid records a run may have and still succeed, 0 to 1 */
    public double maxInvalid() {
        return maxInvalid;
    }

    /** @return how many records needing review the HTML page lists */
    public int reviewRows() {
        return reviewRows;
    }

    /** Builds {@link AuditSettings}; each setter checks its value. */
    public static final class Builder {
        private InputFormat format = InputFormat.JSONL;
        private Integer splits;
        private AccountBook accounts;
        private Lexicon lexicon;
        private TimeRules times;
        private ColumnMap columns = ColumnMap.parse(null);
        private String account;
        private StaffIds staffIds = StaffIds.masked();
        private boolean maskText;
        private double maxInvalid = DEFAULT_MAX_INVALID;
        private int reviewRows = DEFAULT_REVIEW_ROWS;

        private Builder(Instant start) {
            this.times = TimeRules.iso(Objects.requireNonNull(start, "start"));
        }

        /**
         * What the input is; default JSON Lines.
         *
         * @param newFormat the format
         * @return this builder
         */
        public Builder format(InputFormat newFormat) {
            this.format = Objects.requireNonNull(newFormat, "format");
            return this;
        }

        /**
         * How many input partitions to aim for; default three per core.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder splits(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("--splits must be at least 1, not " + count);
            }
            this.splits = count;
            return this;
        }

        /**
         * The department's accounts file; required for every format but JSON Lines.
         *
         * @param book the accounts
         * @return this builder
         */
        public Builder accounts(AccountBook book) {
            this.accounts = Objects.requireNonNull(book, "book");
            return this;
        }

        /**
         * The lexicon for posts whose export states no category; default the bundled {@code lexicon-dh.csv}.
         *
         * @param newLexicon the lexicon
         * @return this builder
         */
        public Builder lexicon(Lexicon newLexicon) {
            this.lexicon = Objects.requireNonNull(newLexicon, "lexicon");
            return this;
        }

        /**
         * How a CSV or Parquet export's times are written, when not ISO-8601 with a zone.
         *
         * @param pattern a {@link java.time.format.DateTimeFormatter} pattern, or {@code null} for ISO-8601
         * @param zone the zone of times written without one, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the pattern or zone is not valid
         */
        public Builder timeFormat(String pattern, String zone) {
            this.times = times.withFormat(pattern, zone);
            return this;
        }

        /**
         * Which columns of a CSV or Parquet export hold which part of a post.
         *
         * @param map the columns
         * @return this builder
         */
        public Builder columns(ColumnMap map) {
            this.columns = Objects.requireNonNull(map, "map");
            return this;
        }

        /**
         * The handle whose {@code tweets.js} the input is; default: read from {@code account.js} beside it.
         *
         * @param handle the handle
         * @return this builder
         */
        public Builder account(String handle) {
            this.account = Objects.requireNonNull(handle, "handle");
            return this;
        }

        /**
         * How staff ids are shown; default masked.
         *
         * @param newIds the masking
         * @return this builder
         */
        public Builder staffIds(StaffIds newIds) {
            this.staffIds = Objects.requireNonNull(newIds, "ids");
            return this;
        }

        /**
         * Whether handles and e-mail addresses in texts are masked; default false: the department's own
         * public posts are shown as exported.
         *
         * @param mask whether to mask
         * @return this builder
         */
        public Builder maskText(boolean mask) {
            this.maskText = mask;
            return this;
        }

        /**
         * The largest share of invalid records a run may have and still succeed; default 1%.
         *
         * @param fraction 0 to 1
         * @return this builder
         * @throws IllegalArgumentException if outside 0 to 1
         */
        public Builder maxInvalid(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("--max-invalid must be between 0 and 1 (0.01 is 1%), not " + fraction);
            }
            this.maxInvalid = fraction;
            return this;
        }

        /**
         * How many records needing review the HTML page lists; default 200.
         *
         * @param rows at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder reviewRows(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("review rows must be at least 0, not " + rows);
            }
            this.reviewRows = rows;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if the format needs an accounts file and none was given
         */
        public AuditSettings build() {
            if (format.needsAccounts() && accounts == null) {
                throw new IllegalArgumentException("--format " + format.id() + " needs --accounts FILE: the export does not say whose "
                        + "accounts posted, who operates them, or their channel types");
            }
            return new AuditSettings(this);
        }
    }
}
