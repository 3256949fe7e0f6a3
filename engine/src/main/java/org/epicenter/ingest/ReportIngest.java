package org.epicenter.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.epicenter.catalog.Catalog;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/**
 * The one path every crowd report takes, whatever transport brought it: validate, resolve the
 * country, hash the reporter, apply the dedup rule, store durably, count. The caller passes the
 * time ({@code now}); nothing here reads a clock.
 */
public final class ReportIngest {
    private final Supplier<Catalog> catalog;
    private final ReporterHasher hasher;
    private final DedupWindow dedup;
    private final ReportSink sink;
    private final LiveCounts live;
    private final ClientNetwork networks;

    public ReportIngest(
            Supplier<Catalog> catalog, ReporterHasher hasher, DedupWindow dedup, ReportSink sink, LiveCounts live) {
        this(catalog, hasher, dedup, sink, live, ClientNetwork.defaults());
    }

    public ReportIngest(
            Supplier<Catalog> catalog,
            ReporterHasher hasher,
            DedupWindow dedup,
            ReportSink sink,
            LiveCounts live,
            ClientNetwork networks) {
        this.networks = networks;
        this.catalog = catalog;
        this.hasher = hasher;
        this.dedup = dedup;
        this.sink = sink;
        this.live = live;
    }

    /**
     * Accepts a report. Throws {@link RejectedReport} at once for a rule violation; otherwise the
     * future completes once the report is durable, or exceptionally when it could not be stored
     * (then nothing was counted and the reporter may try again).
     */
    public CompletableFuture<IngestResult> submit(ReportSubmission s, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS); // the precision every store keeps
        if (s.service() == null || s.service().isEmpty()) {
            throw new RejectedReport(RejectedReport.Reason.INVALID_FIELD, "service", "service is required");
        }
        if (!catalog.get().contains(s.service())) {
            throw new RejectedReport(
                    RejectedReport.Reason.UNKNOWN_SERVICE, "service", "unknown service \"" + s.service() + "\"");
        }
        if (s.problem() == null) {
            throw new RejectedReport(
                    RejectedReport.Reason.INVALID_FIELD,
                    "problem",
                    "problem is required (one of " + Problem.allowedValues() + ")");
        }
        Problem problem = Problem.fromWire(s.problem())
                .orElseThrow(() -> new RejectedReport(
                        RejectedReport.Reason.INVALID_FIELD,
                        "problem",
                        "unknown problem \"" + s.problem() + "\" (one of " + Problem.allowedValues() + ")"));
        String country = country(s);
        // the reporter is the client's network (a /24 or /48 by default), never its headers
        List<String> ids;
        try {
            ids = hasher.ids(networks.network(s.clientAddress()), now);
        } catch (RuntimeException e) {
            // the day's key could not be stored (a full disk at midnight): not counted, retry later, never a 500
            return CompletableFuture.failedFuture(e);
        }
        boolean counted = dedup.claim(s.service(), ids, now);
        Report report = new Report(now, s.service(), problem, country, ids.get(0), counted);
        CompletableFuture<Void> stored;
        try {
            stored = sink.append(report, ids.subList(1, ids.size()));
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.handle((ok, failure) -> {
            if (failure != null) {
                if (counted) {
                    dedup.release(report.service(), report.reporter(), now);
                }
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            if (counted) {
                live.add(report.service(), report.minute(), 1);
            }
            return new IngestResult(report);
        });
    }

    private static String country(ReportSubmission s) {
        String trusted = Countries.normalise(s.trustedCountry());
        if (trusted != null) {
            return trusted; // a proxy's "XX" or "T1" (unknown, Tor) is not a country: fall through
        }
        String declared = s.declaredCountry();
        if (declared == null) {
            return Countries.UNKNOWN;
        }
        if (!Countries.isIsoCode(declared)) {
            throw new RejectedReport(
                    RejectedReport.Reason.INVALID_FIELD,
                    "country",
                    "country \"" + declared + "\" is not an ISO 3166-1 alpha-2 code (two upper-case letters, like SA)");
        }
        return declared;
    }
}
