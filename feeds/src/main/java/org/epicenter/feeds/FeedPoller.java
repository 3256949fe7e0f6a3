package org.epicenter.feeds;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.probes.HttpProbe;

/**
 * Polls one {@link FeedSource}: a GET with {@code If-None-Match} / {@code If-Modified-Since} when the
 * page gave validators, redirects followed (each hop checked by the address guard), the body capped,
 * the whole exchange under the feed's timeout. Every outcome is recorded on the source; nothing
 * here throws, so a bad page can never stop the poller.
 */
public final class FeedPoller {
    public static final String USER_AGENT = "epicenter-feeds (+https://github.com/epicenter)";

    /** What one poll gave: a new snapshot, the same one (304 or an unchanged body), or a failure and why. */
    public record Poll(Outcome outcome, FeedSnapshot snapshot, String error) {}

    public enum Outcome {
        FRESH,
        UNCHANGED,
        FAILED
    }

    private final HttpProbe http;
    private final Clock clock;

    public FeedPoller(HttpProbe http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public Poll poll(FeedSource source) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        String etag = source.etag();
        String modified = source.lastModified();
        if (source.snapshot() != null) {
            if (etag != null) {
                headers.put("If-None-Match", etag);
            }
            if (modified != null) {
                headers.put("If-Modified-Since", modified);
            }
        }
        Instant at = clock.instant();
        HttpProbe.Fetched f;
        try {
            f = http.fetch(new HttpProbe.Request(source.url(), "GET", headers, source.timeout(), 5, source.maxBytes()));
        } catch (HttpProbe.FetchException e) {
            return failed(source, at, e.getMessage());
        } catch (RuntimeException e) {
            return failed(source, at, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (f.status() == 304 && source.snapshot() != null) {
            source.succeeded(at);
            return new Poll(Outcome.UNCHANGED, source.snapshot(), null);
        }
        if (f.status() != 200) {
            return failed(source, at, "HTTP " + f.status() + " from " + f.finalUri());
        }
        if (f.truncated()) {
            return failed(source, at, "the body is larger than the " + (source.maxBytes() >> 10) + " KB cap");
        }
        FeedSnapshot snapshot;
        try {
            snapshot = FeedParsers.of(source.format()).parse(f.body());
        } catch (FeedFormatException e) {
            return failed(source, at, "not a valid " + source.format().wireName() + " feed: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(source, at, "not a valid " + source.format().wireName() + " feed: " + e);
        }
        boolean same = snapshot.equals(source.snapshot());
        source.fresh(at, snapshot, f.headers().get("etag"), f.headers().get("last-modified"));
        return new Poll(same ? Outcome.UNCHANGED : Outcome.FRESH, snapshot, null);
    }

    private static Poll failed(FeedSource source, Instant at, String why) {
        source.failed(at, why);
        return new Poll(Outcome.FAILED, source.snapshot(), why);
    }
}
