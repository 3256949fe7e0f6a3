package org.epicenter.social;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One JSON line of posts, as {@code epicenter classify} and the push endpoint take them:
 * {@code {"id", "time", "text"}}, and for the push endpoint also {@code "author"} (required there),
 * {@code "link"}, {@code "source"} and {@code "authorSince"} (when the author's account was made). Anything else on the line is ignored; a line that is not a
 * post is an {@link IllegalArgumentException} that says what is wrong, in words a sender can act on.
 */
public record PostLine(
        String id, Instant time, String text, String author, String link, String source, Instant authorSince) {
    public static final int MAX_LINE = 1 << 20;
    public static final int MAX_TEXT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern CONTROL =
            java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    public static PostLine parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("longer than " + (MAX_LINE >> 10) + " KB");
        }
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode id = n.get("id");
        if (id == null
                || !(id.isTextual() || id.isIntegralNumber())
                || id.asText().isEmpty()
                || id.asText().length() > 200) {
            throw new IllegalArgumentException("\"id\" must be a string (or a whole number) of 1-200 characters");
        }
        JsonNode text = n.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("\"text\" must be a string");
        }
        if (text.asText().length() > MAX_TEXT) {
            throw new IllegalArgumentException("\"text\" is longer than " + MAX_TEXT + " characters");
        }
        JsonNode time = n.get("time");
        if (time == null || !time.isTextual()) {
            throw new IllegalArgumentException("\"time\" must be an ISO-8601 instant like 2025-11-18T11:32:00Z");
        }
        Instant at;
        try {
            at = Instant.parse(time.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"time\" must be an ISO-8601 instant like 2025-11-18T11:32:00Z, got \""
                    + clip(time.asText()) + "\"");
        }
        String author = optional(n, "author", 200);
        String link = optional(n, "link", 500);
        if (link != null) {
            URI uri;
            try {
                uri = URI.create(link);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"link\" is not a URL");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("\"link\" must be an http(s) URL, got \"" + clip(link) + "\"");
            }
        }
        String source = optional(n, "source", 64);
        if (source != null && !source.matches("[a-z0-9][a-z0-9.:_-]*")) {
            throw new IllegalArgumentException(
                    "\"source\" must be lowercase letters, digits, '.', ':', '_' or '-' (like mastodon:example.social)");
        }
        Instant since = null;
        String authorSince = optional(n, "authorSince", 40);
        if (authorSince != null) {
            try {
                since = Instant.parse(authorSince);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "\"authorSince\" must be an ISO-8601 instant, got \"" + clip(authorSince) + "\"");
            }
        }
        if (CONTROL.matcher(id.asText()).find()
                || author != null && CONTROL.matcher(author).find()) {
            throw new IllegalArgumentException("\"id\" and \"author\" must not hold control characters");
        }
        return new PostLine(
                id.asText(), at, CONTROL.matcher(text.asText()).replaceAll(""), author, link, source, since);
    }

    private static String optional(JsonNode n, String field, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string of 1-" + max + " characters");
        }
        return v.asText();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
