package org.epicenter.server.alert.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.epicenter.probes.HttpProbe;
import org.epicenter.server.alert.Channel;

/**
 * What the HTTP channels share: one POST through {@link HttpProbe} (so only addresses the address
 * guard allows are reached, within one deadline), the one-line text of a notification, and the
 * check of a URL field.
 */
public final class HttpPost {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final ObjectMapper JSON = new ObjectMapper();

    private HttpPost() {}

    public static Channel.Outcome post(
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

    /** One line for chat: the title, then the text and the link. */
    public static String line(JsonNode payload) {
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

    public static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chat webhook that takes {@code {"<field>": text}}, the text cut at {@code cap} characters. */
    public static Channel textJson(HttpProbe http, String field, int cap) {
        return (to, key, payload, body) -> {
            String text = line(payload);
            var o = JSON.createObjectNode().put(field, text.length() > cap ? text.substring(0, cap - 1) + "…" : text);
            return post(http, to.url(), Map.of("User-Agent", "epicenter-alerts"), json(o), "application/json");
        };
    }

    /** Checks an http(s) URL field; a missing one is refused only when {@code required}. */
    public static void checkUrl(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + ": required for this channel");
            }
            return;
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException(
                        field + ": an http:// or https:// URL is required, got \"" + value + "\"");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" is not a URL: " + e.getReason());
        }
    }
}
