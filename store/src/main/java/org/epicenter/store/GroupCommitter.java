package org.epicenter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.epicenter.ingest.ReportSink;
import org.epicenter.model.Report;

/**
 * Group commit: concurrent callers of {@link #append} queue their reports; one writer thread takes
 * everything queued (up to a bound) and stores it in one transaction, one fsync for all, then
 * completes every caller's future. Durability costs one sync per batch instead of one per report.
 * Futures complete on the {@code completions} executor, never on the writer thread, so whatever
 * callers chain on them (writing an HTTP answer) cannot slow the next batch down.
 */
public final class GroupCommitter implements ReportSink, AutoCloseable {
    /** Told about every batch written, for metrics, and about every batch the store refused. */
    @FunctionalInterface
    public interface BatchListener {
        void written(int size, long nanos);

        /** The store refused a batch of {@code size} reports; none of them was acknowledged. */
        default void failed(int size, RuntimeException cause) {}
    }

    private record Pending(Report report, CompletableFuture<Void> done) {}

    private static final Pending STOP = new Pending(null, null);

    private final ReportStore store;
    private final int maxBatch;
    private final BatchListener listener;
    private final Executor completions;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Queueing holds the read side; close holds the write side, so nothing slips in after STOP. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    private volatile boolean closed;

    public GroupCommitter(ReportStore store, int maxBatch, BatchListener listener, Executor completions) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.listener = listener;
        this.completions = completions;
        this.writer = Thread.ofPlatform().name("epicenter-group-commit").start(this::run);
    }

    @Override
    public CompletableFuture<Void> append(Report report) {
        var pending = new Pending(report, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("store is shutting down; report not stored");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        return pending.done();
    }

    private void run() {
        var batch = new ArrayList<Pending>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
        // Drain whatever raced with close(); nothing accepted is dropped.
        queue.drainTo(batch);
        batch.remove(STOP);
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            store.append(batch.stream().map(Pending::report).toList());
        } catch (RuntimeException e) {
            List<Pending> failed = List.copyOf(batch);
            listener.failed(failed.size(), e);
            completions.execute(() -> failed.forEach(p -> p.done().completeExceptionally(e)));
            return;
        }
        listener.written(batch.size(), System.nanoTime() - start);
        List<Pending> done = List.copyOf(batch); // one hand-off per batch: cheap for the writer
        completions.execute(() -> done.forEach(p -> p.done().complete(null)));
    }

    /** Stops accepting, writes everything already queued, and waits for the writer. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP); // nothing can be queued after this
        } finally {
            gate.writeLock().unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
