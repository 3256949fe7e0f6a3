package org.epicenter.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads catalog YAML (files) and catalog entries as JSON (admin API) strictly: unknown keys,
 * missing required fields, wrong types and bad values are all refused with source, line and field.
 */
public final class CatalogCodec {
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final String DEFAULT_RESOURCE = "/org/epicenter/catalog/default-catalog.yaml";

    private CatalogCodec() {}

    private static ObjectMapper strict(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    /** The catalog that ships in the jar. */
    public static CatalogDocument defaultDocument() {
        try (InputStream in = CatalogCodec.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default catalog missing from the jar: " + DEFAULT_RESOURCE);
            }
            return readYaml("default-catalog.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a catalog YAML document; {@code source} names it in errors (usually the file path). */
    public static CatalogDocument readYaml(String source, String text) {
        if (text.isBlank()) {
            throw new CatalogException(source, 1, "", "empty catalog file (expected the keys entries and/or remove)");
        }
        List<Integer> lines = scan(source, text);
        try {
            CatalogDocument.Yaml doc = YAML.readValue(text, CatalogDocument.Yaml.class);
            if (doc == null) {
                throw new CatalogException(
                        source, 1, "", "empty catalog file (expected the keys entries and/or remove)");
            }
            if (doc.entries() != null) {
                for (int i = 0; i < doc.entries().size(); i++) {
                    if (doc.entries().get(i) == null) { // "entries:\n  -" with nothing after the dash
                        throw new CatalogException(
                                source, i < lines.size() ? lines.get(i) : 0, "entries[" + i + "]", "an empty entry");
                    }
                }
            }
            if (doc.remove() != null) {
                for (int i = 0; i < doc.remove().size(); i++) {
                    if (doc.remove().get(i) == null) {
                        throw new CatalogException(source, 0, "remove[" + i + "]", "an empty id");
                    }
                }
            }
            return new CatalogDocument(source, doc.entries(), doc.remove(), lines);
        } catch (JsonProcessingException e) {
            throw translate(source, e);
        }
    }

    /** Parses one entry sent as JSON through the admin API. */
    public static CatalogEntry readEntryJson(byte[] json) {
        try {
            CatalogEntry entry = JSON.readValue(json, CatalogEntry.class);
            if (entry == null) {
                throw new CatalogException("request body", 1, "", "expected a JSON object, got null");
            }
            return entry;
        } catch (JsonProcessingException e) {
            throw translate("request body", e);
        } catch (IOException e) { // an encoding Jackson guessed wrong (UTF-32 garbage): bad input, not a server fault
            throw new CatalogException(
                    "request body", 1, "", "not UTF-8 JSON: " + plainTypes(String.valueOf(e.getMessage())));
        }
    }

    /** Parses one probe sent as JSON through the admin API, with the same checks as in a catalog file. */
    public static ProbeSpec readProbeJson(byte[] json) {
        try {
            ProbeSpec probe = JSON.readValue(json, ProbeSpec.class);
            if (probe == null) {
                throw new CatalogException("request body", 1, "", "expected a JSON object, got null");
            }
            return probe;
        } catch (JsonProcessingException e) {
            throw translate("request body", e);
        } catch (IOException e) { // an encoding Jackson guessed wrong (UTF-32 garbage): bad input, not a server fault
            throw new CatalogException(
                    "request body", 1, "", "not UTF-8 JSON: " + plainTypes(String.valueOf(e.getMessage())));
        }
    }

    public static byte[] writeEntryJson(CatalogEntry entry) {
        try {
            return JSON.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode catalog entry " + entry.id(), e);
        }
    }

    private static CatalogException translate(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        String field = e instanceof JsonMappingException m ? path(m) : "";
        return new CatalogException(source, Math.max(line, 0), field, reason(e));
    }

    private static String reason(JsonProcessingException e) {
        return plainTypes(rawReason(e)); // whatever the path, no Java class reaches the operator
    }

    private static String rawReason(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key \"" + u.getPropertyName() + "\" (allowed: "
                    + String.join(
                            ", ",
                            u.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .toList()) + ")";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae) {
            return iae.getMessage();
        }
        String msg = e.getOriginalMessage();
        if (msg.startsWith("Trailing token")) {
            return "only one value is allowed, and nothing after it";
        }
        if (e instanceof MismatchedInputException && msg.startsWith("Missing required creator property")) {
            int q = msg.indexOf('\'');
            return "missing required field \"" + msg.substring(q + 1, msg.indexOf('\'', q + 1)) + "\"";
        }
        if (msg.contains("Cannot deserialize value of type `java.lang.String` from String")) {
            // Our own field checks: keep their reason, drop Jackson's preamble.
            int colon = msg.indexOf("\": ");
            return colon > 0 ? msg.substring(colon + 3) : msg;
        }
        return msg.lines().findFirst().orElse(msg).replaceAll(" \\(for Object starting at.*", "");
    }

    /**
     * Jackson names Java types in backticks ({@code `java.time.Instant`}); people sending JSON or
     * YAML know the value they meant, not our classes. Each becomes the kind of value expected.
     */
    public static String plainTypes(String message) {
        if (message == null || message.isBlank()) {
            return "invalid value"; // a check that threw without saying why
        }
        if (message.startsWith("Input mismatch reading Enum")) {
            int got = message.indexOf("got ");
            return "expected one of the allowed words"
                    + (got < 0 ? "" : ", " + message.substring(got).replaceAll(" \\(.*", ""));
        }
        var m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(message);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(kind(m.group(1))));
        }
        m.appendTail(out);
        String s = out.toString()
                .replaceAll("\\s*\\(through reference chain:.*", "")
                .replaceAll(
                        "\\s*\\(\\[method [^\\]]*\\]\\)",
                        "") // "([method org.epicenter.alert.ChannelKind#fromWire(java.lang.String)])"
                .replaceAll(
                        "\\s*\\((?:java|javax|com\\.fasterxml|org\\.epicenter)[\\w.$]*\\)",
                        "") // "(java.time.format.DateTimeParseException)"
                .replace("Failed to deserialize ", "not ");
        var named = QUALIFIED.matcher(s);
        out.setLength(0);
        while (named.find()) {
            named.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(kind(named.group())));
        }
        named.appendTail(out);
        return out.toString();
    }

    /** A Java class named in full outside backticks ("Failed to deserialize java.time.Instant"). */
    private static final java.util.regex.Pattern QUALIFIED = java.util.regex.Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com\\.fasterxml|org\\.epicenter)(?:\\.[A-Za-z_$][\\w$]*)+");

    private static String kind(String type) {
        String t = type.replaceAll("<.*", "");
        return switch (t) {
            case "java.lang.String", "char", "java.lang.Character" -> "a string";
            case "int", "long", "short", "java.lang.Integer", "java.lang.Long", "java.lang.Short" -> "a whole number";
            case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
            case "boolean", "java.lang.Boolean" -> "true or false";
            case "java.time.Instant", "java.time.OffsetDateTime", "java.time.ZonedDateTime" ->
                "an ISO-8601 time like 2025-11-18T11:20:00Z";
            case "java.time.Duration" -> "a duration like PT30M";
            case "java.util.List", "java.util.Set", "java.util.Collection", "java.util.ArrayList" -> "a list";
            case "java.util.Map", "java.util.LinkedHashMap" -> "an object";
            default -> t.startsWith("[") || t.endsWith("[]") ? "a list" : t.contains(".") ? "an object" : "a value";
        };
    }

    private static String path(JsonMappingException m) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * A shape of the YAML tree: the keys an object may hold and the shapes below them. Keys come
     * from the record components, so the binder and this check cannot disagree.
     */
    private record Shape(Set<String> keys, Map<String, Shape> below) {
        static final Shape ANY = new Shape(null, Map.of());

        static Shape of(Class<? extends Record> type, Map<String, Shape> below) {
            return new Shape(
                    Arrays.stream(type.getRecordComponents())
                            .map(RecordComponent::getName)
                            .collect(Collectors.toUnmodifiableSet()),
                    below);
        }

        Shape child(String key) {
            return below.getOrDefault(key, ANY);
        }
    }

    private static final Shape ENTRY = Shape.of(
            CatalogEntry.class,
            Map.of(
                    "name", Shape.of(LocalizedName.class, Map.of()),
                    "dependsOn", Shape.of(Dependency.class, Map.of()),
                    "probes", Shape.of(ProbeSpec.class, Map.of()),
                    "feeds", Shape.of(FeedSpec.class, Map.of())));
    private static final Shape TOP = Shape.of(CatalogDocument.Yaml.class, Map.of("entries", ENTRY));

    /**
     * Walks the YAML tokens once before binding: refuses unknown keys on their own line (the binder
     * buffers record properties and would report the end of the entry), and notes where each entry
     * starts, so graph errors found later can name a line too.
     */
    private static List<Integer> scan(String source, String text) {
        var lines = new ArrayList<Integer>();
        var shapes = new ArrayDeque<Shape>();
        Shape next = TOP;
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    var parent = p.getParsingContext().getParent();
                    // items of an array take the array's shape; values of a key take the key's shape
                    shapes.push(parent.inArray() ? shapes.peek() : next);
                    if (t == JsonToken.START_OBJECT && isEntry(parent)) {
                        lines.add(p.currentTokenLocation().getLineNr());
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    shapes.pop();
                } else if (t == JsonToken.FIELD_NAME) {
                    Shape here = shapes.peek();
                    String key = p.currentName();
                    if (here.keys() != null && !here.keys().contains(key)) {
                        throw new CatalogException(
                                source,
                                p.currentTokenLocation().getLineNr(),
                                pathOf(p.getParsingContext().getParent(), key),
                                "unknown key \"" + key + "\" (allowed: " + String.join(", ", new TreeSet<>(here.keys()))
                                        + ")");
                    }
                    next = here.child(key);
                }
            }
        } catch (IOException e) {
            return List.of(); // malformed YAML: the binder reports it with its line
        }
        return lines;
    }

    /** True when {@code array} is the value of the top-level key "entries". */
    private static boolean isEntry(com.fasterxml.jackson.core.JsonStreamContext array) {
        var owner = array.getParent();
        return array.inArray()
                && owner != null
                && owner.inObject()
                && "entries".equals(owner.getCurrentName())
                && owner.getParent() != null
                && owner.getParent().inRoot();
    }

    private static String pathOf(com.fasterxml.jackson.core.JsonStreamContext ctx, String key) {
        var parts = new ArrayDeque<String>();
        parts.push(key);
        for (var c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        var sb = new StringBuilder();
        for (String part : parts) {
            if (!sb.isEmpty() && !part.startsWith("[")) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
