package uk.gov.channelpolicy.audit;

/**
 * Where a record's content categories came from. Categories are never guessed: each record says which
 * of these gave them, and the report marks the machine-classified ones.
 */
public enum CategorySource {
    /** The export stated them: a category column, or the request in a JSON Lines record. */
    STATED,
    /** The lexicon matched a term or hashtag in the text: machine-classified, to be read by a person. */
    LEXICON,
    /** Nothing in the text matched; the accounts file gives the account's default category. */
    ACCOUNT_DEFAULT;

    /**
     * The name used in the outputs.
     *
     * @return e.g. {@code account-default}
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
