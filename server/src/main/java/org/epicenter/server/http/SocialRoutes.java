package org.epicenter.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epicenter.server.SocialService;
import org.epicenter.server.admin.CatalogAdmin;
import org.epicenter.social.PostLine;

/**
 * Social posts over HTTP: the generic push endpoint (JSON lines, admin token) for posts an operator
 * already collects, and what people post about a service, for its page.
 */
final class SocialRoutes {
    /** Lines one push may carry. */
    static final int MAX_POSTS = 5_000;

    private final SocialService social;
    private final CatalogAdmin catalog;
    private final Clock clock;

    SocialRoutes(SocialService social, CatalogAdmin catalog, Clock clock) {
        this.social = social;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * {@code POST /api/v1/admin/social/posts}: one post per line, {@code {"id", "time", "text",
     * "author", "link"?, "source"?}}. Each good line is read, stored and counted; each bad one is
     * named with its number and why. 200 when at least one line was taken, 400 when none was.
     */
    void push(Context ctx) {
        String body = new String(BoundedBody.read(ctx, PostLine.MAX_LINE), StandardCharsets.UTF_8);
        Instant now = clock.instant();
        var good = new ArrayList<SocialService.Incoming>();
        var errors = new ArrayList<Map<String, Object>>();
        int line = 0;
        for (String s : body.split("\n", -1)) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            if (good.size() + errors.size() >= MAX_POSTS) {
                throw new ApiError(413, "too_many_posts", null, "at most " + MAX_POSTS + " posts per request");
            }
            try {
                PostLine p = PostLine.parse(s.strip());
                if (p.author() == null) {
                    throw new IllegalArgumentException(
                            "\"author\" is required: one author counts once, so it must be known");
                }
                if (p.time().isAfter(now.plus(Duration.ofMinutes(5)))) {
                    throw new IllegalArgumentException("\"time\" is in the future: " + p.time());
                }
                if (p.time().isBefore(now.minus(Duration.ofDays(SocialService.KEEP_DAYS)))) {
                    throw new IllegalArgumentException(
                            "\"time\" is older than the " + SocialService.KEEP_DAYS + " days posts are kept");
                }
                good.add(new SocialService.Incoming(
                        p.source() == null ? "push" : p.source(),
                        p.id(),
                        p.time(),
                        p.text(),
                        p.author(),
                        p.link(),
                        p.authorSince()));
            } catch (IllegalArgumentException e) {
                errors.add(Map.of("line", line, "error", e.getMessage()));
            }
        }
        if (good.isEmpty()) {
            Json.send(
                    ctx,
                    400,
                    Map.of(
                            "error",
                            errors.isEmpty() ? "no posts: send one JSON object per line" : "no line is a post",
                            "errors",
                            errors));
            return;
        }
        var taken = social.take(good);
        var out = new LinkedHashMap<String, Object>();
        out.put("taken", taken.stream().filter(t -> !t.duplicate()).count());
        out.put(
                "duplicates",
                taken.stream().filter(SocialService.Taken::duplicate).count());
        out.put("outages", taken.stream().filter(SocialService.Taken::outage).count());
        out.put("errors", errors);
        out.put("posts", taken);
        Json.send(ctx, 200, out);
    }

    /**
     * {@code GET /api/v1/services/{id}/posts}: what people post about it: people in the last 15
     * minutes, outage posts per minute for the last hour, and the latest outage posts whose text is
     * still kept (7 days), each with the classifier's reason.
     */
    void posts(Context ctx) {
        String id = ctx.pathParam("id");
        if (!catalog.current().contains(id)) {
            throw new ApiError(404, "unknown_service", "id", "unknown service \"" + id + "\"");
        }
        Instant now = clock.instant();
        var perMinute = new ArrayList<Map<String, Object>>();
        social.perMinute(id, now.minus(Duration.ofHours(1)), now.plusSeconds(60))
                .forEach((m, n) -> perMinute.add(Map.of("minute", Instant.ofEpochSecond(m * 60), "posts", n)));
        var posts = new ArrayList<Map<String, Object>>();
        for (var p : social.recent(id, 10)) {
            var v = new LinkedHashMap<String, Object>();
            v.put("at", p.at());
            v.put("source", p.source());
            v.put("link", p.link());
            v.put("lang", p.lang());
            v.put("text", p.text());
            v.put("why", p.why());
            posts.add(v);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("service", id);
        out.put("people15Minutes", social.people(id, now.minus(SocialService.WINDOW), now.plusSeconds(60)));
        out.put("perMinute", perMinute);
        out.put("posts", posts);
        ctx.header("Cache-Control", CatalogRoutes.CACHE);
        Json.send(ctx, 200, out);
    }
}
