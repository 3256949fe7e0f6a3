package org.epicenter.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The API's one JSON mapper: ISO-8601 times, duplicate keys refused. */
public final class Json {
    // Jackson's default buffer recycling is per thread; with a virtual thread per request that means
    // per request. A shared pool keeps buffers reused.
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // {"service":"x"}garbage is not a JSON object: refuse what follows the value
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /**
     * Why Jackson refused a body, in plain words: the first line of its reason, with Java types
     * named as kinds of value and no "(through reference chain...)" tail.
     */
    public static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null
                ? "unreadable"
                : e.getOriginalMessage().lines().findFirst().orElse("");
        if (reason.startsWith("Trailing token")) {
            return "only one JSON value is allowed, and nothing after it";
        }
        return org.epicenter.catalog.CatalogCodec.plainTypes(reason);
    }

    /**
     * Writes straight to the (compressing) output stream: handing Javalin a result instead makes it
     * copy through a fresh 8 KB buffer per response, the largest allocation on the report path.
     */
    public static void send(Context ctx, int status, Object body) {
        sendBytes(ctx, status, bytes(body));
    }

    /** The body as JSON. */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }

    /**
     * Sends JSON already encoded. A successful GET carries an ETag (CRC32C and length of the body), and
     * a request whose If-None-Match names it gets 304 with no body: a browser refreshing a page
     * during an outage re-downloads nothing that did not change.
     */
    public static void sendBytes(Context ctx, int status, byte[] bytes) {
        if (status == 200 && ctx.method() == io.javalin.http.HandlerType.GET) {
            var crc = new java.util.zip.CRC32C();
            crc.update(bytes);
            String etag = "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length) + "\"";
            ctx.header("ETag", etag);
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
        }
        ctx.status(status).contentType("application/json");
        try {
            ctx.outputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }
}
