package uk.gov.channelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the examples in a markdown document real. An example is a fenced block with a marker on the line above it,
 * {@code <!-- example: NAME -->}; a test names a generator for every marker, the generators run in the order the
 * document shows their examples, and each block must be exactly what its generator produced. With
 * {@code -Dchannelpolicy.writeDocs=true} the blocks are written again instead.
 *
 * <p>Shared through core's test-jar by every module whose tests check a document, so that every document is
 * checked, and regenerated, the same way.
 */
public final class DocExamples {
    /** The system property that makes {@link #check} write the examples instead of failing on a difference. */
    public static final String WRITE_PROPERTY = "channelpolicy.writeDocs";
    /** The one command, from the repository's root, that writes every generated example of the guides again; each guide names it. */
    public static final String REGENERATE = "mvn -B -pl examples/cli,examples/server -am test -Dtest='*DocsTest'"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    private static final Pattern BLOCK = Pattern.compile("<!-- (example|input): ([\\w./-]+) -->\\n(```[\\w-]*\\n)(.*?)```\\n", Pattern.DOTALL);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DocExamples() {
    }

    /**
     * Generates every marked example of a document, in the document's order, and checks (or writes) it.
     *
     * @param doc the markdown file
     * @param examples a generator per example name; every one must be marked in the document exactly once, and every
     *     marker must have one
     * @throws Exception whatever a generator throws
     */
    public static void check(Path doc, Map<String, Callable<String>> examples) throws Exception {
        String text = Files.readString(doc);
        Matcher matcher = BLOCK.matcher(text);
        StringBuilder written = new StringBuilder();
        List<String> marked = new ArrayList<>();
        Map<String, String> stale = new LinkedHashMap<>();
        while (matcher.find()) {
            if (matcher.group(1).equals("input")) {
                matcher.appendReplacement(written, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            String name = matcher.group(2);
            Callable<String> example = examples.get(name);
            assertThat(example).as("%s marks an example \"%s\" that no test generates", doc, name).isNotNull();
            marked.add(name);
            String output = example.call();
            output = output.isEmpty() || output.endsWith("\n") ? output : output + "\n";
            if (!output.equals(matcher.group(4))) {
                stale.put(name, "--- the document shows ---\n" + matcher.group(4) + "--- the real output is ---\n" + output);
            }
            matcher.appendReplacement(written, Matcher.quoteReplacement("<!-- example: " + name + " -->\n" + matcher.group(3) + output + "```\n"));
        }
        matcher.appendTail(written);
        assertThat(marked).as("the examples marked in %s", doc).containsExactlyInAnyOrderElementsOf(examples.keySet());
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            // Writing is the one pass that does not compare, so that one command regenerates every module's documents.
            Files.writeString(doc, written.toString());
            return;
        }
        assertThat(text).as("%s names the command that regenerates its examples", doc).contains(REGENERATE);
        assertThat(stale).as("%s shows output that is no longer real; regenerate it with: %s", doc, REGENERATE).isEmpty();
    }

    /**
     * The current content of one marked block: an example, or an input ({@code <!-- input: NAME -->}) such as a
     * request that examples send, which {@link #check} leaves as it is.
     *
     * @param doc the markdown file
     * @param name the example's name
     * @return the block's text, without its fences
     */
    public static String block(Path doc, String name) {
        try {
            Matcher matcher = BLOCK.matcher(Files.readString(doc));
            while (matcher.find()) {
                if (matcher.group(2).equals(name)) {
                    return matcher.group(4);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(doc + " has no example named " + name);
    }

    /**
     * JSON text as {@code jq .} prints it: two-space indents, {@code "key": value}, {@code []} and {@code {}} when empty.
     *
     * @param json JSON text
     * @return the pretty-printed text, ending with a line break
     */
    public static String jq(String json) {
        return jq(parse(json));
    }

    /**
     * A JSON value as {@code jq .} prints it.
     *
     * @param node the value
     * @return the pretty-printed text, ending with a line break
     */
    public static String jq(JsonNode node) {
        StringBuilder out = new StringBuilder();
        pretty(node, "", out);
        return out.append('\n').toString();
    }

    /**
     * A JSON value as {@code jq -c} prints it: compact, on one line.
     *
     * @param node the value
     * @return the compact text, ending with a line break
     */
    public static String jqCompact(JsonNode node) {
        return node.toString() + "\n";
    }

    /**
     * Parses JSON text.
     *
     * @param json JSON text
     * @return its tree
     */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * The mapper the trees come from, to build filtered results as jq would.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static void pretty(JsonNode node, String indent, StringBuilder out) {
        String inner = indent + "  ";
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(inner).append(TextNode.valueOf(field.getKey())).append(": ");
                pretty(field.getValue(), inner, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                pretty(node.get(i), inner, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(node);
        }
    }
}
