package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.store.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live detection on a real store: the events a page needs to stay right. */
class LiveDetectionTest {
    private static final Instant T0 = Instant.parse("2025-11-10T00:00:00Z");
    private static final long FROM = 2 * 1440 + 600; // minutes after T0: Jordan goes down

    @TempDir
    Path dir;

    private final Random random = new Random(20251110L);

    /** About {@code lambda} counted reports of whatsapp from {@code country} in minute {@code m} after T0. */
    private void add(List<Report> batch, long m, String country, double lambda) {
        long n = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        for (long i = 0; i < n; i++) {
            batch.add(new Report(
                    T0.plusSeconds(m * 60 + i * 60 / n),
                    "whatsapp",
                    Problem.MESSAGING,
                    country,
                    "r" + m + "-" + country + "-" + i,
                    true));
        }
    }

    /** 100 a minute from three countries and 2 from Jordan; Jordan 20 from FROM on; everyone 8 times more from FROM + 20. */
    private List<Report> minute(long m) {
        var batch = new ArrayList<Report>();
        double times = m >= FROM + 20 ? 8 : 1;
        add(batch, m, "SA", 40 * times);
        add(batch, m, "EG", 30 * times);
        add(batch, m, "AE", 30 * times);
        add(batch, m, "JO", m >= FROM ? 20 * times : 2);
        return batch;
    }

    @Test
    void aRegionalIncidentThatAGlobalOneCoversIsAnnouncedAsDropped() {
        try (var store = SqliteStorage.open(dir)) {
            var history = new ArrayList<Report>();
            for (long m = 0; m < FROM; m++) {
                history.addAll(minute(m));
                if (history.size() > 20_000) {
                    store.reports().append(history);
                    history.clear();
                }
            }
            store.reports().append(history);
            var changes = new ArrayList<Event>();
            var live = new LiveDetection(store.reports(), T0.plusSeconds(FROM * 60 + 6), new LiveDetection.Listener() {
                @Override
                public void changed(Event change) {
                    changes.add(change);
                }

                @Override
                public void ticked() {}
            });
            for (long m = FROM; m < FROM + 40; m++) {
                store.reports().append(minute(m));
                live.tick(T0.plusSeconds((m + 1) * 60 + 6));
            }

            List<String> seen = changes.stream()
                    .filter(c -> c.data() instanceof DetectedIncident)
                    .map(c -> c.type() + " " + ((DetectedIncident) c.data()).scope())
                    .toList();
            assertThat(seen)
                    .as("incident events in order")
                    .containsSubsequence(
                            "incident.confirmed regional", "incident.confirmed global", "incident.dropped regional");
            var dropped = changes.stream()
                    .filter(c -> c.type().equals("incident.dropped"))
                    .toList();
            assertThat(dropped).hasSize(1);
            assertThat(((DetectedIncident) dropped.get(0).data()).countries()).containsExactly("JO");
        }
    }
}
