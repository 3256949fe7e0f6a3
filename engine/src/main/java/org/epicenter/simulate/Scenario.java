package org.epicenter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A simulated world: services with their normal traffic, outages with their shapes, and decoys that
 * must not become incidents.
 *
 * @param start  first minute (UTC, a whole minute)
 * @param days   how long the stream runs
 */
public record Scenario(
        String name, Instant start, int days, List<Profile> services, List<Outage> outages, List<Decoy> decoys) {

    /**
     * One service's normal traffic: reports per minute at its local evening peak; the quietest
     * hour has a third of that. Its home country gets most reports.
     */
    public record Profile(String service, double peakPerMinute, String country, int utcOffsetHours) {}

    /** How an outage's report rate evolves (from ../shared/facts/incidents.md). */
    public enum Shape {
        /** Meta 2021: everything at once. */
        INSTANT,
        /** WhatsApp 2023: rises over the first half, then holds. */
        RAMP,
        /** X 2025: five minutes on, five off. */
        BURSTS,
        /** Cloudflare 2025-11-18: on-off-on every ten minutes, each half on. */
        FLAP,
        /** A slow degradation: the multiple grows linearly over the whole outage. */
        DEGRADE
    }

    /**
     * A real outage: the truth the evaluation checks against. Country null means everywhere and
     * {@code multiple} applies to the whole service; with a country, only that country's reports
     * rise, and {@code multiple} applies to that country's normal traffic. {@code cause} is the
     * provider the outage should be attributed to (null: none is expected, and none is scored).
     */
    public record Outage(
            String service,
            Instant start,
            Duration duration,
            double multiple,
            Shape shape,
            String country,
            String label,
            String cause) {
        /** An outage with no known upstream cause to attribute it to. */
        public Outage(
                String service,
                Instant start,
                Duration duration,
                double multiple,
                Shape shape,
                String country,
                String label) {
            this(service, start, duration, multiple, shape, country, label, null);
        }

        public Instant end() {
            return start.plus(duration);
        }
    }

    /** Traffic that is not an outage: a news bump (more reports, modestly) or report-bombing (few reporters, many reports). */
    public record Decoy(String service, Instant start, Duration duration, Kind kind, double size, String label) {
        public enum Kind {
            NEWS_BUMP,
            REPORT_BOMBING
        }
    }
}
