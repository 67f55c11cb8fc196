package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Problem types resolve to the page the service serves at /problems: a section per type, open without a token.
 * {@link ErrorResponsesTest#problem} checks every type any test provokes against the served page's sections.
 */
class ProblemsPageTest {
    private static final Pattern SECTION_ID = Pattern.compile("<section id=\"([a-z0-9-]+)\"");
    private static Set<String> anchors;
    private static DecisionServer guarded;

    @BeforeAll
    static void start() {
        guarded = DecisionServer.start(Servers.config().token("a-token-for-the-page-test").build());
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    /** The ids of the sections of the page the shared server serves: every type a problem may name. */
    static synchronized Set<String> anchors() {
        if (anchors == null) {
            HttpResponse<String> page = new Http(Servers.shared()).get(ProblemType.PAGE);
            assertThat(page.statusCode()).isEqualTo(200);
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = SECTION_ID.matcher(page.body());
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            anchors = Set.copyOf(found);
        }
        return anchors;
    }

    @Test
    void page_hasASectionForEveryProblemType() {
        assertThat(anchors()).containsExactlyInAnyOrderElementsOf(Arrays.stream(ProblemType.values()).map(ProblemType::anchor).toList());
    }

    @Test
    void page_isHtmlWithTheSecurityHeaders_andOpenWithoutAToken() {
        HttpResponse<String> page = new Http(guarded).get("/problems");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("<script", "style=");
    }

    @Test
    void everyType_isAReferenceTheServiceResolvesToItsOwnPage() {
        URI base = URI.create(Servers.shared().url());
        for (ProblemType type : ProblemType.values()) {
            URI resolved = base.resolve(type.uri());

            assertThat(resolved.getPath()).isEqualTo("/problems");
            assertThat(resolved.getFragment()).isEqualTo(type.anchor());
            assertThat(resolved.getHost()).isEqualTo(base.getHost());
        }
    }

    @Test
    void docs_listEveryProblemType() throws Exception {
        String docs = Files.readString(Path.of("../../docs/server.md"));

        for (ProblemType type : ProblemType.values()) {
            assertThat(docs).as(type.anchor()).contains("| `" + type.anchor() + "` |");
        }
    }
}
