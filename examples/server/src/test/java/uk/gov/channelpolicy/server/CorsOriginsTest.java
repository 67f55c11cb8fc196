package uk.gov.channelpolicy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Origin values the configured origins allow, and which configured values are refused at start-up. */
class CorsOriginsTest {
    private static final CorsOrigins ORIGINS = CorsOrigins.of(List.of("https://tools.example.gov.uk", "http://localhost:3000",
            "https://*.apps.example.gov.uk", "intranet.example.gov.uk/"));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://tools.example.gov.uk          | true
            HTTPS://Tools.Example.GOV.uk          | true
            https://tools.example.gov.uk:443      | true
            https://tools.example.gov.uk:8443     | false
            http://tools.example.gov.uk           | false
            https://tools.example.gov.uk/         | false
            https://tools.example.gov.uk/path     | false
            https://user@tools.example.gov.uk     | false
            https://tools.example.gov.uk.evil.com | false
            https://eviltools.example.gov.uk      | false
            http://localhost:3000                 | true
            http://localhost                      | false
            https://a.apps.example.gov.uk         | true
            https://a.b.apps.example.gov.uk       | true
            https://apps.example.gov.uk           | false
            https://a.apps.example.gov.uk.evil.com | false
            https://evilapps.example.gov.uk       | false
            http://a.apps.example.gov.uk          | false
            https://*.apps.example.gov.uk         | false
            https://intranet.example.gov.uk       | true
            null                                  | false
            tools.example.gov.uk                  | false
            ''                                    | false
            """)
    void allows_exactlyTheConfiguredOrigins(String origin, boolean allowed) {
        assertThat(ORIGINS.allows(origin)).isEqualTo(allowed);
    }

    @Test
    void noOrigins_isCorsOff() {
        assertThat(CorsOrigins.of(List.of())).isNull();
        assertThat(ORIGINS.allows(null)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '   '                         | a CORS origin is blank
            *                             | the CORS origin "*" has a * that is not one "*." at the start of its host, e.g. https://*.example.gov.uk
            https://a.*.example.gov.uk    | the CORS origin "https://a.*.example.gov.uk" has a * that is not one "*." at the start of its host, e.g. https://*.example.gov.uk
            https://*.*.example.gov.uk    | the CORS origin "https://*.*.example.gov.uk" has a * that is not one "*." at the start of its host, e.g. https://*.example.gov.uk
            ftp://tools.example.gov.uk    | the CORS origin "ftp://tools.example.gov.uk" is not an origin (scheme://host[:port]): its scheme is not http or https
            https://tools.example.gov.uk/app | the CORS origin "https://tools.example.gov.uk/app" is not an origin (scheme://host[:port]): it has no host, or has more than a scheme, a host and a port
            https://tools.example.gov.uk?x=1 | the CORS origin "https://tools.example.gov.uk?x=1" is not an origin (scheme://host[:port]): it has no host, or has more than a scheme, a host and a port
            """)
    void aValueThatIsNotAnOrigin_isRefusedAtStartUp_sayingWhy(String value, String message) {
        assertThatThrownBy(() -> Servers.config().corsOrigin(value).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
