package org.epicenter.server.http;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.epicenter.ingest.IngestResult;
import org.epicenter.ingest.RejectedReport;
import org.epicenter.ingest.ReportSubmission;
import org.epicenter.server.Metrics;
import org.epicenter.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/reports}, the path a surge of visitors hits hardest, served on Jetty's core
 * API in front of Javalin's servlet context; every other request passes through to Javalin. A report is
 * answered when its batch is durable, and Javalin's asynchronous answer (servlet async context,
 * then a second pass through its handler chain) cost about as much CPU per report as the rest of
 * our work: see docs/benchmarks.md. The answers are the same as Javalin's would be: same security
 * headers, same error bodies, same request metric, CORS for the configured origins.
 */
final class ReportEndpoint extends Handler.Wrapper {
    static final String PATH = "/api/v1/reports";
    /** When a report could not be stored: long enough for a full disk to be noticed, short enough to lose little. */
    static final int RETRY_AFTER_SECONDS = 10;
    /** Refusals made before the body is read. */
    private static final java.util.Set<String> UNREAD =
            java.util.Set.of("rate_limited", "unsupported_media_type", "too_large", "not_accepting");

    private static final String PATH_SLASH = PATH + "/"; // Javalin's routes ignore a trailing slash too
    private static final Logger LOG = LoggerFactory.getLogger(ReportEndpoint.class);
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField VARY_ORIGIN = new PreEncodedHttpField(HttpHeader.VARY, "Origin");

    /** The answer to an accepted report. */
    record Accepted(boolean counted, String service, String problem, String country, String receivedAt) {}

    /** The transport's name in the report metrics. */
    static final String NAME = "http";

    private final org.epicenter.server.Intake intake;
    private final Clock clock;
    private final Metrics metrics;
    private final RateLimiter limiter;
    private final ClientAddress address;
    private final java.util.List<org.epicenter.probes.Cidr> trustedProxies;
    private final String countryHeader;
    private final int maxBody;
    private final List<String> corsOrigins;

    ReportEndpoint(
            ServerSettings settings,
            org.epicenter.server.Intake intake,
            Clock clock,
            Metrics metrics,
            RateLimiter limiter) {
        this.intake = intake;
        this.clock = clock;
        this.metrics = metrics;
        this.limiter = limiter;
        this.address =
                new ClientAddress(settings.clientIpHeader(), settings.http().trustedProxies());
        this.trustedProxies = settings.http().trustedProxies();
        this.countryHeader = settings.countryHeader();
        this.maxBody = settings.maxBodyBytes();
        this.corsOrigins = settings.corsOrigins();
        this.takesReports =
                settings.cluster() == null || settings.cluster().role().takesReports();
    }

    private final boolean takesReports;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!HttpMethod.POST.is(request.getMethod()) || !(path.equals(PATH) || path.equals(PATH_SLASH))) {
            return super.handle(request, response, callback);
        }
        long start = System.nanoTime();
        CompletableFuture<IngestResult> stored;
        try {
            stored = accept(request, response);
        } catch (ApiError e) {
            if (!(e.getCause() instanceof RejectedReport)) {
                intake.refused(NAME, e.reason()); // the shared path counted its own rejections
            }
            if (UNREAD.contains(e.reason())) {
                // answered before the body was read: Jetty may not be able to skip a body still in flight
                // and then closes the connection; saying so keeps the client from reusing it (seen as
                // "header parser received no bytes" on the client's next request)
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            send(
                    request,
                    response,
                    callback,
                    start,
                    e.status(),
                    ApiServer.errorBody(e.status(), e.field(), e.getMessage()),
                    true);
            return true;
        } catch (RuntimeException e) {
            LOG.error("unhandled error on POST {}", path, e);
            send(request, response, callback, start, 500, ApiServer.errorBody(500, null, "internal error"), true);
            return true;
        }
        // No thread waits while the batch syncs: the answer is written by whoever completes it.
        stored.whenComplete((result, failure) -> {
            try {
                if (failure != null) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
                    send(
                            request,
                            response,
                            callback,
                            start,
                            503,
                            ApiServer.errorBody(
                                    503, null, "the report could not be stored; it was not counted, please retry"),
                            true);
                    return;
                }
                var r = result.report();
                send(
                        request,
                        response,
                        callback,
                        start,
                        result.counted() ? 201 : 200,
                        Json.bytes(new Accepted(
                                result.counted(),
                                r.service(),
                                r.problem().wireName(),
                                r.country(),
                                r.receivedAt().toString())),
                        false);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
        return true;
    }

    /** application/json, with or without parameters such as charset. */
    static boolean isJson(String type) {
        if (type == null) {
            return false;
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip().equalsIgnoreCase("application/json");
    }

    private CompletableFuture<IngestResult> accept(Request request, Response response) {
        if (!takesReports) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            throw new ApiError(
                    503,
                    "not_accepting",
                    null,
                    "this node serves pages only (role web); send reports to an ingest node");
        }
        HttpFields headers = request.getHeaders();
        String client = address.of(headers, Request.getRemoteAddr(request));
        long wait = limiter.secondsToWait(org.epicenter.ingest.ClientNetwork.host(client)); // an IPv6 /64 is one client
        if (wait > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
            throw new ApiError(429, "rate_limited", null, "too many reports from this client; retry in " + wait + " s");
        }
        String type = headers.get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw new ApiError(
                    415,
                    "unsupported_media_type",
                    null,
                    "Content-Type must be application/json, got " + (type == null ? "none" : "\"" + type + "\""));
        }
        long declared = request.getLength();
        if (declared > maxBody) {
            throw new ApiError(
                    413, "too_large", null, "body of " + declared + " bytes exceeds the limit of " + maxBody);
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = BoundedBody.read(in, declared, maxBody);
        } catch (java.io.IOException e) {
            throw BoundedBody.unreadable(e);
        }
        ReportDecoder.Fields f = ReportDecoder.decode(body);
        // like the client address, the country header is believed only from a trusted proxy
        String peer = Request.getRemoteAddr(request);
        String trusted =
                countryHeader.isEmpty() || !ClientAddress.any(trustedProxies, peer) ? null : headers.get(countryHeader);
        try {
            return intake.submit(NAME, new ReportSubmission(f.service(), f.problem(), f.country(), trusted, client));
        } catch (RejectedReport e) {
            boolean unknown = e.reason() == RejectedReport.Reason.UNKNOWN_SERVICE;
            throw new ApiError(
                    unknown ? 404 : 400, unknown ? "unknown_service" : "invalid_field", e.field(), e.getMessage(), e);
        }
    }

    private void send(
            Request request, Response response, Callback callback, long start, int status, byte[] body, boolean error) {
        response.setStatus(status);
        HttpFields.Mutable h = response.getHeaders();
        for (HttpField f : ApiServer.SECURITY_HEADERS) {
            h.add(f);
        }
        String origin = corsOrigins.isEmpty() ? null : request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && (corsOrigins.contains(origin) || corsOrigins.contains("*"))) {
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            h.add(VARY_ORIGIN);
        }
        if (error) {
            h.add(NO_STORE);
        }
        h.add(JSON);
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        metrics.request("POST", PATH, status, System.nanoTime() - start);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
