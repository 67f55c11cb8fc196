package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is the one description: the server serves it unchanged, it lists exactly the routes the server has,
 * and it validates as OpenAPI 3.1 with no errors.
 */
class OpenApiTest {
    private static final Path DOCS_OPENAPI = Path.of("../../docs/openapi.yaml");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final DecisionServer server = Servers.shared();

    @Test
    void servedDescription_isTheOneInDocs() throws IOException {
        HttpResponse<String> response = new Http(server).get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/yaml");
        assertThat(response.body()).isEqualTo(Files.readString(DOCS_OPENAPI));
    }

    @Test
    void everyRegisteredRoute_isDescribed_andEveryDescribedRouteIsRegistered() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(DOCS_OPENAPI.toFile()).path("paths");
        List<DecisionServer.Route> described = new ArrayList<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
            String path = names.next();
            for (Iterator<String> operations = paths.path(path).fieldNames(); operations.hasNext();) {
                String method = operations.next();
                if (METHODS.contains(method)) {
                    described.add(new DecisionServer.Route(method.toUpperCase(Locale.ROOT), path));
                }
            }
        }

        assertThat(server.registeredRoutes()).containsExactlyInAnyOrderElementsOf(described);
        assertThat(DecisionServer.ROUTES).containsExactlyInAnyOrderElementsOf(described);
    }

    @Test
    void description_validatesWithNoErrors() throws IOException {
        SwaggerParseResult result = parse(Files.readString(DOCS_OPENAPI));

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/access/v1/evaluation", "/.well-known/authzen-configuration");
    }

    @Test
    void theValidator_reportsABrokenDescription() throws IOException {
        String broken = Files.readString(DOCS_OPENAPI)
                .replace("$ref: '#/components/schemas/AuthzenDecision'", "$ref: '#/components/schemas/NoSuchSchema'")
                .replaceFirst("openapi: 3.1.0", "openapi: 3.1.0\nunexpectedTopLevel: 1");

        assertThat(parse(broken).getMessages()).isNotEmpty();
    }

    /** Parses and validates with swagger-parser, resolving every reference, as a client generator would read it. */
    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    @Test
    void description_isOpenApi31() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(DOCS_OPENAPI.toFile());

        assertThat(root.path("openapi").asText()).startsWith("3.1.");
        assertThat(root.path("components").path("schemas").path("Problem").path("properties").path("problems").isObject()).isTrue();
    }
}
