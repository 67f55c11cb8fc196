package uk.gov.channelpolicy;

import java.util.Objects;

/**
 * Where in the guidance a rule comes from.
 *
 * @param source the id of the source document, from the rule set's manifest
 * @param section the heading of the section the quote is in
 * @param quote a verbatim quote from the source; the loader refuses a rule set whose quote is not in it
 */
public record Citation(String source, String section, String quote) {

    /**
     * Checks that every part is given.
     *
     * @param source the id of the source document, from the rule set's manifest
     * @param section the heading of the section the quote is in
     * @param quote a verbatim quote from the source; the loader refuses a rule set whose quote is not in it
     */
    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(quote, "quote");
    }
}
