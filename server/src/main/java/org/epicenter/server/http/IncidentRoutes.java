package org.epicenter.server.http;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.epicenter.server.IncidentBook;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * {@code GET /api/v1/incidents[?state=open|resolved][&service=id]}: confirmed incidents, newest first,
 * from reports, probes and official status pages, each naming the signals that support it and its
 * likely epicenter; {@code GET /api/v1/causes[?state=open|resolved]}: the common causes.
 */
final class IncidentRoutes {
    private final CatalogAdmin catalog;
    private final IncidentBook book;
    private final org.epicenter.server.Reports reports;

    private final String publicUrl;

    private final java.time.Clock clock;

    IncidentRoutes(
            CatalogAdmin catalog,
            IncidentBook book,
            org.epicenter.server.Reports reports,
            String publicUrl,
            java.time.Clock clock) {
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.catalog = catalog;
        this.book = book;
        this.reports = reports;
    }

    private static java.time.Instant startOf(Context ctx) {
        String raw = ctx.pathParam("start");
        try {
            return java.time.Instant.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "start",
                    "start must be an ISO-8601 UTC time like 2025-11-18T11:20:00Z, got \"" + raw + "\"");
        }
    }

    private static void sendReport(Context ctx, org.epicenter.report.PostIncidentReport r) {
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            Json.send(ctx, 200, r);
        } else if (format.equals("md") || format.equals("markdown")) {
            ctx.contentType("text/markdown; charset=utf-8").result(r.toMarkdown());
        } else {
            throw new ApiError(400, "invalid_field", "format", "format must be json or md, got \"" + format + "\"");
        }
    }

    /** {@code GET /api/v1/incidents/{service}/{start}/report[?format=md]}: the post-incident report of one incident. */
    void incidentReport(Context ctx) {
        String service = ctx.pathParam("service");
        var start = startOf(ctx);
        sendReport(
                ctx,
                reports.incident(service, start)
                        .orElseThrow(() -> new ApiError(
                                404,
                                "unknown_incident",
                                "start",
                                "no incident of \"" + service + "\" started at " + start)));
    }

    /** {@code GET /api/v1/causes/{provider}/{start}/report[?format=md]}: the post-incident report of a common cause. */
    void causeReport(Context ctx) {
        String provider = ctx.pathParam("provider");
        var start = startOf(ctx);
        sendReport(
                ctx,
                reports.cause(provider, start)
                        .orElseThrow(() -> new ApiError(
                                404, "unknown_cause", "start", "no cause \"" + provider + "\" started at " + start)));
    }

    private static String state(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            throw new ApiError(400, "invalid_field", "state", "state must be open or resolved, got \"" + state + "\"");
        }
        return state;
    }

    void list(Context ctx) {
        String state = state(ctx);
        String service = ctx.queryParam("service");
        if (service != null && !catalog.current().contains(service)) {
            throw new ApiError(404, "unknown_service", "service", "unknown service \"" + service + "\"");
        }
        List<IncidentBook.View> incidents = book.all().stream()
                .filter(v ->
                        state == null || (state.equals("open") == (v.incident().end() == null)))
                .filter(v -> service == null || v.incident().service().equals(service))
                .sorted(Comparator.comparing(
                                (IncidentBook.View v) -> v.incident().start())
                        .reversed())
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("incidents", incidents));
    }

    void causes(Context ctx) {
        String state = state(ctx);
        List<IncidentBook.CauseView> causes = book.causes().stream()
                .filter(c -> state == null || state.equals("open") == c.open())
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("causes", causes, "candidateEdges", book.candidateEdges()));
    }

    /**
     * {@code GET /api/v1/incidents.atom[?service=id]}: the last 50 confirmed incidents as an Atom feed,
     * so a feed reader tells people when a service has problems and when it is back. An entry's
     * {@code updated} moves when the incident resolves; a provider's feed also carries the outages it
     * is the likely epicenter of.
     */
    void atom(Context ctx) {
        String service = ctx.queryParam("service");
        var c = catalog.current();
        if (service != null && !c.contains(service)) {
            throw new ApiError(
                    404,
                    "unknown_service",
                    "service",
                    "unknown service \"" + (service.length() > 60 ? service.substring(0, 60) + "…" : service) + "\"");
        }
        // a provider's feed carries the outages it is the likely epicenter of, as its page does
        List<IncidentBook.View> incidents = book.all().stream()
                .filter(v -> v.incident().confirmed() != null)
                .filter(v -> service == null
                        || v.incident().service().equals(service)
                        || v.epicenter() != null && v.epicenter().provider().equals(service))
                .sorted(Comparator.comparing(
                                (IncidentBook.View v) -> v.incident().start())
                        .reversed())
                .limit(50)
                .toList();
        var hhmm =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);
        var out = new java.io.StringWriter();
        try {
            var x = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace("http://www.w3.org/2005/Atom");
            String name = service == null
                    ? null
                    : c.find(service).map(e -> e.name().en()).orElse(service);
            element(x, "title", name == null ? "Epicenter: incidents" : "Epicenter: " + name + " incidents");
            element(x, "id", publicUrl + "/api/v1/incidents.atom" + (service == null ? "" : "?service=" + service));
            java.time.Instant updated = incidents.stream()
                    .map(v -> updated(v.incident()))
                    .max(java.time.Instant::compareTo)
                    .orElse(clock.instant()); // an empty feed is as of now, never 1970
            element(x, "updated", updated.toString());
            x.writeStartElement("link");
            x.writeAttribute("rel", "self");
            x.writeAttribute(
                    "href", publicUrl + "/api/v1/incidents.atom" + (service == null ? "" : "?service=" + service));
            x.writeEndElement();
            x.writeStartElement("link");
            x.writeAttribute("rel", "alternate");
            x.writeAttribute("href", publicUrl + (service == null ? "/" : "/s/" + service));
            x.writeEndElement();
            x.writeStartElement("author");
            element(x, "name", "Epicenter");
            x.writeEndElement();
            for (IncidentBook.View v : incidents) {
                var i = v.incident();
                String who = c.find(i.service()).map(e -> e.name().en()).orElse(i.service());
                String state = i.end() != null
                        ? "resolved at " + hhmm.format(i.end()) + " UTC"
                        : i.recovering() ? "recovering" : "ongoing";
                x.writeStartElement("entry");
                element(x, "title", who + ": problems since " + hhmm.format(i.start()) + " UTC (" + state + ")");
                element(x, "id", publicUrl + "/i/" + i.service() + "/" + i.start());
                element(x, "updated", updated(i).toString());
                element(x, "published", i.confirmed().toString());
                x.writeStartElement("link");
                x.writeAttribute("href", publicUrl + "/i/" + i.service() + "/" + i.start());
                x.writeEndElement();
                element(
                        x,
                        "summary",
                        who + " " + state + "; signals: " + String.join(", ", v.signals())
                                + (v.epicenter() != null
                                        ? "; likely epicenter: "
                                                + c.find(v.epicenter().provider())
                                                        .map(e -> e.name().en())
                                                        .orElse(v.epicenter().provider())
                                        : "")
                                + ".");
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        ctx.contentType("application/atom+xml; charset=utf-8").result(out.toString());
    }

    /** Text without the characters XML 1.0 cannot carry (a catalog name may hold control characters). */
    static String xmlSafe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || c >= 0x20 && c <= 0xD7FF
                        || c >= 0xE000 && c <= 0xFFFD
                        || c >= 0x10000 && c <= 0x10FFFF)
                .forEach(b::appendCodePoint);
        return b.toString();
    }

    /** When an incident last changed that the feed can tell: its end, else its confirmation. */
    private static java.time.Instant updated(org.epicenter.detect.DetectedIncident i) {
        return i.end() != null ? i.end() : i.confirmed();
    }

    private static void element(javax.xml.stream.XMLStreamWriter x, String name, String text)
            throws javax.xml.stream.XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(xmlSafe(text));
        x.writeEndElement();
    }
}
