package org.epicenter.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Runs many probes on their own intervals without a thread per probe: one dispatcher thread keeps
 * the next due time of every probe in a priority queue and starts each run on a virtual thread.
 *
 * <ul>
 *   <li><b>Jitter.</b> A probe's first run is spread over its interval by a hash of its id, so ten
 *       thousand probes of 30 s do not all fire in the same millisecond; after that it keeps a fixed
 *       rate (no drift).</li>
 *   <li><b>Back-pressure.</b> At most {@code maxInFlight} runs at once. When targets hang and the
 *       limit is reached, a due run is skipped and counted, never queued: the schedule of the others
 *       holds, and memory does not grow.</li>
 *   <li><b>Slip.</b> How late each run started against its due time is handed to a listener.</li>
 * </ul>
 */
public final class ProbeScheduler implements AutoCloseable {
    private record Due(long at, String id, long intervalMillis, Runnable task) {}

    private final Clock clock;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    private final Semaphore inFlight;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final LongConsumer slipMillis;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean stopped;

    public ProbeScheduler(Clock clock, int maxInFlight, LongConsumer slipMillis) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.clock = clock;
        this.inFlight = new Semaphore(maxInFlight);
        this.slipMillis = slipMillis;
        this.dispatcher =
                Thread.ofPlatform().daemon().name("epicenter-probe-scheduler").unstarted(this::dispatch);
    }

    /** Adds a probe; its first run falls somewhere in its first interval, fixed by its id. */
    public synchronized void add(String id, Duration interval, Runnable task) {
        long every = interval.toMillis();
        if (every < 1_000) {
            throw new IllegalArgumentException("interval must be at least 1 s, got " + interval);
        }
        long offset = Math.floorMod(id.hashCode() * 0x9E3779B9L, every);
        queue.add(new Due(clock.millis() + offset, id, every, task));
        notifyAll();
    }

    /** Stops scheduling a probe; a run already started finishes. */
    public synchronized void remove(String id) {
        queue.removeIf(d -> d.id().equals(id));
    }

    /** How many probes are scheduled. */
    public synchronized int size() {
        return queue.size();
    }

    public void start() {
        dispatcher.start();
    }

    public long started() {
        return started.get();
    }

    /** Runs not started because {@code maxInFlight} runs were still going. */
    public long skipped() {
        return skipped.get();
    }

    private void dispatch() {
        while (!stopped) {
            Due next;
            synchronized (this) {
                next = queue.peek();
                long wait = next == null ? 1_000 : next.at() - clock.millis();
                if (wait > 0) {
                    try {
                        wait(Math.min(wait, 1_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                queue.poll();
                queue.add(new Due(next.at() + next.intervalMillis(), next.id(), next.intervalMillis(), next.task()));
            }
            slipMillis.accept(clock.millis() - next.at());
            if (!inFlight.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            started.incrementAndGet();
            Runnable task = next.task();
            runs.execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    @Override
    public void close() {
        stopped = true;
        dispatcher.interrupt();
        runs.shutdownNow();
    }
}
