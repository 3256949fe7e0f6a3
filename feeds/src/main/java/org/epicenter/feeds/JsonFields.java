package org.epicenter.feeds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading JSON feeds strictly: every missing or wrongly typed field is named by its path. */
final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonFields() {}

    static JsonNode tree(byte[] body) throws FeedFormatException {
        return tree(body, true);
    }

    /** The document, which must be a JSON object ({@code object}) or a list at the top. */
    static JsonNode tree(byte[] body, boolean object) throws FeedFormatException {
        String expected = object ? "a JSON object" : "a JSON list";
        if (body.length == 0) {
            throw new FeedFormatException("empty body (expected " + expected + ")");
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || (object ? !root.isObject() : !root.isArray())) {
                throw new FeedFormatException("expected " + expected + " at the top, got "
                        + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FeedFormatException(
                    "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + locationOf(e), e);
        } catch (IOException e) {
            throw new FeedFormatException("cannot read the body: " + e.getMessage(), e);
        }
    }

    private static String locationOf(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                ? " (line " + j.getLocation().getLineNr() + ", column "
                        + j.getLocation().getColumnNr() + ")"
                : "";
    }

    static JsonNode array(JsonNode parent, String field, String path, boolean required) throws FeedFormatException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new FeedFormatException(path + field + ": missing (expected a list)");
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!n.isArray()) {
            throw new FeedFormatException(path + field + ": expected a list, got "
                    + n.getNodeType().name().toLowerCase());
        }
        return n;
    }

    static String text(JsonNode parent, String field, String path, boolean required) throws FeedFormatException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new FeedFormatException(path + field + ": missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new FeedFormatException(path + field + ": expected text, got "
                    + n.getNodeType().name().toLowerCase());
        }
        if (required && n.asText().isBlank()) {
            throw new FeedFormatException(path + field + ": empty"); // found by fuzzing: an incident without a title
        }
        return n.asText();
    }

    static Instant time(JsonNode parent, String field, String path, boolean required) throws FeedFormatException {
        String t = text(parent, field, path, required);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException again) {
                throw new FeedFormatException(path + field + ": \"" + t + "\" is not an ISO-8601 time");
            }
        }
    }
}
