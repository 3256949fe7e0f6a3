package org.epicenter.feeds;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Polls every source on its own rhythm: each poll runs on a virtual thread, and the next one is
 * planned only when it has ended (so a slow page never piles up polls), after
 * {@link FeedSource#nextDelay}. The first polls are spread over a few seconds.
 */
public final class FeedScheduler implements AutoCloseable {
    private final FeedPoller poller;
    private final BiConsumer<FeedSource, FeedPoller.Poll> listener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("epicenter-feeds").daemon().factory());
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("feed-", 0).factory());
    private final Map<String, Planned> planned = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile java.util.function.BooleanSupplier active = () -> true;

    private record Planned(FeedSource source, ScheduledFuture<?> next) {}

    /** {@code listener} hears every poll's outcome, on the polling thread. */
    public FeedScheduler(FeedPoller poller, BiConsumer<FeedSource, FeedPoller.Poll> listener) {
        this.poller = poller;
        this.listener = listener;
    }

    /** Polls exactly these sources from now on (by URL): new ones start, gone ones stop, kept ones keep their state. */
    public synchronized void sync(Collection<FeedSource> sources) {
        var wanted = new java.util.HashMap<String, FeedSource>();
        sources.forEach(s -> wanted.put(s.url().toString(), s));
        planned.entrySet().removeIf(e -> {
            FeedSource want = wanted.get(e.getKey());
            boolean gone = want == null || !sameSettings(want, e.getValue().source());
            if (gone) {
                e.getValue().next().cancel(false);
            }
            return gone;
        });
        for (FeedSource s : wanted.values()) {
            if (!planned.containsKey(s.url().toString())) {
                plan(
                        s,
                        Duration.ofMillis(ThreadLocalRandom.current()
                                .nextLong(Math.min(5_000, s.interval().toMillis()) + 1)));
            }
        }
    }

    private static boolean sameSettings(FeedSource a, FeedSource b) {
        return a.format() == b.format()
                && a.interval().equals(b.interval())
                && a.timeout().equals(b.timeout())
                && a.maxBytes() == b.maxBytes();
    }

    /**
     * Polls only while {@code when} holds (cluster mode: one node polls for all); a poll that falls
     * due otherwise is skipped and planned again one interval later.
     */
    public void pollWhen(java.util.function.BooleanSupplier when) {
        this.active = when;
    }

    /** The sources being polled. */
    public Collection<FeedSource> sources() {
        return planned.values().stream().map(Planned::source).toList();
    }

    private void plan(FeedSource s, Duration delay) {
        if (closed) {
            return;
        }
        ScheduledFuture<?> f =
                timer.schedule(() -> workers.execute(() -> run(s)), delay.toMillis(), TimeUnit.MILLISECONDS);
        planned.put(s.url().toString(), new Planned(s, f));
    }

    private void run(FeedSource s) {
        if (!active.getAsBoolean()) {
            synchronized (this) {
                Planned p = planned.get(s.url().toString());
                if (p != null && p.source() == s) {
                    plan(s, s.interval());
                }
            }
            return;
        }
        FeedPoller.Poll poll = poller.poll(s);
        try {
            listener.accept(s, poll);
        } finally {
            synchronized (this) {
                Planned p = planned.get(s.url().toString());
                if (p != null && p.source() == s) {
                    plan(s, s.nextDelay(ThreadLocalRandom.current().nextDouble()));
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
