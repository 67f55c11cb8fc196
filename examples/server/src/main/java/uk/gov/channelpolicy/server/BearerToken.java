package uk.gov.channelpolicy.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The secret callers must present as {@code Authorization: Bearer <token>}. Compared in constant time:
 * both sides are hashed first, so neither the content nor the length of the token leaks through timing.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] expected;

    BearerToken(String token) {
        this.expected = sha256(Objects.requireNonNull(token, "token"));
    }

    /**
     * Whether an {@code Authorization} header carries this token.
     *
     * @param authorization the header's value, or {@code null} when there is none
     * @return true only for {@code Bearer} followed by exactly this token
     */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
