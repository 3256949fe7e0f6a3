package org.epicenter.server.alert.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/**
 * The generic webhook: the payload as JSON, the HMAC-SHA256 of the body in
 * {@code X-Epicenter-Signature} when the subscription has a secret, the notification's key in
 * {@code Idempotency-Key}.
 */
public final class Webhook implements ChannelType {
    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), true);
        if (s.secret() != null && s.secret().length() < 16) {
            throw new IllegalArgumentException("secret: at least 16 characters for the webhook signature");
        }
    }

    @Override
    public Channel open(Outbound outbound) {
        return (to, key, payload, body) -> {
            var headers = new LinkedHashMap<String, String>();
            headers.put("User-Agent", "epicenter-alerts");
            headers.put("Idempotency-Key", key);
            headers.put("X-Epicenter-Event", payload.path("kind").asText());
            if (to.secret() != null) {
                headers.put("X-Epicenter-Signature", "sha256=" + hmac(to.secret(), body));
            }
            return HttpPost.post(outbound.http(), to.url(), headers, body, "application/json");
        };
    }

    /** HMAC-SHA256 of {@code body} under {@code secret}, in lower-case hex: what a receiver recomputes to check the signature. */
    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
