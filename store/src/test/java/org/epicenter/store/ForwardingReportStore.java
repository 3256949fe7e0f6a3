package org.epicenter.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Report;

/** Delegates everything; tests override one method to inject a fault they cannot provoke for real. */
class ForwardingReportStore implements ReportStore {
    private final ReportStore delegate;

    ForwardingReportStore(ReportStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(List<Report> batch) {
        delegate.append(batch);
    }

    @Override
    public void appendFromLog(List<Report> batch, String partition, long from, long to, Instant caughtUp) {
        delegate.appendFromLog(batch, partition, from, to, caughtUp);
    }

    @Override
    public Map<String, Checkpoint> checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public List<MinuteCount> minuteCounts(String service, long fromMinute, long toMinute) {
        return delegate.minuteCounts(service, fromMinute, toMinute);
    }

    @Override
    public void forEachMinuteCount(long fromMinute, long toMinute, java.util.function.Consumer<MinuteCount> sink) {
        delegate.forEachMinuteCount(fromMinute, toMinute, sink);
    }

    @Override
    public Map<String, Long> countsByService(long fromMinute, long toMinute) {
        return delegate.countsByService(fromMinute, toMinute);
    }

    @Override
    public List<Report> countedSince(Instant since) {
        return delegate.countedSince(since);
    }

    @Override
    public long rawCount() {
        return delegate.rawCount();
    }

    @Override
    public int deleteRawBefore(Instant before) {
        return delegate.deleteRawBefore(before);
    }

    @Override
    public int deleteMinuteCountsBefore(long minute) {
        return delegate.deleteMinuteCountsBefore(minute);
    }
}
