package org.epicenter.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.epicenter.probes.HttpProbe;

/**
 * The channels that POST over HTTP: a generic webhook (signed, with an idempotency key), Slack,
 * Discord, Microsoft Teams, Telegram and ntfy. They connect through {@link HttpProbe}, so only
 * addresses the address guard allows are reached, within one deadline.
 */
public final class HttpChannels {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpChannels() {}

    private static Channel.Outcome post(
            HttpProbe http, String url, Map<String, String> headers, byte[] body, String type) {
        try {
            var request = new HttpProbe.Request(URI.create(url), "POST", headers, TIMEOUT, 0, 16 * 1024);
            HttpProbe.Fetched f = http.post(request, body, type);
            return Channel.Outcome.ofStatus(f.status(), URI.create(url).getHost());
        } catch (HttpProbe.FetchException e) {
            // an internal address stays internal: fail at once, as docs/alerts.md says
            return e.refused() ? Channel.Outcome.refused(e.getMessage()) : Channel.Outcome.retry(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Channel.Outcome.refused(e.getMessage());
        }
    }

    /** One line for chat: the title, then the text. */
    static String line(JsonNode payload) {
        String kind = payload.path("kind").asText();
        String prefix = switch (kind) {
            case "resolved" -> "Resolved: ";
            case "update" -> "Update: ";
            case "repeat" -> "Still ongoing: ";
            default -> "";
        };
        String text = payload.path("text").asText("");
        String url = payload.path("url").asText("");
        return prefix
                + payload.path("title").asText()
                + (text.isEmpty() ? "" : "\n" + text)
                + (url.isEmpty() ? "" : "\n" + url);
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generic webhook: the payload as JSON, HMAC-SHA256 of the body in {@code X-Epicenter-Signature}, the key in {@code Idempotency-Key}. */
    public static Channel webhook(HttpProbe http) {
        return (to, key, payload, body) -> {
            var headers = new LinkedHashMap<String, String>();
            headers.put("User-Agent", "epicenter-alerts");
            headers.put("Idempotency-Key", key);
            headers.put("X-Epicenter-Event", payload.path("kind").asText());
            if (to.secret() != null) {
                headers.put("X-Epicenter-Signature", "sha256=" + hmac(to.secret(), body));
            }
            return post(http, to.url(), headers, body, "application/json");
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

    private static Channel textJson(HttpProbe http, String field, int cap) {
        return (to, key, payload, body) -> {
            String text = line(payload);
            ObjectNode o =
                    JSON.createObjectNode().put(field, text.length() > cap ? text.substring(0, cap - 1) + "…" : text);
            return post(http, to.url(), Map.of("User-Agent", "epicenter-alerts"), json(o), "application/json");
        };
    }

    /** Slack incoming webhook: {@code {"text": …}}. */
    public static Channel slack(HttpProbe http) {
        return textJson(http, "text", 3000);
    }

    /** Discord webhook: {@code {"content": …}} (2,000 characters at most). */
    public static Channel discord(HttpProbe http) {
        return textJson(http, "content", 2000);
    }

    /** Microsoft Teams incoming webhook: {@code {"text": …}}. */
    public static Channel teams(HttpProbe http) {
        return textJson(http, "text", 4000);
    }

    /** Telegram Bot API {@code sendMessage}; the subscription's url, when set, replaces {@code https://api.telegram.org}. */
    public static Channel telegram(HttpProbe http) {
        return (to, key, payload, body) -> {
            String base =
                    to.url() == null ? "https://api.telegram.org" : to.url().replaceAll("/+$", "");
            ObjectNode o = JSON.createObjectNode()
                    .put("chat_id", to.chatId())
                    .put("text", line(payload))
                    .put("disable_web_page_preview", true);
            return post(
                    http,
                    base + "/bot" + to.secret() + "/sendMessage",
                    Map.of("User-Agent", "epicenter-alerts"),
                    json(o),
                    "application/json");
        };
    }

    /** ntfy: the text as the body, the title and a priority in headers. */
    public static Channel ntfy(HttpProbe http) {
        return (to, key, payload, body) -> {
            String kind = payload.path("kind").asText();
            var headers = new LinkedHashMap<String, String>();
            headers.put("User-Agent", "epicenter-alerts");
            headers.put("Title", ascii(payload.path("title").asText()));
            headers.put("Priority", kind.equals("firing") ? "high" : "default");
            headers.put("Tags", kind.equals("resolved") ? "white_check_mark" : "rotating_light");
            String text = line(payload);
            return post(http, to.url(), headers, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        };
    }

    /** Header values are ISO-8859-1: Arabic names would not survive, so the title header keeps ASCII and the body carries the rest. */
    private static String ascii(String s) {
        String a = s.replaceAll("[^\\x20-\\x7E]", "?");
        return a.length() > 200 ? a.substring(0, 200) : a;
    }
}
