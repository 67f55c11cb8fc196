package uk.gov.channelpolicy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void main_printsTheDenyingRulesWithTheirQuotes() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Embedding.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "dh.ministers.no-official-help-with-party-political: DH officials cannot assist in the use of the channel for personal or party political content.");
    }

    @Test
    void readme_showsExactlyThisExample() throws IOException {
        String source = Files.readString(Path.of("src/main/java/uk/gov/channelpolicy/examples/embedding/Embedding.java"));
        String example = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(), source.indexOf("        // README:end"))
                .lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip()).reduce((a, b) -> a + "\n" + b).orElseThrow();
        String readme = Files.readString(Path.of("../../README.md"));

        assertThat(readme).as("README.md must show the embedding example exactly as it compiles here").contains(example);
    }
}
