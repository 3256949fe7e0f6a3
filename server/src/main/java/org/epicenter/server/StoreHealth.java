package org.epicenter.server;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.epicenter.store.GroupCommitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store takes writes. A refused batch (a full disk, a read-only file system) makes the
 * server not ready until a later batch is written: {@code /readyz} answers 503 meanwhile, and the
 * log says so at the first failure and then at most once a minute, with how many reports were
 * refused since (never one line per report: a surge on a full disk would fill the log too).
 */
public final class StoreHealth implements GroupCommitter.BatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
    static final long LOG_EVERY_MILLIS = 60_000;

    /** Ready, or failing since a time with a reason. */
    public record State(boolean ready, Instant failingSince, String reason, long refusedSince) {}

    private final GroupCommitter.BatchListener next;
    private final Clock clock;
    private final AtomicLong refused = new AtomicLong();
    private volatile State state = new State(true, null, null, 0);
    private long lastLogged = Long.MIN_VALUE;
    private long refusedAtLastLog;
    private final AtomicLong linesLogged = new AtomicLong();

    public StoreHealth(GroupCommitter.BatchListener next, Clock clock) {
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void written(int size, long nanos) {
        next.written(size, nanos);
        State s = state;
        if (!s.ready()) {
            synchronized (this) {
                LOG.info(
                        "the store takes writes again after refusing {} reports since {}",
                        refused.get(),
                        s.failingSince());
                refused.set(0);
                lastLogged = Long.MIN_VALUE;
                state = new State(true, null, null, 0);
            }
        }
    }

    @Override
    public void failed(int size, RuntimeException cause) {
        next.failed(size, cause);
        long total = refused.addAndGet(size);
        String reason = reason(cause);
        synchronized (this) {
            State s = state;
            Instant since = s.ready() ? clock.instant() : s.failingSince();
            state = new State(false, since, reason, total);
            long now = System.currentTimeMillis();
            if (lastLogged == Long.MIN_VALUE || now - lastLogged >= LOG_EVERY_MILLIS) {
                if (lastLogged == Long.MIN_VALUE) {
                    LOG.error(
                            "the store refused a write of {} reports; they were answered 503 and not counted: {}",
                            size,
                            reason,
                            cause);
                } else {
                    LOG.error(
                            "the store still refuses writes: {} reports refused in the last minute, {} since {}: {}",
                            total - refusedAtLastLog,
                            total,
                            since,
                            reason);
                }
                lastLogged = now;
                refusedAtLastLog = total;
                linesLogged.incrementAndGet();
            }
        }
    }

    public State state() {
        return state;
    }

    /** Error lines written about refused writes, for tests of the rate limit. */
    long linesLogged() {
        return linesLogged.get();
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (m.contains("SQLITE_FULL") || m.contains("disk is full") || m.contains("No space left")) {
            return "the disk is full";
        }
        if (m.contains("SQLITE_READONLY") || m.contains("readonly")) {
            return "the database is read-only";
        }
        if (m.contains("SQLITE_IOERR")) {
            return "the disk reported an I/O error";
        }
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
