package uk.gov.channelpolicy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JsonTree#write} is byte for byte Jackson's {@code JsonNode.toString()}, which seals were computed with. */
class JsonTreeTest {
    static Stream<String> documents() throws IOException {
        return Stream.of(
                "{}", "[]", "null", "true", "\"\"", "0", "-7", "2147483648", "123456789012345678901234567890",
                "1.5", "-0.0", "1e10", "1.25E-7", "0.10",
                "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
                "{ \"spaced\" : [ 1 , 2 ] ,\n \"tab\\there\": \"line\\nbreak \\\"quoted\\\" back\\\\slash /slash\" }",
                "{\"unicode\":\"caf\\u00e9 é 日本 \\ud83d\\ude00 😀\",\"controls\":\"\\u0001\\u001f\\u007f\\b\\f\\r\"}",
                "{\"nested\":[[[{\"x\":[{\"y\":[]}]}]]],\"empty\":{},\"emptyList\":[]}",
                Files.readString(Path.of("src/test/resources/rulesets/newsroom/manifest.json")));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writesEveryTreeAsJacksonsToStringDoes(String document) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = JsonTree.read(document.getBytes(StandardCharsets.UTF_8));

        assertThat(JsonTree.write(tree)).isEqualTo(tree.toString());
    }
}
