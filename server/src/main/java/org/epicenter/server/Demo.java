package org.epicenter.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.ingest.RejectedReport;
import org.epicenter.ingest.ReportSubmission;
import org.epicenter.model.Countries;
import org.epicenter.model.Report;
import org.epicenter.simulate.Scenario;
import org.epicenter.simulate.Scenarios;
import org.epicenter.simulate.Simulator;
import org.epicenter.store.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --demo}: a week of simulated history written straight to the store (with two past
 * outages, so the incident list is not empty), then live simulated reports through the normal
 * ingest path, with a Cloudflare-style cascade (X, ChatGPT, Claude, Canva and Spotify failing within
 * four minutes) that starts {@link #OUTAGE_AFTER} after start-up and lasts {@link #OUTAGE_LENGTH}: a
 * newcomer watches the incidents be confirmed, Cloudflare be named their likely epicenter, and all resolve.
 */
final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    static final Duration OUTAGE_AFTER = Duration.ofSeconds(90);
    static final Duration OUTAGE_LENGTH = Duration.ofMinutes(20);
    private static final int BATCH = 20_000;

    private Demo() {}

    /** Writes the week before {@code now} unless the store already holds reports from it; returns reports written. */
    static long backfill(ReportStore store, Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        if (!store.countsByService(minute - 7 * 1440, minute).isEmpty()) {
            LOG.info("demo: the store already has a week of reports; no backfill");
            return 0;
        }
        Instant start = Instant.ofEpochSecond((minute - 7 * 1440) * 60);
        var outages = new ArrayList<Scenario.Outage>();
        for (String s : List.of("facebook", "instagram", "whatsapp", "messenger")) {
            outages.add(new Scenario.Outage(
                    s,
                    start.plus(Duration.ofDays(3).plusHours(5)),
                    Duration.ofHours(2),
                    20,
                    Scenario.Shape.INSTANT,
                    null,
                    "demo-meta"));
        }
        outages.add(new Scenario.Outage(
                "x",
                start.plus(Duration.ofDays(5).plusHours(7)),
                Duration.ofMinutes(60),
                10,
                Scenario.Shape.BURSTS,
                null,
                "demo-x"));
        var scenario = new Scenario("demo-history", start, 7, Scenarios.services(), outages, List.of());
        var batch = new ArrayList<Report>(BATCH);
        long[] written = {0};
        LOG.info(
                "demo: writing a week of simulated reports for {} services...",
                scenario.services().size());
        Simulator.generate(scenario, 1, row -> {
            if (!row.timestamp().isBefore(now)) {
                return;
            }
            batch.add(new Report(
                    row.timestamp(),
                    row.service(),
                    row.problem(),
                    row.country().isEmpty() ? Countries.UNKNOWN : row.country(),
                    "demo-" + row.reporter(),
                    true));
            if (batch.size() == BATCH) {
                store.append(batch);
                written[0] += batch.size();
                batch.clear();
            }
        });
        store.append(batch);
        written[0] += batch.size();
        LOG.info("demo: {} simulated reports written", written[0]);
        return written[0];
    }

    /**
     * Streams simulated reports in real time through {@code ingest}, from the current minute on, with
     * the outage ahead. Runs until interrupted.
     */
    static Thread live(Intake ingest, Clock clock) {
        Thread t = Thread.ofPlatform().daemon().name("epicenter-demo").unstarted(() -> {
            Instant now = clock.instant();
            Instant start = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60);
            // a Cloudflare-style cascade: five services behind one CDN fail within four minutes
            var outages = new java.util.ArrayList<Scenario.Outage>();
            String[] fronted = {"x", "chatgpt", "claude", "canva", "spotify"};
            for (int i = 0; i < fronted.length; i++) {
                outages.add(new Scenario.Outage(
                        fronted[i],
                        now.plus(OUTAGE_AFTER).plus(Duration.ofMinutes(i)),
                        OUTAGE_LENGTH,
                        15,
                        Scenario.Shape.INSTANT,
                        null,
                        "demo-live"));
            }
            LOG.info(
                    "demo: live reports flowing; X, ChatGPT, Claude, Canva and Spotify (all behind Cloudflare) start failing at {}"
                            + " for {} min",
                    outages.get(0).start(),
                    OUTAGE_LENGTH.toMinutes());
            for (int day = 0; !Thread.currentThread().isInterrupted(); day++) {
                var scenario = new Scenario(
                        "demo-live",
                        start.plus(Duration.ofDays(day)),
                        1,
                        Scenarios.services(),
                        day == 0 ? outages : List.of(),
                        List.of());
                try {
                    Simulator.generate(scenario, 1000 + day, row -> send(ingest, clock, now, row));
                } catch (Stopped e) {
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void send(Intake ingest, Clock clock, Instant startedAt, Simulator.Row row) {
        if (row.timestamp().isBefore(startedAt)) {
            return; // the part of the first minute that had passed already
        }
        // short naps, each re-reading the clock: a clock moved by hand (tests) is followed at once
        for (long wait = Duration.between(clock.instant(), row.timestamp()).toMillis();
                wait > 0;
                wait = Duration.between(clock.instant(), row.timestamp()).toMillis()) {
            try {
                Thread.sleep(Math.min(wait, 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }
        try {
            ingest.submit(
                    "demo",
                    new ReportSubmission(
                            row.service(),
                            row.problem().wireName(),
                            row.country().isEmpty() ? null : row.country(),
                            null,
                            "demo:" + row.reporter()));
        } catch (RejectedReport e) {
            LOG.warn("demo: report refused: {}", e.getMessage());
        }
    }
}
