package org.epicenter.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to close, registered next to what it closes (after Alertmanager's {@code app.go}), and
 * closed in the reverse order: the last part started is the first stopped. Threads are stopped and
 * waited for (up to {@link #WAIT}, see {@link #stop}), so a tick or a sender still running does not
 * write to a store already closed. A close that fails is logged and the rest still close.
 */
final class Teardown implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private record Step(String name, AutoCloseable close) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    /** How long a close waits for a thread to finish what it is doing. */
    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(5);

    /** Interrupts the executor's threads and waits for them, at most {@link #WAIT}. */
    static void stop(java.util.concurrent.ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("threads still running {} after close", WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the thread and waits for it, at most {@link #WAIT}. */
    static void stop(Thread thread) {
        thread.interrupt();
        try {
            thread.join(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers {@code part} and gives it back, so a construction and its teardown sit on one line. */
    <T extends AutoCloseable> T add(String name, T part) {
        steps.push(new Step(name, part));
        return part;
    }

    void onClose(String name, Runnable close) {
        steps.push(new Step(name, close::run));
    }

    @Override
    public void close() {
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.close().close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", s.name(), e);
            }
        }
    }
}
