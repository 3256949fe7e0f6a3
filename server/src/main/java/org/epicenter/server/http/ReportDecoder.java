package org.epicenter.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes {@code {"service": ..., "problem": ..., "country": ...}} strictly: a JSON object with
 * string fields, no others. Rules on the values (known service, problem set, ISO country) live in
 * the ingest path, shared with every transport.
 */
final class ReportDecoder {
    record Fields(String service, String problem, String country) {}

    private static final Set<String> ALLOWED = Set.of("service", "problem", "country");

    private ReportDecoder() {}

    static Fields decode(byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body); // refuses what follows the value (FAIL_ON_TRAILING_TOKENS)
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiError(400, "malformed_json", null, "malformed JSON" + where + ": " + Json.describe(e));
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", null, "unreadable body: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiError(
                    400,
                    "malformed_json",
                    null,
                    "empty body: expected a JSON object like "
                            + "{\"service\":\"whatsapp\",\"problem\":\"messaging\",\"country\":\"SA\"}");
        }
        if (!node.isObject()) {
            throw new ApiError(
                    400,
                    "malformed_json",
                    null,
                    "body must be a JSON object, got "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ALLOWED.contains(name)) {
                throw new ApiError(
                        400,
                        "invalid_field",
                        name,
                        "unknown field \"" + name + "\" (allowed: service, problem, country)");
            }
        }
        return new Fields(text(node, "service", true), text(node, "problem", true), text(node, "country", false));
    }

    private static String text(JsonNode object, String field, boolean required) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ApiError(400, "invalid_field", field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    field,
                    field + " must be a string, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String s = v.textValue();
        if (s.length() > 64) {
            throw new ApiError(400, "invalid_field", field, field + " is longer than 64 characters");
        }
        return s;
    }
}
