package org.epicenter.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.epicenter.store.SecretStore;

/**
 * Turns a client's network ({@link ClientNetwork#network}) into an opaque reporter id: HMAC-SHA256 under a random key that
 * changes every UTC day. Keys of past days are forgotten, so stored ids cannot be linked back to an
 * address, not even by whoever holds the database. The raw address is never kept.
 *
 * <p>Just after midnight a reporter's id changes; to keep the dedup window honest across the change,
 * {@link #ids} also returns the id under yesterday's key while {@code now} is within the window.
 */
public final class ReporterHasher {
    private static final HexFormat HEX = HexFormat.of();

    private record DayKey(LocalDate day, Mac prototype) {}

    private final SecretStore store;
    private final Duration window;
    private final SecureRandom random = new SecureRandom();
    private volatile DayKey today;
    private volatile DayKey yesterday;

    public ReporterHasher(SecretStore store, Duration window) {
        this.store = store;
        this.window = window;
    }

    /** Today's id first; yesterday's id second while {@code now} is less than one window past midnight. */
    public List<String> ids(String network, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String material = network;
        String current = hash(keyFor(day), material);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(midnight, now).compareTo(window) < 0) {
            return List.of(current, hash(keyFor(day.minusDays(1)), material));
        }
        return List.of(current);
    }

    /** Drops keys older than yesterday, in memory and in the store. */
    public void forgetOldKeys(Instant now) {
        store.forgetReporterKeysBefore(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
    }

    private DayKey keyFor(LocalDate day) {
        DayKey t = today;
        if (t != null && t.day().equals(day)) {
            return t;
        }
        DayKey y = yesterday;
        if (y != null && y.day().equals(day)) {
            return y;
        }
        synchronized (this) {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            DayKey loaded = new DayKey(day, mac(store.reporterKey(day, candidate)));
            if (today == null || day.isAfter(today.day())) {
                yesterday = today;
                today = loaded;
            } else {
                yesterday = loaded;
            }
            return loaded;
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
        }
    }

    private static String hash(DayKey key, String material) {
        Mac mac;
        try {
            mac = (Mac) key.prototype().clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider does not support clone()", e);
        }
        byte[] digest = mac.doFinal(material.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }
}
