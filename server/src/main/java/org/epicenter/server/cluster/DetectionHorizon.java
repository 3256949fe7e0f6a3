package org.epicenter.server.cluster;

import java.time.Instant;
import java.util.function.Function;
import org.epicenter.store.ReportStore;

/**
 * Up to when the shared store holds every report (cluster mode): the earliest time at which the
 * reader of each partition had read all of it, less {@link ClusterSettings#REPORT_DEADLINE} (a report
 * stamped earlier either reached Kafka by then or was refused to its sender). Detection closes a
 * minute only once the horizon has passed it, so live detection sees exactly what a replay of the
 * store would: a report that was late (a reader failing over) delays detection, it is never missed.
 * Null while some partition has never been read.
 */
public final class DetectionHorizon implements Function<Instant, Instant> {
    private final ClusterSettings settings;
    private final ReportStore store;

    public DetectionHorizon(ClusterSettings settings, ReportStore store) {
        this.settings = settings;
        this.store = store;
    }

    @Override
    public Instant apply(Instant now) {
        var checkpoints = store.checkpoints();
        Instant earliest = null;
        for (int p = 0; p < settings.partitions(); p++) {
            var cp = checkpoints.get(settings.partitionName(p));
            if (cp == null || cp.caughtUp() == null) {
                return null;
            }
            if (earliest == null || cp.caughtUp().isBefore(earliest)) {
                earliest = cp.caughtUp();
            }
        }
        Instant horizon = earliest.minus(ClusterSettings.REPORT_DEADLINE);
        return horizon.isAfter(now) ? now : horizon;
    }
}
