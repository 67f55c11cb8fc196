package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example in docs/authzen.md is real output: each {@code <!-- example: METHOD PATH [interop] -->} request is sent
 * to a running service (its metadata naming {@value #BASE}; in interop mode when marked), and the {@code <!-- answer -->}
 * block after it must be exactly what came back. {@code -Dchannelpolicy.writeDocs=true} writes the answers again.
 */
class AuthzenDocsTest {
    static final Path DOC = Path.of("../../docs/authzen.md");
    static final String BASE = "https://policy.example.gov.uk";

    /** A marker, its request block (for a POST), and the answer block after it. */
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- example: (GET|POST) (\\S+)( interop)? -->\\n(?:```json\\n(.*?)```\\n)?\\n<!-- answer -->\\n```http\\n(.*?)```\\n",
            Pattern.DOTALL);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static DecisionServer documented;
    private static DecisionServer interop;

    @BeforeAll
    static void start() {
        documented = DecisionServer.start(Servers.config().publicBaseUrl(BASE).build());
        interop = DecisionServer.start(Servers.config().publicBaseUrl(BASE).authzenInterop(true).build());
    }

    @AfterAll
    static void stop() {
        documented.close();
        interop.close();
    }

    @Test
    void everyExampleInTheGuide_isWhatTheServiceAnswers() throws IOException {
        String doc = Files.readString(DOC);
        Matcher matcher = EXAMPLE.matcher(doc);
        StringBuilder written = new StringBuilder();
        int examples = 0;
        while (matcher.find()) {
            examples++;
            Http http = new Http(matcher.group(3) != null ? interop : documented);
            HttpResponse<String> response = matcher.group(1).equals("GET") ? http.get(matcher.group(2))
                    : http.postJson(matcher.group(2), matcher.group(4));
            String answer = "HTTP/1.1 " + response.statusCode() + "\nContent-Type: " + response.headers().firstValue("Content-Type").orElse("")
                    + "\n\n" + body(response);
            String replaced = matcher.group(0).substring(0, matcher.start(5) - matcher.start()) + answer + "```\n";
            matcher.appendReplacement(written, Matcher.quoteReplacement(replaced));
        }
        matcher.appendTail(written);
        assertThat(examples).isGreaterThanOrEqualTo(9);
        if (Boolean.getBoolean("channelpolicy.writeDocs")) {
            // Writing does not compare, so that the one regeneration command (see docs/server.md) runs to the end.
            Files.writeString(DOC, written.toString());
            return;
        }
        assertThat(doc).as("docs/authzen.md shows answers the service no longer gives; rerun with -Dchannelpolicy.writeDocs=true")
                .isEqualTo(written.toString());
    }

    @Test
    void theGuideRecordsTheRunnersResult_andNamesEveryRouteAndOption() throws IOException {
        String doc = Files.readString(DOC);

        assertThat(doc).contains("authzen-interop.sh", "--authzen-interop", "--public-base-url", "99 passed, 0 failed");
        for (String path : new String[] {AuthzenRoutes.EVALUATION, AuthzenRoutes.EVALUATIONS, AuthzenRoutes.SEARCH_ACTION,
                AuthzenRoutes.SEARCH_SUBJECT, AuthzenRoutes.SEARCH_RESOURCE, AuthzenRoutes.CONFIGURATION}) {
            assertThat(doc).contains(" " + path + "`");
        }
    }

    private static String body(HttpResponse<String> response) throws IOException {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return response.body();
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return MAPPER.writer(printer).writeValueAsString(MAPPER.readTree(response.body())) + "\n";
    }
}
