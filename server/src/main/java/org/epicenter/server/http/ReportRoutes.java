package org.epicenter.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.epicenter.ingest.IngestResult;
import org.epicenter.ingest.RejectedReport;
import org.epicenter.ingest.ReportIngest;
import org.epicenter.ingest.ReportSubmission;
import org.epicenter.server.Metrics;
import org.epicenter.server.ServerSettings;

/** {@code POST /api/v1/reports}: decodes the request and hands it to the shared ingest path. */
final class ReportRoutes {
    /** The answer to an accepted report. */
    record Accepted(boolean counted, String service, String problem, String country, String receivedAt) {
    }

    private final ReportIngest ingest;
    private final Clock clock;
    private final Metrics metrics;
    private final RateLimiter limiter;
    private final ClientAddress address;
    private final String countryHeader;
    private final int maxBody;

    ReportRoutes(ServerSettings settings, ReportIngest ingest, Clock clock, Metrics metrics, RateLimiter limiter) {
        this.ingest = ingest;
        this.clock = clock;
        this.metrics = metrics;
        this.limiter = limiter;
        this.address = new ClientAddress(settings.clientIpHeader());
        this.countryHeader = settings.countryHeader();
        this.maxBody = settings.maxBodyBytes();
    }

    void submit(Context ctx) {
        try {
            accept(ctx);
        } catch (ApiError e) {
            metrics.report("rejected", e.reason());
            throw e;
        }
    }

    /** application/json, with or without parameters such as charset. */
    static boolean isJson(String type) {
        if (type == null) {
            return false;
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip().equalsIgnoreCase("application/json");
    }

    private void accept(Context ctx) {
        String client = address.of(ctx);
        long wait = limiter.secondsToWait(client);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiError(429, "rate_limited", null, "too many reports from this client; retry in " + wait + " s");
        }
        String type = ctx.contentType();
        if (!isJson(type)) {
            throw new ApiError(415, "unsupported_media_type", null,
                    "Content-Type must be application/json, got " + (type == null ? "none" : "\"" + type + "\""));
        }
        if (ctx.contentLength() > maxBody) {
            throw new ApiError(413, "too_large", null, "body of " + ctx.contentLength() + " bytes exceeds the limit of " + maxBody);
        }
        byte[] body = BoundedBody.read(ctx, maxBody);
        ReportDecoder.Fields f = ReportDecoder.decode(body);
        String trusted = countryHeader.isEmpty() ? null : ctx.header(countryHeader);
        String ua = ctx.header("User-Agent");
        CompletableFuture<IngestResult> stored;
        try {
            stored = ingest.submit(new ReportSubmission(f.service(), f.problem(), f.country(), trusted, client, ua),
                    clock.instant());
        } catch (RejectedReport e) {
            boolean unknown = e.reason() == RejectedReport.Reason.UNKNOWN_SERVICE;
            throw new ApiError(unknown ? 404 : 400, unknown ? "unknown_service" : "invalid_field", e.field(), e.getMessage());
        }
        // The request holds no thread while its batch syncs; the answer is written when it is durable.
        ctx.future(() -> stored.handle((result, failure) -> {
            if (failure != null) {
                metrics.report("rejected", "store_failed");
                ApiServer.error(ctx, 503, null, "the report could not be stored; it was not counted, please retry");
                return null;
            }
            metrics.report(result.counted() ? "counted" : "deduplicated", "none");
            Json.send(ctx, result.counted() ? 201 : 200, new Accepted(result.counted(), result.report().service(),
                    result.report().problem().wireName(), result.report().country(), result.report().receivedAt().toString()));
            return null;
        }));
    }
}
