package org.epicenter.server.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.epicenter.alert.Silence;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.AlertService;
import org.epicenter.store.AlertStore;

/**
 * Admin routes for alerts: subscriptions ({@code PUT/GET/DELETE /api/v1/admin/subscriptions[/{id}]}),
 * silences ({@code .../admin/silences}) and the alert log ({@code GET /api/v1/admin/alerts?hours=24}).
 * Secrets are never given back.
 */
final class AlertRoutes {
    private final AlertStore store;
    private final AlertService alerts;

    AlertRoutes(AlertStore store, AlertService alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    private static <T> T read(Context ctx, Class<T> type) {
        return read(BoundedBody.read(ctx, 16_384), type);
    }

    /** A subscription or silence from JSON, or an {@link ApiError} 400 that names the field in plain words. */
    static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiError(400, "invalid_field", null, "expected a JSON object, got null");
            }
            return value;
        } catch (ValueInstantiationException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            if (why == null || why.isBlank()) {
                why = "invalid value"; // a check that threw without saying why: never an empty error
            }
            String field = why != null && why.indexOf(':') > 0 && why.indexOf(':') < 20
                    ? why.substring(0, why.indexOf(':'))
                    : null;
            throw new ApiError(400, "invalid_field", field, why);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    e.getPropertyName(),
                    "unknown field \"" + e.getPropertyName() + "\" (allowed: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")");
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new ApiError(400, "invalid_field", path.isEmpty() ? null : path, Json.describe(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "malformed_json", null, "not JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", null, e.getMessage());
        }
    }

    void putSubscription(Context ctx) {
        Subscription s = read(ctx, Subscription.class);
        try {
            org.epicenter.server.alert.channel.Channels.check(s);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            int colon = why.indexOf(':');
            throw new ApiError(400, "invalid_field", colon > 0 && colon < 20 ? why.substring(0, colon) : null, why);
        }
        if (!s.id().equals(ctx.pathParam("id"))) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "id",
                    "body id \"" + s.id() + "\" does not match the path id \"" + ctx.pathParam("id") + "\"");
        }
        boolean existed = store.subscriptions().stream().anyMatch(x -> x.id().equals(s.id()));
        store.putSubscription(s);
        Json.send(ctx, existed ? 200 : 201, s.redacted());
    }

    void subscriptions(Context ctx) {
        Json.send(
                ctx,
                200,
                Map.of(
                        "subscriptions",
                        store.subscriptions().stream()
                                .map(Subscription::redacted)
                                .toList()));
    }

    void deleteSubscription(Context ctx) {
        if (!store.deleteSubscription(ctx.pathParam("id"))) {
            throw new ApiError(404, "unknown_subscription", "id", "no subscription \"" + ctx.pathParam("id") + "\"");
        }
        ctx.status(204);
    }

    void putSilence(Context ctx) {
        Silence s = read(ctx, Silence.class);
        if (!s.id().equals(ctx.pathParam("id"))) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "id",
                    "body id \"" + s.id() + "\" does not match the path id \"" + ctx.pathParam("id") + "\"");
        }
        boolean existed = store.silences().stream().anyMatch(x -> x.id().equals(s.id()));
        store.putSilence(s);
        Json.send(ctx, existed ? 200 : 201, s);
    }

    void silences(Context ctx) {
        Json.send(ctx, 200, Map.of("silences", store.silences()));
    }

    void deleteSilence(Context ctx) {
        if (!store.deleteSilence(ctx.pathParam("id"))) {
            throw new ApiError(404, "unknown_silence", "id", "no silence \"" + ctx.pathParam("id") + "\"");
        }
        ctx.status(204);
    }

    void log(Context ctx) {
        String raw = ctx.queryParam("hours");
        int hours;
        try {
            hours = raw == null ? 24 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > 24 * 30) {
            throw new ApiError(400, "invalid_field", "hours", "hours must be 1-720, got \"" + raw + "\"");
        }
        Json.send(ctx, 200, Map.of("alerts", alerts.log(Duration.ofHours(hours))));
    }
}
