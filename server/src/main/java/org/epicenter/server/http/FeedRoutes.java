package org.epicenter.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialRecord;
import org.epicenter.feed.OfficialState;
import org.epicenter.feed.OfficialView;
import org.epicenter.feeds.FeedSource;
import org.epicenter.server.FeedService;
import org.epicenter.server.admin.CatalogAdmin;

/** The official word: {@code GET /api/v1/services/{id}/official} and {@code GET /api/v1/feeds}. Anonymous. */
final class FeedRoutes {
    private final CatalogAdmin catalog;
    private final FeedService feeds;
    private final Clock clock;

    /**
     * @param state       the official state now (operational while no feed of it was ever read)
     * @param since       when the oldest open official incident was posted
     * @param components  the page's components that are this service
     * @param open        open official incidents with their updates, newest first
     * @param maintenance announced maintenance windows, current and coming
     * @param history     official incidents of the last 30 days as Epicenter saw them (firstSeen: when it read them first)
     * @param feeds       each feed with its polling state (unreachableSince, lastError)
     */
    record OfficialPage(
            String service,
            OfficialState state,
            Instant since,
            List<FeedSnapshot.Component> components,
            List<FeedSnapshot.Incident> open,
            List<FeedSnapshot.Incident> maintenance,
            List<HistoryItem> history,
            List<FeedSource.Status> feeds) {}

    record HistoryItem(
            @com.fasterxml.jackson.annotation.JsonUnwrapped FeedSnapshot.Incident incident,
            String feed,
            Instant firstSeen) {}

    FeedRoutes(CatalogAdmin catalog, FeedService feeds, Clock clock) {
        this.catalog = catalog;
        this.feeds = feeds;
        this.clock = clock;
    }

    void ofService(Context ctx) {
        String id = ctx.pathParam("id");
        CatalogEntry e = catalog.current()
                .find(id)
                .orElseThrow(() -> new ApiError(404, "unknown_service", "id", "unknown service \"" + id + "\""));
        OfficialView v = feeds.view(e.id(), clock.instant());
        List<HistoryItem> history = feeds.history(e.id()).stream()
                .limit(100)
                .map((OfficialRecord r) -> new HistoryItem(r.incident(), r.feed(), r.firstSeen()))
                .toList();
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(
                ctx,
                200,
                new OfficialPage(
                        e.id(),
                        v.state(),
                        v.since(),
                        v.components(),
                        v.open(),
                        v.maintenance(),
                        history,
                        feeds.feedsOf(e.id())));
    }

    void list(Context ctx) {
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, Map.of("feeds", feeds.feeds()));
    }
}
