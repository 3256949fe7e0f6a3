package org.epicenter.server.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token bucket per client address. Buckets are keyed by a keyed hash of the address (with a
 * random per-process key), so no address is held even in memory; full buckets are pruned.
 */
final class RateLimiter {
    private final int refill;
    private final Duration period;
    private final int burst;
    private final Mac prototype;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, int burst) {
        this(perMinute, Duration.ofMinutes(1), burst);
    }

    /** {@code refill} requests per {@code period}, and at most {@code burst} at once. */
    RateLimiter(int refill, Duration period, int burst) {
        this.refill = refill;
        this.period = period;
        this.burst = burst;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Seconds to wait before the next request is allowed, or 0 when this one may proceed. */
    long secondsToWait(String address) {
        Bucket bucket = buckets.computeIfAbsent(
                keyOf(address),
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(burst)
                                .refillGreedy(refill, period)
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Drops buckets that have refilled completely: they hold no state worth keeping. */
    void prune() {
        buckets.values().removeIf(b -> b.getAvailableTokens() >= burst);
    }

    int size() {
        return buckets.size();
    }

    private long keyOf(String address) {
        try {
            byte[] h = ((Mac) prototype.clone()).doFinal(address.getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider does not support clone()", e);
        }
    }
}
