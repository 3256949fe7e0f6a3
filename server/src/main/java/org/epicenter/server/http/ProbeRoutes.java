package org.epicenter.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.catalog.CatalogException;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.ProbeBoard;
import org.epicenter.probe.ProbeResult;
import org.epicenter.server.ProbeService;
import org.epicenter.server.admin.AdminToken;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * Probes over HTTP: anyone reads verdicts and backup findings; agents (agent or admin token) fetch
 * their assignments and push results; the admin API creates, updates, deletes and lists probes
 * with the same checks as a catalog file.
 */
final class ProbeRoutes {
    static final int MAX_BATCH = 5_000;
    static final int MAX_BATCH_BYTES = 1_048_576;

    /** One result as an agent sends it. */
    record ResultIn(String entry, String probe, Instant at, Boolean ok, Long latencyMs, String detail) {}

    /** A batch of results from one location. */
    record Batch(String location, List<ResultIn> results) {}

    record Assignment(String entry, ProbeSpec probe) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProbeOut(
            String name,
            String kind,
            String target,
            String backupOf,
            String state,
            List<String> downAt,
            List<String> slowAt,
            Map<String, ProbeBoard.LocationView> locations) {}

    private static final ObjectReader BATCH = Json.MAPPER
            .readerFor(Batch.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CatalogAdmin catalog;
    private final ProbeService probes;
    private final AdminToken admin;
    private final AdminToken agent;
    private final Clock clock;

    ProbeRoutes(CatalogAdmin catalog, ProbeService probes, AdminToken admin, String agentToken, Clock clock) {
        this.catalog = catalog;
        this.probes = probes;
        this.admin = admin;
        this.agent = agentToken == null ? null : AdminToken.of(agentToken);
        this.clock = clock;
    }

    /** Before every agent route: the agent token or the admin token. */
    void authorizeAgent(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String presented = AdminRoutes.bearer(ctx);
        if (!admin.matches(presented) && (agent == null || !agent.matches(presented))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"epicenter-agent\"");
            throw new ApiError(
                    401,
                    "unauthorized",
                    null,
                    presented == null
                            ? "agent token required: send Authorization: Bearer <token>"
                            : "agent token not accepted");
        }
    }

    private CatalogEntry entry(Catalog c, String id) {
        return c.find(id)
                .orElseThrow(() -> new ApiError(404, "unknown_service", "id", "unknown service \"" + id + "\""));
    }

    /** GET /api/v1/services/{id}/probes: each probe's verdict overall and per location, and the entry's backup findings. */
    void ofService(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx.pathParam("id"));
        var out = new LinkedHashMap<String, Object>();
        out.put("service", e.id());
        ProbeService.ProbeStatus status = probes.statuses().get(e.id());
        out.put("status", status == null ? (e.probes().isEmpty() ? "none" : "unverified") : status.status());
        out.put("statusSince", status == null ? null : status.since());
        out.put("probes", probes.of(e.id()).stream().map(ProbeRoutes::out).toList());
        out.put(
                "backupFindings",
                probes.findings().stream().filter(f -> f.entry().equals(e.id())).toList());
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, out);
    }

    private static ProbeOut out(ProbeBoard.ProbeView v) {
        ProbeSpec s = v.spec();
        return new ProbeOut(
                s.name(),
                s.kind().wireName(),
                s.target(),
                s.backupOf(),
                v.overall().wireName(),
                v.downAt(),
                v.slowAt(),
                v.locations());
    }

    /** GET /api/v1/services/{id}/probes/{name}/results?hours=1: every stored result of one probe, oldest first (at most 24 hours). */
    void history(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx.pathParam("id"));
        String name = ctx.pathParam("name");
        if (e.probes().stream().noneMatch(p -> p.name().equals(name))) {
            throw new ApiError(404, "unknown_probe", "name", e.id() + " has no probe \"" + name + "\"");
        }
        String raw = ctx.queryParam("hours");
        int hours;
        try {
            hours = raw == null ? 1 : Integer.parseInt(raw);
        } catch (NumberFormatException ex) {
            hours = -1;
        }
        if (hours < 1 || hours > 24) {
            throw new ApiError(
                    400, "invalid_field", "hours", "hours must be a whole number from 1 to 24, got \"" + raw + "\"");
        }
        Instant now = clock.instant();
        var results = probes.results(e.id(), name, now.minus(Duration.ofHours(hours)), now.plusSeconds(1)).stream()
                .map(r -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("at", r.at());
                    m.put("location", r.location());
                    m.put("ok", r.ok());
                    m.put("latencyMs", r.latencyMs());
                    m.put("detail", r.detail());
                    return m;
                })
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("service", e.id(), "probe", name, "results", results));
    }

    /** GET /api/v1/probes/findings: backup paths broken while their primary works, across the catalog. */
    void findings(Context ctx) {
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("backupFindings", probes.findings()));
    }

    /** GET /api/v1/agent/assignments: every probe, with an ETag so an unchanged list costs a 304. */
    void assignments(Context ctx) {
        var list = new ArrayList<Assignment>();
        probes.assignments().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(p -> list.add(new Assignment(e.getKey(), p))));
        Json.sendBytes(ctx, 200, Json.bytes(Map.of("probes", list)));
    }

    /** POST /api/v1/agent/results: a batch from one location, durable before the answer. */
    void results(Context ctx) {
        if (!"application/json"
                .equals(
                        ctx.contentType() == null
                                ? null
                                : ctx.contentType().split(";")[0].strip())) {
            throw new ApiError(415, "unsupported_media_type", null, "send results as Content-Type: application/json");
        }
        Batch batch = decodeBatch(BoundedBody.read(ctx, MAX_BATCH_BYTES));
        Instant now = clock.instant();
        var accepted = new ArrayList<ProbeResult>();
        var unknown = new ArrayList<String>();
        for (int i = 0; i < batch.results().size(); i++) {
            ResultIn r = batch.results().get(i);
            String at = "results[" + i + "]";
            if (r.at().isAfter(now.plus(Duration.ofMinutes(2))) || r.at().isBefore(now.minus(Duration.ofDays(1)))) {
                throw new ApiError(
                        400,
                        "invalid_field",
                        at + ".at",
                        "at " + r.at() + " is more than 2 minutes ahead of or a day behind the server's clock (" + now
                                + ")");
            }
            if (!probes.knows(r.entry(), r.probe())) {
                unknown.add(r.entry() + "/" + r.probe());
                continue;
            }
            accepted.add(new ProbeResult(
                    r.entry(),
                    r.probe(),
                    batch.location(),
                    r.at(),
                    r.ok(),
                    r.latencyMs() == null ? -1 : Math.max(-1, r.latencyMs()),
                    r.ok() ? null : r.detail()));
        }
        probes.accept(accepted);
        var body = new LinkedHashMap<String, Object>();
        body.put("accepted", accepted.size());
        body.put("unknown", unknown.stream().distinct().toList()); // removed since the agent fetched its assignments
        Json.send(ctx, 200, body);
    }

    /** An agent's batch, checked for shape: every result with entry, probe, at and ok; or an {@link ApiError} 400. */
    static Batch decodeBatch(byte[] bytes) {
        Batch batch;
        try {
            batch = BATCH.readValue(bytes);
        } catch (JsonMappingException e) {
            throw new ApiError(400, "invalid_field", path(e), Json.describe(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "malformed_json", null, "malformed JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", null, "could not read the body");
        }
        if (batch == null || batch.location() == null || !batch.location().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "location",
                    "location must be a lowercase name of 1-40 letters, digits and dashes");
        }
        if (batch.results() == null || batch.results().size() > MAX_BATCH) {
            throw new ApiError(
                    400, "invalid_field", "results", "results must be a list of at most " + MAX_BATCH + " results");
        }
        for (int i = 0; i < batch.results().size(); i++) {
            ResultIn r = batch.results().get(i);
            String at = "results[" + i + "]";
            if (r == null || r.entry() == null || r.probe() == null || r.at() == null || r.ok() == null) {
                throw new ApiError(400, "invalid_field", at, "each result needs entry, probe, at and ok");
            }
            if (r.detail() != null && r.detail().length() > 2_000) {
                throw new ApiError(400, "invalid_field", at + ".detail", "detail is longer than 2000 characters");
            }
        }
        return batch;
    }

    private static String path(JsonMappingException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** GET /api/v1/admin/probes: every probe as configured, with its entry. */
    void adminList(Context ctx) {
        assignments(ctx);
    }

    /** PUT /api/v1/admin/catalog/{id}/probes/{name}: create or replace one probe of an entry. */
    void put(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx.pathParam("id"));
        String name = ctx.pathParam("name");
        ProbeSpec probe;
        try {
            probe = CatalogCodec.readProbeJson(BoundedBody.read(ctx, 16_384));
        } catch (CatalogException ex) {
            throw new ApiError(400, "invalid_field", ex.field().isEmpty() ? null : ex.field(), ex.reason());
        }
        if (!probe.name().equals(name)) {
            throw new ApiError(
                    400,
                    "invalid_field",
                    "name",
                    "body name \"" + probe.name() + "\" does not match the path name \"" + name + "\"");
        }
        var list = new ArrayList<>(e.probes());
        boolean existed = list.removeIf(p -> p.name().equals(name));
        list.add(probe);
        apply(e, list);
        Json.send(ctx, existed ? 200 : 201, probe);
    }

    /** DELETE /api/v1/admin/catalog/{id}/probes/{name}: refused while a backup names it as its primary. */
    void delete(Context ctx) {
        CatalogEntry e = entry(catalog.current(), ctx.pathParam("id"));
        String name = ctx.pathParam("name");
        if (e.probes().stream().noneMatch(p -> p.name().equals(name))) {
            throw new ApiError(404, "unknown_probe", "name", e.id() + " has no probe \"" + name + "\"");
        }
        var backups = e.probes().stream()
                .filter(p -> name.equals(p.backupOf()))
                .map(ProbeSpec::name)
                .toList();
        if (!backups.isEmpty()) {
            throw new ApiError(
                    409,
                    "has_backups",
                    "name",
                    "\"" + name + "\" cannot be removed while these are its backups: " + String.join(", ", backups));
        }
        apply(e, e.probes().stream().filter(p -> !p.name().equals(name)).toList());
        ctx.status(204);
    }

    private void apply(CatalogEntry e, List<ProbeSpec> probesOfEntry) {
        try {
            var changed = new CatalogEntry(
                    e.id(),
                    e.kind(),
                    e.name(),
                    e.category(),
                    e.hostnames(),
                    e.countries(),
                    e.dependsOn(),
                    probesOfEntry,
                    e.feeds(),
                    e.aliases());
            catalog.apply(new CatalogChange.Put(changed));
        } catch (CatalogException ex) {
            throw new ApiError(400, "invalid_field", "probes", ex.reason());
        } catch (IllegalArgumentException ex) {
            throw new ApiError(400, "invalid_field", "probes", ex.getMessage());
        }
    }
}
