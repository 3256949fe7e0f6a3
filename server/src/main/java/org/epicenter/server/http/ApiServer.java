package org.epicenter.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.epicenter.ingest.LiveCounts;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.Metrics;
import org.epicenter.server.ServerSettings;
import org.epicenter.server.admin.AdminToken;
import org.epicenter.server.admin.CatalogAdmin;
import org.epicenter.store.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin (virtual threads). Every route of the server is listed here. It is also
 * the HTTP report transport: reports POSTed to {@code /api/v1/reports} go to the shared
 * {@link org.epicenter.server.Intake} under the name {@code http}.
 */
public final class ApiServer implements org.epicenter.server.ReportTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;
    private final RateLimiter limiter;
    private final NoticeRoutes noticeRoutes;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private SlowClientGuard guard;

    public ApiServer(
            ServerSettings s,
            Clock clock,
            org.epicenter.server.Intake intake,
            CatalogAdmin catalog,
            ReportStore reports,
            LiveCounts live,
            LiveDetection detection,
            IncidentEvents events,
            AdminToken token,
            Metrics metrics,
            org.epicenter.server.ProbeService probes,
            org.epicenter.server.FeedService feeds,
            org.epicenter.server.IncidentBook book,
            org.epicenter.store.AlertStore alertStore,
            org.epicenter.server.alert.AlertService alerts,
            org.epicenter.server.StoreHealth storeHealth,
            org.epicenter.server.notify.BackNotices notices,
            org.epicenter.server.SocialService social) {
        this.limiter = new RateLimiter(s.reportsPerMinute(), s.reportBurst());
        var reportEndpoint = new ReportEndpoint(s, intake, clock, metrics, limiter);
        routes.add("POST " + ReportEndpoint.PATH);
        var catalogRoutes = new CatalogRoutes(catalog, reports, live, detection, probes, feeds, clock);
        var incidentRoutes = new IncidentRoutes(
                catalog, book, new org.epicenter.server.Reports(catalog, book, feeds), s.publicUrlOrDefault(), clock);
        var feedRoutes = new FeedRoutes(catalog, feeds, clock);
        var alertRoutes = new AlertRoutes(alertStore, alerts);
        var probeRoutes = new ProbeRoutes(catalog, probes, token, s.probes().agentToken(), clock);
        var admin = new AdminRoutes(catalog, token, s.maxBodyBytes());
        this.noticeRoutes = new NoticeRoutes(
                notices, new ClientAddress(s.clientIpHeader(), s.http().trustedProxies()));
        byte[] openApi = resource("/org/epicenter/server/openapi.json");

        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(h.getHttpMethod().name() + " " + h.getPath());
                }
            });
            // Each route enforces its own limit (reports: --max-body); agents' result batches are the largest.
            config.http.maxRequestSize = Math.max(s.maxBodyBytes(), ProbeRoutes.MAX_BATCH_BYTES);
            config.router.ignoreTrailingSlashes = true;
            // In front of Javalin's servlet context: Javalin nests its context inside this handler.
            config.jetty.modifyServer(server -> {
                server.setHandler(reportEndpoint);
                server.setErrorHandler(new JsonErrorHandler());
            });
            // Our own connector: the JDK's default accept backlog (50) resets connections when a
            // surge of visitors arrives at once, which is exactly when an outage tracker is needed.
            config.jetty.addConnector((server, httpConfig) -> {
                // %uXXXX (UTF-16) escapes are refused with a 400 by Jetty: Javalin's decoder would throw on them (a
                // 500)
                httpConfig.setUriCompliance(httpConfig
                        .getUriCompliance()
                        .without("epicenter", org.eclipse.jetty.http.UriCompliance.Violation.UTF16_ENCODINGS));
                var connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(s.host());
                connector.setPort(s.port());
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                connector.setIdleTimeout(s.http().idleTimeout().toMillis());
                guard = new SlowClientGuard(connector, s.http());
                return connector;
            });
            if (!s.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(
                            s.corsOrigins().get(0),
                            s.corsOrigins().subList(1, s.corsOrigins().size()).toArray(String[]::new));
                    rule.maxAge = 600;
                }));
            }
            var r = config.routes;
            r.before(ApiServer::securityHeaders);
            config.requestLogger.http((ctx, ms) -> recordRequest(ctx, ms, metrics));

            r.get("/api/v1/services", catalogRoutes::list);
            r.get("/api/v1/services/{id}", catalogRoutes::one);
            r.get("/api/v1/services/{id}/reports", catalogRoutes::series);
            r.get("/api/v1/providers/{id}/dependents", catalogRoutes::dependents);
            r.get("/api/v1/services/{id}/probes", probeRoutes::ofService);
            r.get("/api/v1/services/{id}/probes/{name}/results", probeRoutes::history);
            r.get("/api/v1/probes/findings", probeRoutes::findings);
            r.get("/api/v1/incidents", incidentRoutes::list);
            r.get("/api/v1/incidents.atom", incidentRoutes::atom);
            r.get("/api/v1/causes", incidentRoutes::causes);
            r.get("/api/v1/incidents/{service}/{start}/report", incidentRoutes::incidentReport);
            r.get("/api/v1/causes/{provider}/{start}/report", incidentRoutes::causeReport);
            r.get("/api/v1/services/{id}/official", feedRoutes::ofService);
            r.get("/api/v1/feeds", feedRoutes::list);
            r.post("/api/v1/services/{id}/notify", noticeRoutes::ask);
            r.get("/api/v1/notices/{id}/{token}", noticeRoutes::show);
            r.post("/api/v1/notices/{id}/{token}/confirm", noticeRoutes::confirm);
            r.post("/api/v1/notices/{id}/{token}/stop", noticeRoutes::stop);
            r.post("/n/{id}/{token}/stop", noticeRoutes::stop); // the List-Unsubscribe address: one click (RFC 8058)
            r.before("/api/v1/events", ctx -> {
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw new ApiError(
                            406,
                            "not_acceptable",
                            null,
                            "this is a Server-Sent Events stream: send Accept: text/event-stream (browsers' EventSource does)");
                }
            });
            r.sse("/api/v1/events", events::connect);

            r.before("/api/v1/admin/*", admin::authorize);
            r.put("/api/v1/admin/catalog/{id}", admin::put);
            r.delete("/api/v1/admin/catalog/{id}", admin::delete);
            r.get("/api/v1/admin/probes", probeRoutes::adminList);
            r.put("/api/v1/admin/catalog/{id}/probes/{name}", probeRoutes::put);
            r.delete("/api/v1/admin/catalog/{id}/probes/{name}", probeRoutes::delete);
            r.get("/api/v1/admin/subscriptions", alertRoutes::subscriptions);
            r.put("/api/v1/admin/subscriptions/{id}", alertRoutes::putSubscription);
            r.delete("/api/v1/admin/subscriptions/{id}", alertRoutes::deleteSubscription);
            r.get("/api/v1/admin/silences", alertRoutes::silences);
            r.put("/api/v1/admin/silences/{id}", alertRoutes::putSilence);
            r.delete("/api/v1/admin/silences/{id}", alertRoutes::deleteSilence);
            r.get("/api/v1/admin/alerts", alertRoutes::log);

            r.before("/api/v1/agent/*", probeRoutes::authorizeAgent);
            r.get("/api/v1/agent/assignments", probeRoutes::assignments);
            r.post("/api/v1/agent/results", probeRoutes::results);
            var socialRoutes = new SocialRoutes(social, catalog, clock);
            r.post("/api/v1/admin/social/posts", socialRoutes::push);
            r.get("/api/v1/services/{id}/posts", socialRoutes::posts);

            var web = new WebRoutes(
                    id -> catalog.current().find(id).isPresent(),
                    (service, start) -> book.all().stream()
                            .anyMatch(v -> v.incident().service().equals(service)
                                    && v.incident().start().equals(start)),
                    // a cause's start moves earlier when a back-dated victim joins: a link to a later start inside it
                    // still finds it
                    (provider, start) -> book.causes().stream()
                            .anyMatch(v -> v.cause().provider().equals(provider)
                                    && !v.cause().start().isAfter(start)
                                    && (v.cause().end() == null
                                            || !v.cause().end().isBefore(start))),
                    (id, lang) -> preview(catalog, detection, book, id, lang),
                    (nid, ntoken) -> notices.find(nid, ntoken).isPresent(),
                    notices.enabled(),
                    s.publicUrl());
            r.get("/", web::home);
            r.get("/s/{id}", web::service);
            r.get("/i/{service}/{start}", web::incident);
            r.get("/c/{provider}/{start}", web::cause);
            r.get("/assets/{name}", web::asset);
            r.get("/n/{id}/{token}", web::notice);
            r.get("/n/{id}/{token}/stop", web::notice);

            r.get("/healthz", ctx -> {
                long minute = Math.floorDiv(clock.instant().getEpochSecond(), 60);
                reports.countsByService(minute, minute + 1); // the store answers
                ctx.header("Cache-Control", "no-store");
                Json.send(ctx, 200, java.util.Map.of("status", "ok"));
            });
            // Readiness: 503 while the store refuses writes (a full disk), so a load balancer can send reporters
            // elsewhere.
            r.get("/readyz", ctx -> {
                var state = storeHealth.state();
                ctx.header("Cache-Control", "no-store");
                if (state.ready()) {
                    Json.send(ctx, 200, java.util.Map.of("status", "ready"));
                } else {
                    ctx.header("Retry-After", Integer.toString(ReportEndpoint.RETRY_AFTER_SECONDS));
                    var body = new LinkedHashMap<String, Object>();
                    body.put("status", "not ready");
                    body.put("reason", "the store refuses writes: " + state.reason());
                    body.put("since", state.failingSince().toString());
                    body.put("refusedReports", state.refusedSince());
                    Json.send(ctx, 503, body);
                }
            });
            r.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            r.get(
                    "/api/v1/openapi.json",
                    ctx -> ctx.contentType("application/json")
                            .header("Cache-Control", CatalogRoutes.CACHE)
                            .result(openApi));

            r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.field(), e.getMessage()));
            r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), null, e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, null, "internal error");
            });
        });
    }

    @Override
    public String name() {
        return ReportEndpoint.NAME;
    }

    /** Starts listening: reports, the API and the pages. */
    @Override
    public void start() {
        app.start();
    }

    /** On every response; the web pages replace the Content-Security-Policy with their own. */
    static final HttpField[] SECURITY_HEADERS = {
        new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
        new PreEncodedHttpField("X-Frame-Options", "DENY"),
        new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
        new PreEncodedHttpField("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        new PreEncodedHttpField("Cross-Origin-Opener-Policy", "same-origin"),
        new PreEncodedHttpField("Cross-Origin-Resource-Policy", "same-site"),
        new PreEncodedHttpField("Permissions-Policy", "geolocation=(), camera=(), microphone=()"),
    };

    private static void securityHeaders(Context ctx) {
        for (HttpField f : SECURITY_HEADERS) {
            ctx.header(f.getName(), f.getValue());
        }
    }

    private static void recordRequest(Context ctx, Float millis, Metrics metrics) {
        String route;
        try {
            var matched = ctx.endpoints().matchedHttpEndpoint();
            route = matched == null ? "unmatched" : matched.path;
        } catch (RuntimeException e) {
            route = "unmatched"; // no HTTP route matched (a 404)
        }
        metrics.request(ctx.method().name(), route, ctx.statusCode(), (long) (millis * 1_000_000L));
    }

    static void error(Context ctx, int status, String field, String message) {
        ctx.header("Cache-Control", "no-store");
        Json.sendBytes(ctx, status, errorBody(status, field, message));
    }

    /** {@code {"error": message, "field": field, "status": status}}, the body of every error answer. */
    static byte[] errorBody(int status, String field, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        body.put("status", status);
        return Json.bytes(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every HTTP route served, as "METHOD /path", so tests can hold the OpenAPI document to it. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    public int port() {
        return app.port();
    }

    /** Periodic housekeeping: forget clients whose buckets have refilled. */
    public void prune() {
        limiter.prune();
        noticeRoutes.prune();
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
        app.stop();
    }

    private static final java.time.format.DateTimeFormatter HHMM =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The title and one sentence for a page's link preview; the home page (id "") tells what is down now. */
    static WebRoutes.Preview preview(
            CatalogAdmin catalog,
            LiveDetection detection,
            org.epicenter.server.IncidentBook book,
            String pageAndId,
            String lang) {
        boolean ar = lang.equals("ar");
        var c = catalog.current();
        String kind = pageAndId.substring(0, pageAndId.indexOf(' '));
        String key = pageAndId.substring(pageAndId.indexOf(' ') + 1);
        String id = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
        if (kind.equals("incident") || kind.equals("cause")) {
            java.time.Instant at = java.time.Instant.parse(key.substring(key.indexOf('/') + 1));
            String name =
                    c.find(id).map(e -> ar ? e.name().ar() : e.name().en()).orElse(id);
            if (kind.equals("cause")) {
                return new WebRoutes.Preview(
                        ar ? name + " هو مصدر العطل المرجّح · إبيسنتر" : name + " is the likely epicenter · Epicenter",
                        ar
                                ? "عطل بدأ " + HHMM.format(at) + " بتوقيت UTC: ما تعطّل معه، ولماذا نرجّح ذلك."
                                : "An outage from " + HHMM.format(at)
                                        + " UTC: what failed with it, and why Epicenter thinks so.");
            }
            var incident = book.all().stream()
                    .map(org.epicenter.server.IncidentBook.View::incident)
                    .filter(i -> i.service().equals(id) && i.start().equals(at))
                    .findFirst()
                    .orElse(null);
            String day = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(at);
            String state = incident == null || incident.end() == null
                    ? (ar ? "جارٍ" : "ongoing")
                    : (ar
                            ? "انتهى " + HHMM.format(incident.end()) + " بتوقيت UTC"
                            : "resolved at " + HHMM.format(incident.end()) + " UTC");
            return new WebRoutes.Preview(
                    ar ? "عطل في " + name + " · إبيسنتر" : "Problems at " + name + " · Epicenter",
                    ar
                            ? "مشكلات في " + name + " منذ " + day + " بتوقيت UTC (" + state + ")."
                            : "Problems at " + name + " from " + day + " UTC (" + state + ").");
        }
        if (id.isEmpty()) {
            var down = detection.statuses().values().stream()
                    .filter(x -> x.status().equals("problems"))
                    .map(x -> c.find(x.service())
                            .map(e -> ar ? e.name().ar() : e.name().en())
                            .orElse(x.service()))
                    .sorted()
                    .limit(5)
                    .toList();
            String title = ar ? "إبيسنتر: ما المتوقف الآن؟" : "Epicenter: what is down right now?";
            return new WebRoutes.Preview(
                    title,
                    down.isEmpty()
                            ? (ar
                                    ? "لا توجد بلاغات غير معتادة عن أي خدمة الآن."
                                    : "No service has unusual reports right now.")
                            : (ar
                                    ? "مشكلات الآن: " + String.join("، ", down) + "."
                                    : "Problems now: " + String.join(", ", down) + "."));
        }
        var entry = c.find(id).orElse(null);
        if (entry == null) {
            return null;
        }
        String name = ar ? entry.name().ar() : entry.name().en();
        var cause = book.causes().stream()
                .filter(v -> v.cause().provider().equals(id) && v.cause().end() == null)
                .findFirst();
        if (cause.isPresent()) {
            String since = HHMM.format(cause.get().cause().start());
            int k = cause.get().cause().dependents().size();
            return new WebRoutes.Preview(
                    ar ? name + ": مصدر عطل مرجّح · إبيسنتر" : name + ": likely epicenter of an outage · Epicenter",
                    ar
                            ? name + " هو المصدر المرجّح لعطل يؤثر في " + k + " من الخدمات التي تعتمد عليه منذ " + since
                                    + " بتوقيت UTC."
                            : name + " is the likely epicenter of an outage affecting " + k
                                    + " services that depend on it, since " + since + " UTC.");
        }
        LiveDetection.ServiceStatus st = detection.statuses().get(id);
        String title = ar ? name + ": الحالة والأعطال · إبيسنتر" : name + " status and outages · Epicenter";
        if (st != null && st.status().equals("problems")) {
            String since = HHMM.format(st.since());
            return new WebRoutes.Preview(
                    ar
                            ? name + ": مشكلات منذ " + since + " بتوقيت UTC · إبيسنتر"
                            : name + ": problems since " + since + " UTC · Epicenter",
                    ar
                            ? "تشير بلاغات المستخدمين إلى مشكلات في " + name + " منذ " + since + " بتوقيت UTC."
                            : "User reports indicate problems at " + name + " since " + since + " UTC.");
        }
        return new WebRoutes.Preview(
                title,
                ar
                        ? "لا مشكلات حالية في " + name + ". هل تواجه مشكلة؟ أبلغ عنها وشاهد ما يبلغ عنه الآخرون."
                        : "No current problems at " + name + ". Having trouble? Report it and see what others report.");
    }
}
