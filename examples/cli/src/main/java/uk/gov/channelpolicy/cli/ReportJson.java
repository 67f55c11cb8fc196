package uk.gov.channelpolicy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import uk.gov.channelpolicy.ChannelPolicy;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.RuleSetIdentity;
import uk.gov.channelpolicy.load.StrictJson;

/**
 * The pieces the commands' {@code --format json} documents share, and how they are written: a
 * report ({@code validate}, {@code test}, {@code diff}, {@code check}) is pretty-printed, an answer to
 * one request ({@code explain}) is one line, as {@code evaluate}'s is.
 */
final class ReportJson {
    private static final ObjectMapper MAPPER = StrictJson.mapper();
    /** {@code "key": value}, one item a line, \n on every platform: as a sealed manifest is written. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));

    private ReportJson() {
    }

    /** A new, empty object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"id": ..., "version": ..., "digest": ...}}, or JSON null when there is no identity. */
    static JsonNode identity(RuleSetIdentity identity) {
        if (identity == null) {
            return MAPPER.nullNode();
        }
        ObjectNode node = object();
        node.put("id", identity.id());
        node.put("version", identity.version());
        node.put("digest", identity.digest());
        return node;
    }

    /** A list of strings as a JSON array. */
    static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** {@code {"source": ..., "section": ..., "quote": ...}}. */
    static ObjectNode citation(Citation citation) {
        ObjectNode node = object();
        node.put("source", citation.source());
        node.put("section", citation.section());
        node.put("quote", citation.quote());
        return node;
    }

    /**
     * A decision in the contract's shape, as the library writes it, for a report that embeds it.
     *
     * @param policy the policy whose codec writes it
     * @param decision the decision
     * @return the decision as a tree
     */
    static JsonNode decision(ChannelPolicy policy, uk.gov.channelpolicy.Decision decision) {
        return parse(policy.json().write(decision));
    }

    /** A request as the contract writes it, as a tree, through the policy's codec. */
    static JsonNode request(ChannelPolicy policy, PolicyRequest request) {
        return parse(policy.json().write(request));
    }

    /** Pretty-printed, with a final line break: a report. */
    static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as JSON", e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the library wrote JSON it cannot read back", e);
        }
    }
}
