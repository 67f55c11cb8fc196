package uk.gov.channelpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void next_splitsOnEveryKindOfLineBreakLikeReadLine() throws IOException {
        assertThat(read("a\nb\r\nc\rd", 10)).containsExactly("1:a", "2:b", "3:c", "4:d");
    }

    @Test
    void next_keepsBlankLinesButAddsNoneAfterAFinalLineBreak() throws IOException {
        assertThat(read("a\n\n\nb\n", 10)).containsExactly("1:a", "2:", "3:", "4:b");
        assertThat(read("\r\n", 10)).containsExactly("1:");
        assertThat(read("", 10)).isEmpty();
    }

    @Test
    void next_reportsAnOverLongLineAndCarriesOnAtTheNext() throws IOException {
        assertThat(read("12345\n123456\r\n1234567\nok", 6)).containsExactly("1:12345", "2:123456", "3:TOO LONG", "4:ok");
    }

    @Test
    void next_readsLinesLongerThanItsBuffer() throws IOException {
        String line = "x".repeat(20_000);
        assertThat(read(line + "\n" + line, 20_000)).containsExactly("1:" + line, "2:" + line);
    }

    @Test
    void next_reportsALineThatIsNotUtf8AndCarriesOnAtTheNext() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'b', 'a', (byte) 0xC3, 'd', '\n', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '\n', (byte) 0xFF};
        LineReader reader = new LineReader(new java.io.ByteArrayInputStream(bytes), 100);
        List<String> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line.number() + ":" + (line.problem() != null ? line.problem() : line.text()));
        }
        assertThat(lines).containsExactly("1:ok",
                "2:the line is not valid UTF-8: byte 3 of the line is not part of a character; save the file as UTF-8",
                "3:\u20ac", "4:the line is not valid UTF-8: byte 1 of the line is not part of a character; save the file as UTF-8");
    }

    private static List<String> read(String text, int max) throws IOException {
        LineReader reader = new LineReader(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), max);
        List<String> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line.number() + ":" + (line.tooLong() ? "TOO LONG" : line.text()));
        }
        return lines;
    }
}
