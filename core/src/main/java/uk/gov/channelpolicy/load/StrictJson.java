package uk.gov.channelpolicy.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way this library, its command line and its service make a Jackson mapper: duplicate keys, trailing content
 * and documents over the size limits are errors, and polymorphic typing is never enabled, so nothing read can name a
 * class to instantiate. Internal: Jackson types stay out of the public API.
 */
public final class StrictJson {
    /** Nesting deeper than this is refused. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Strings longer than this are refused. */
    public static final int MAX_STRING_LENGTH = 4_096;
    /** Documents longer than this are refused. */
    public static final long MAX_DOCUMENT_LENGTH = 65_536;

    private StrictJson() {
    }

    /**
     * A strict mapper with the default limits.
     *
     * @return a new mapper
     */
    public static ObjectMapper mapper() {
        return mapper(MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_DOCUMENT_LENGTH);
    }

    /**
     * A strict mapper with the given limits.
     *
     * @param maxNestingDepth the deepest nesting allowed
     * @param maxStringLength the longest string allowed
     * @param maxDocumentLength the longest document allowed
     * @return a new mapper
     */
    public static ObjectMapper mapper(int maxNestingDepth, int maxStringLength, long maxDocumentLength) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxDocumentLength(maxDocumentLength)
                        .build())
                .build();
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }
}
