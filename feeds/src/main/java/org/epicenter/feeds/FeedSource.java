package org.epicenter.feeds;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.epicenter.catalog.FeedFormat;
import org.epicenter.feed.FeedSnapshot;

/**
 * One feed URL and what polling it has learned: the validators for a conditional GET, the last good
 * snapshot, and the current run of failures (which sets the backoff and, from the second failure on,
 * makes the page "unreachable since" the first one). Thread-safe; a source is polled by one thread at a time.
 */
public final class FeedSource {
    /** Failures in a row before the page counts as unreachable (one blip is not news). */
    public static final int UNREACHABLE_AFTER = 2;
    /** The longest wait between tries while a page keeps failing. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    /** A copy of the source's state for pages and the API. */
    public record Status(
            String url,
            FeedFormat format,
            long intervalSeconds,
            Instant lastPoll,
            Instant lastSuccess,
            Instant lastChange,
            int failures,
            Instant unreachableSince,
            String lastError,
            boolean hasSnapshot) {
        public boolean unreachable() {
            return unreachableSince != null;
        }
    }

    private final URI url;
    private final FeedFormat format;
    private final Duration interval;
    private final Duration timeout;
    private final int maxBytes;

    private String etag;
    private String lastModified;
    private FeedSnapshot snapshot;
    private Instant lastPoll;
    private Instant lastSuccess;
    private Instant lastChange;
    private Instant firstFailure;
    private int failures;
    private String lastError;

    public FeedSource(URI url, FeedFormat format, Duration interval, Duration timeout, int maxBytes) {
        this.url = url;
        this.format = format;
        this.interval = interval;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The default body cap: Google Cloud's full incident history is several megabytes, a summary.json a few kilobytes. */
    public static int defaultCap(FeedFormat format) {
        return format == FeedFormat.GOOGLE_CLOUD ? 16 << 20 : 4 << 20;
    }

    public URI url() {
        return url;
    }

    public FeedFormat format() {
        return format;
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    public int maxBytes() {
        return maxBytes;
    }

    synchronized String etag() {
        return etag;
    }

    synchronized String lastModified() {
        return lastModified;
    }

    /** The last snapshot read (kept while the page fails), or null before the first good read. */
    public synchronized FeedSnapshot snapshot() {
        return snapshot;
    }

    synchronized void fresh(Instant at, FeedSnapshot s, String newEtag, String newLastModified) {
        if (!s.equals(snapshot)) {
            lastChange = at;
        }
        snapshot = s;
        etag = newEtag;
        lastModified = newLastModified;
        succeeded(at);
    }

    /**
     * What another node's poll of this page found (cluster mode, where one node polls for all):
     * this source then tells the same story as the polling node's, without its validators. A poll
     * older than the last one this source knows is ignored (false).
     */
    public synchronized boolean heard(Instant at, FeedPoller.Poll poll) {
        if (lastPoll != null && at.isBefore(lastPoll)) {
            return false; // older than what this source knows: a node that woke up from a pause
        }
        switch (poll.outcome()) {
            case FAILED -> failed(at, poll.error() == null ? "failed" : poll.error());
            case FRESH, UNCHANGED -> {
                if (poll.snapshot() != null && !poll.snapshot().equals(snapshot)) {
                    fresh(at, poll.snapshot(), null, null);
                } else {
                    succeeded(at);
                }
            }
        }
        return true;
    }

    synchronized void succeeded(Instant at) {
        lastPoll = at;
        lastSuccess = at;
        failures = 0;
        firstFailure = null;
        lastError = null;
    }

    synchronized void failed(Instant at, String error) {
        lastPoll = at;
        if (failures == 0) {
            firstFailure = at;
        }
        failures++;
        lastError = error;
    }

    /**
     * How long to wait before the next poll: the interval while all is well; after failures,
     * doubling from the interval up to {@link #MAX_BACKOFF}, spread by ±20% so many feeds failing
     * together (a shared CDN down) do not come back in step.
     */
    public synchronized Duration nextDelay(double random) {
        Duration base = interval;
        if (failures > 0) {
            long factor = 1L << Math.min(failures - 1, 16);
            base = interval.multipliedBy(factor);
            if (base.compareTo(MAX_BACKOFF) > 0) {
                base = MAX_BACKOFF.compareTo(interval) > 0 ? MAX_BACKOFF : interval;
            }
            return Duration.ofMillis((long) (base.toMillis() * (0.8 + 0.4 * random)));
        }
        return base;
    }

    public synchronized Status status() {
        return new Status(
                url.toString(),
                format,
                interval.toSeconds(),
                lastPoll,
                lastSuccess,
                lastChange,
                failures,
                failures >= UNREACHABLE_AFTER ? firstFailure : null,
                lastError,
                snapshot != null);
    }
}
