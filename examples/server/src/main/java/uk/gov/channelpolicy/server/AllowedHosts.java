package uk.gov.channelpolicy.server;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a request's {@code Host} may give: the loopback names and addresses always, the address the server
 * listens on when it is a single one, and whatever the operator adds. A page on another site cannot reach the
 * service through a name its owner controls (DNS rebinding), because its requests carry that name as the Host.
 *
 * <p>An entry without a port admits the name with the server's own port or with none; an entry with a port
 * (for a proxy that forwards its own, e.g. {@code policy.example.gov.uk:443}) admits exactly that. Names are
 * compared without regard to case; an IPv6 address is written in brackets, as in a Host.
 */
final class AllowedHosts {
    /** The names every server answers for. */
    static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    /** Host and port, the port -1 when there is none. */
    private record Authority(String host, int port) {
    }

    private final Set<String> anyOwnPort = new HashSet<>();
    private final Set<Authority> exactly = new HashSet<>();

    /**
     * The allow-list for a server.
     *
     * @param listenAddress the address the server listens on; admitted too unless it is a wildcard such as {@code 0.0.0.0}
     * @param entries the operator's entries, each {@code name} or {@code name:port}
     * @throws IllegalArgumentException if an entry is not a host name or address with an optional port
     */
    AllowedHosts(String listenAddress, List<String> entries) {
        LOOPBACK.forEach(this::add);
        if (!isWildcard(listenAddress)) {
            add(bracketed(listenAddress));
        }
        entries.forEach(this::add);
    }

    /**
     * Whether a listen address is every interface's: then it names no host a client could reach.
     *
     * @param listenAddress the address given to {@code --host}
     * @return true for {@code 0.0.0.0} and {@code ::} in its spellings
     */
    static boolean isWildcard(String listenAddress) {
        String listening = bracketed(listenAddress);
        return listening.equals("0.0.0.0") || listening.equals("[::]") || listening.equals("[0:0:0:0:0:0:0:0]");
    }

    private static String bracketed(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    /**
     * Checks one operator entry, as {@link ServerConfig} does before the server starts.
     *
     * @param entry {@code name} or {@code name:port}
     * @throws IllegalArgumentException if it is not one
     */
    static void check(String entry) {
        if (parse(entry) == null) {
            throw new IllegalArgumentException("not a host name or address with an optional port (an IPv6 address in brackets): \""
                    + HttpProblem.printable(entry) + "\"");
        }
    }

    private void add(String entry) {
        Authority authority = parse(entry);
        if (authority == null) {
            check(entry);
        } else if (authority.port() < 0) {
            anyOwnPort.add(authority.host());
        } else {
            exactly.add(authority);
        }
    }

    /**
     * Whether a request naming this authority is for this server.
     *
     * @param host the {@code Host} header's value (or an absolute request URI's authority), or {@code null}
     * @param serverPort the port the server listens on
     * @return true only for an allowed name, with the server's port, no port, or the port its entry names
     */
    boolean admits(String host, int serverPort) {
        if (host == null) {
            return false;
        }
        // Clients send the same Host on every request: the answer for the last one is kept (the answer depends only on
        // the header, the port and this allow-list, which never changes), so a run of requests parses it once.
        Answer last = lastAnswer;
        if (last != null && last.port() == serverPort && last.host().equals(host)) {
            return last.admitted();
        }
        boolean admitted = decide(host, serverPort);
        lastAnswer = new Answer(host, serverPort, admitted);
        return admitted;
    }

    /** The last Host asked about and the answer: immutable, so one volatile read gives a consistent triple. */
    private record Answer(String host, int port, boolean admitted) {
    }

    private volatile Answer lastAnswer;

    private boolean decide(String host, int serverPort) {
        Authority authority = parse(host);
        if (authority == null) {
            return false;
        }
        if (anyOwnPort.contains(authority.host()) && (authority.port() < 0 || authority.port() == serverPort)) {
            return true;
        }
        return exactly.contains(authority);
    }

    /** {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}; null when it is none of them. */
    // Compiled once: every request's Host header is parsed, and String.matches compiled these each time (3% of a
    // request's CPU in the service's profile).
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-f:.]+");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("[0-9]{1,5}");

    private static Authority parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > 255 || !value.equals(text.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
            if (!IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
                return null;
            }
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
                return null; // an IPv6 address without brackets, or something else
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            if (!NAME.matcher(host).matches()) {
                return null;
            }
        }
        if (port == null) {
            return new Authority(host, -1);
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65_535) {
            return null;
        }
        return new Authority(host, Integer.parseInt(port));
    }
}
