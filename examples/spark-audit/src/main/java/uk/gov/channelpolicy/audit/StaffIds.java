package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the audit's outputs show the ids of people (actor and channel-owner ids), as the library's decision
 * log shows them: replaced by {@code ***} (the default), or by {@code hmac-sha256:} and a keyed hash, the
 * same hash the decision log writes with the same key, so records about one person can be linked, and
 * matched with the decision log, by whoever holds the key and by nobody else. Channel handles are not
 * staff ids: they name the department's public accounts and are shown as exported.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 */
public final class StaffIds implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private StaffIds(byte[] key) {
        this.key = key;
    }

    /**
     * Every id shown as {@code ***}.
     *
     * @return the masking
     */
    public static StaffIds masked() {
        return new StaffIds(null);
    }

    /**
     * Every id shown as {@code hmac-sha256:} and the hex HMAC-SHA256 of its UTF-8 bytes under a key.
     *
     * @param key the secret key, at least 32 bytes, as the decision log requires
     * @return the masking
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public static StaffIds keyedHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the hash key must be at least 32 bytes, as for the decision log; it has " + key.length);
        }
        return new StaffIds(key.clone());
    }

    /**
     * An id as the outputs show it.
     *
     * @param id an id, or {@code null}
     * @return {@code null} for {@code null}; else {@code ***} or the keyed hash
     */
    public String show(String id) {
        if (id == null) {
            return null;
        }
        if (key == null) {
            return "***";
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    /**
     * How ids are shown, in words for the report.
     *
     * @return e.g. {@code masked (***)}
     */
    public String describe() {
        return key == null ? "masked (***), as the decision log masks them" : "keyed hashes (HMAC-SHA256), as the decision log writes them";
    }
}
