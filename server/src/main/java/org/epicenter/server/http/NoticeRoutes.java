package org.epicenter.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epicenter.server.notify.BackNotices;
import org.epicenter.store.NoticeStore.Notice;

/**
 * "Tell me when it is back", open to anyone: ask on a failing service's page, then confirm or stop
 * with the link from the mail (the link's token is the only key). Answers never show a whole address.
 */
final class NoticeRoutes {
    /**
     * Per client network (an IPv4 /24 or IPv6 /48, as reporters are counted: a /64 each is easy to
     * come by): 20 requests at once, then 20 an hour. Charged only for requests that pass every check.
     */
    private final RateLimiter limiter = new RateLimiter(20, Duration.ofHours(1), 20);

    private static final org.epicenter.ingest.ClientNetwork NETWORKS = org.epicenter.ingest.ClientNetwork.defaults();
    private final BackNotices notices;
    private final ClientAddress address;

    NoticeRoutes(BackNotices notices, ClientAddress address) {
        this.notices = notices;
        this.address = address;
    }

    /** The notices' refusals as HTTP errors (long quoted values cut, as every error). */
    private static <T> T answer(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (org.epicenter.server.notify.NoticeRefused e) {
            throw new ApiError(e.status(), e.reason(), e.field(), e.getMessage());
        }
    }

    record Ask(String email, String lang) {}

    /** {"email": "...", "lang": "en|ar"}, read by hand so that every refusal names the field in plain words. */
    static Ask read(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode o;
        try {
            o = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new ApiError(400, "malformed_json", null, "the body is not JSON in UTF-8");
        }
        if (o == null || !o.isObject()) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    null,
                    "expected a JSON object: {\"email\": \"name@example.com\", \"lang\": \"en\"}");
        }
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            if (!f.equals("email") && !f.equals("lang")) {
                throw new ApiError(400, "invalid_field", null, "unknown field (allowed: email, lang)");
            }
            if (!o.get(f).isTextual()) {
                throw new ApiError(400, "invalid_field", f, f + " must be a string");
            }
        }
        return new Ask(
                o.hasNonNull("email") ? o.get("email").asText() : null,
                o.hasNonNull("lang") ? o.get("lang").asText() : null);
    }

    void prune() {
        limiter.prune();
    }

    /** {@code POST /api/v1/services/{id}/notify} with {@code {"email": "...", "lang": "ar"}}. */
    void ask(Context ctx) {
        if (!notices.enabled()) {
            throw new ApiError(501, "not_configured", null, "this server does not send email (no SMTP settings)");
        }
        if (!ReportEndpoint.isJson(ctx.header("Content-Type"))) {
            throw new ApiError(415, "unsupported_media_type", null, "Content-Type must be application/json");
        }
        Ask a = read(BoundedBody.read(ctx, 2_048));
        answer(() -> notices.validate(ctx.pathParam("id"), a.email(), a.lang()));
        String client = address.fromHeaders(
                name -> java.util.Collections.list(ctx.req().getHeaders(name)),
                ctx.req().getRemoteAddr());
        long wait = limiter.secondsToWait(NETWORKS.network(client));
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiError(
                    429, "rate_limited", null, "too many requests from this network; retry in " + wait + " s");
        }
        Notice n = answer(() -> notices.ask(ctx.pathParam("id"), a.email(), a.lang()));
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "confirm");
        body.put("service", n.service());
        body.put("email", BackNotices.masked(n.email()));
        body.put(
                "message",
                "a mail with a link to confirm is on its way; nothing is sent when the service is back unless the link is followed");
        ctx.header("Cache-Control", "no-store");
        Json.send(ctx, 202, body);
    }

    /** {@code GET /api/v1/notices/{id}/{token}}: what the link's page shows. */
    void show(Context ctx) {
        Notice n = notices.find(ctx.pathParam("id"), ctx.pathParam("token"))
                .orElseThrow(() -> new ApiError(
                        404, "not_found", null, "no such notice (the link is wrong, or over 30 days old)"));
        ctx.header("Cache-Control", "no-store");
        Json.send(ctx, 200, view(n));
    }

    void confirm(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Json.send(ctx, 200, view(answer(() -> notices.confirm(ctx.pathParam("id"), ctx.pathParam("token")))));
    }

    /** Also the one-click unsubscribe of RFC 8058: a mail client POSTs {@code List-Unsubscribe=One-Click} here. */
    void stop(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Json.send(ctx, 200, view(answer(() -> notices.stop(ctx.pathParam("id"), ctx.pathParam("token")))));
    }

    private static Map<String, Object> view(Notice n) {
        var body = new LinkedHashMap<String, Object>();
        body.put("service", n.service());
        body.put("email", BackNotices.masked(n.email()));
        body.put("lang", n.lang());
        body.put("state", n.state());
        body.put("since", n.since().toString());
        body.put("asked", n.created().toString());
        body.put("confirmed", n.confirmed() == null ? null : n.confirmed().toString());
        body.put("told", n.state().equals("told") && n.sent() != null ? n.sent().toString() : null);
        return body;
    }
}
