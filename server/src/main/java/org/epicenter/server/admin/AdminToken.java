package org.epicenter.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.epicenter.store.SecretStore;

/**
 * The admin API's bearer token. Only its SHA-256 is kept. Either fixed by the operator
 * (EPICENTER_ADMIN_TOKEN) or generated at first start, printed once, and never shown again.
 */
public final class AdminToken {
    static final String SETTING = "admin_token_sha256";
    private final byte[] hash;

    private AdminToken(byte[] hash) {
        this.hash = hash;
    }

    /**
     * The configured token if any; else the stored one; else a new one, stored hashed and handed
     * to {@code announce} so it can be printed once.
     */
    public static AdminToken resolve(String configured, SecretStore store, Consumer<String> announce) {
        if (configured != null) {
            return new AdminToken(sha256(configured));
        }
        var stored = store.setting(SETTING);
        if (stored.isPresent()) {
            return new AdminToken(HexFormat.of().parseHex(stored.get()));
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] h = sha256(token);
        store.putSetting(SETTING, HexFormat.of().formatHex(h));
        announce.accept(token);
        return new AdminToken(h);
    }

    /** A token fixed by the operator (the agent token). */
    public static AdminToken of(String token) {
        return new AdminToken(sha256(token));
    }

    /** Constant-time check of a presented token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hash, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
