package uk.gov.channelpolicy.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The origins a browser may call the service from ({@code --cors-origin}): each an exact origin
 * ({@code https://tools.example.gov.uk}, the scheme {@code https} when left out) or every subdomain of one
 * ({@code https://*.example.gov.uk}). {@link RequestGate} judges a request's {@code Origin} against them before routing,
 * so an origin not listed changes nothing about the answer but that it carries no CORS headers.
 */
final class CorsOrigins {
    /** The response headers a script from an allowed origin may read. */
    static final String EXPOSED_HEADERS = DecisionServer.RULE_SET_HEADER + "," + AuthzenRoutes.REQUEST_ID;
    /** How long a browser may keep a preflight's answer. */
    static final int MAX_AGE_SECONDS = 600;

    private final List<Origin> origins;

    private CorsOrigins(List<Origin> origins) {
        this.origins = List.copyOf(origins);
    }

    /**
     * The origins, as configured.
     *
     * @param configured each an origin, with or without its scheme, or a {@code *.} subdomain pattern
     * @return the rules, or {@code null} when none are configured (CORS is off)
     * @throws IllegalArgumentException naming the first value that is not an origin
     */
    static CorsOrigins of(List<String> configured) {
        if (configured.isEmpty()) {
            return null;
        }
        List<Origin> origins = new ArrayList<>();
        for (String value : configured) {
            origins.add(configured(value));
        }
        return new CorsOrigins(origins);
    }

    /**
     * Checks one configured value.
     *
     * @param value an origin, with or without its scheme, or a {@code *.} subdomain pattern
     * @throws IllegalArgumentException when it is not one, saying why
     */
    static void check(String value) {
        configured(value);
    }

    /**
     * Whether a request's {@code Origin} is one of these.
     *
     * @param origin the header's value, or {@code null}
     * @return true only for a serialised origin ({@code scheme://host[:port]}) that matches one configured
     */
    boolean allows(String origin) {
        if (origin == null || origin.equals("null")) {
            return false;
        }
        Origin sent;
        try {
            sent = parse(origin);
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
        if (sent.host().startsWith("*")) {
            return false;
        }
        for (Origin allowed : origins) {
            if (allowed.matches(sent)) {
                return true;
            }
        }
        return false;
    }

    private static Origin configured(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a CORS origin is blank");
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        String withScheme = text.contains("://") ? text : "https://" + text;
        int star = withScheme.indexOf('*');
        if (star >= 0 && (!withScheme.contains("://*.") || withScheme.indexOf('*', star + 1) >= 0)) {
            throw new IllegalArgumentException("the CORS origin \"" + value + "\" has a * that is not one \"*.\" at the start of its host,"
                    + " e.g. https://*.example.gov.uk");
        }
        try {
            return parse(withScheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the CORS origin \"" + value + "\" is not an origin (scheme://host[:port]): " + e.getMessage(), e);
        }
    }

    /** An origin's parts; a {@code *.} host is kept as written, for {@link Origin#matches}. */
    private static Origin parse(String text) {
        boolean wildcard = text.contains("://*.");
        URI uri;
        try {
            uri = new URI(wildcard ? text.replace("://*.", "://") : text).parseServerAuthority();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("its scheme is not http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it has no host, or has more than a scheme, a host and a port");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return new Origin(scheme, wildcard ? "*." + host : host, port);
    }

    /** An origin's scheme, host and port (the scheme's default when it gives none). */
    private record Origin(String scheme, String host, int port) {
        boolean matches(Origin sent) {
            if (!scheme.equals(sent.scheme) || port != sent.port) {
                return false;
            }
            if (!host.startsWith("*.")) {
                return host.equals(sent.host);
            }
            // Any subdomain, at any depth, but not the domain itself.
            return sent.host.endsWith(host.substring(1));
        }
    }
}
