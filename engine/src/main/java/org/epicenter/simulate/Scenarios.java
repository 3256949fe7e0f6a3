package org.epicenter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.epicenter.simulate.Scenario.Decoy;
import org.epicenter.simulate.Scenario.Outage;
import org.epicenter.simulate.Scenario.Profile;
import org.epicenter.simulate.Scenario.Shape;

/**
 * The built-in scenarios. "mixed" is a week in which the real outages of ../shared/facts/incidents.md
 * happen again (their shapes, sizes and who was hit together), at times the seed shifts by up to
 * two hours, with decoys around them; "quiet" is the same week with only the decoys.
 */
public final class Scenarios {
    public static final List<String> NAMES = List.of("mixed", "quiet", "cascades");
    private static final Instant MONDAY = Instant.parse("2025-11-17T00:00:00Z");

    private Scenarios() {}

    public static Scenario named(String name, long seed) {
        return switch (name) {
            case "mixed" -> new Scenario("mixed", MONDAY, 7, services(), outages(new Random(seed)), decoys());
            case "quiet" -> new Scenario("quiet", MONDAY, 7, services(), List.of(), decoys());
            case "cascades" ->
                new Scenario("cascades", MONDAY, 7, cascadeServices(), cascades(new Random(seed)), List.of());
            default ->
                throw new IllegalArgumentException(
                        "unknown scenario \"" + name + "\" (built in: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The 23 simulated services: real catalog ids, each with its peak rate, home country and time zone. */
    public static List<Profile> services() {
        return List.of(
                new Profile("whatsapp", 30, "SA", 3),
                new Profile("facebook", 20, "EG", 2),
                new Profile("instagram", 18, "SA", 3),
                new Profile("messenger", 6, "EG", 2),
                new Profile("x", 15, "US", -5),
                new Profile("chatgpt", 12, "US", -5),
                new Profile("claude", 4, "US", -5),
                new Profile("canva", 5, "GB", 0),
                new Profile("spotify", 8, "GB", 0),
                new Profile("venmo", 3, "US", -5),
                new Profile("snapchat", 10, "SA", 3),
                new Profile("fortnite", 6, "US", -5),
                new Profile("signal", 2, "DE", 1),
                new Profile("stc", 8, "SA", 3),
                new Profile("talabat", 6, "KW", 3),
                new Profile("qiwa", 1, "SA", 3),
                new Profile("zoom", 4, "US", -5),
                new Profile("microsoft-365", 6, "GB", 0),
                new Profile("delta", 2, "US", -5),
                new Profile("absher", 3, "SA", 3),
                new Profile("careem", 2, "AE", 4),
                new Profile("vodafone-egypt", 5, "EG", 2),
                // a niche service: about one report an hour at its evening peak
                new Profile("nafath", 1 / 60.0, "SA", 3));
    }

    private static Instant at(int day, int hour, int minute, Random jitter) {
        return MONDAY.plus(Duration.ofDays(day).plusHours(hour).plusMinutes(minute + jitter.nextInt(121) - 60));
    }

    static List<Outage> outages(Random r) {
        var o = new ArrayList<Outage>();
        Instant meta = at(2, 15, 39, r);
        for (String s : List.of("facebook", "instagram", "whatsapp", "messenger")) {
            o.add(new Outage(s, meta, Duration.ofHours(6), 25, Shape.INSTANT, null, "meta-2021", "meta-network"));
        }
        o.add(new Outage("whatsapp", at(4, 6, 37, r), Duration.ofMinutes(60), 12, Shape.RAMP, null, "whatsapp-ramp"));
        o.add(new Outage("x", at(3, 13, 0, r), Duration.ofMinutes(90), 10, Shape.BURSTS, null, "x-bursts"));
        Instant cloudflare = at(5, 11, 20, r);
        for (String s : List.of("x", "chatgpt", "claude", "canva", "spotify")) {
            o.add(new Outage(
                    s, cloudflare, Duration.ofHours(3), 12, Shape.FLAP, null, "cloudflare-2025", "cloudflare"));
        }
        Instant aws = at(6, 6, 48, r);
        String[] cascade = {"venmo", "snapchat", "fortnite", "signal"};
        int[] offsets = {0, 10, 25, 40};
        int[] hours = {4, 3, 5, 2};
        for (int i = 0; i < cascade.length; i++) {
            o.add(new Outage(
                    cascade[i],
                    aws.plus(Duration.ofMinutes(offsets[i])),
                    Duration.ofHours(hours[i]),
                    6,
                    Shape.INSTANT,
                    null,
                    "aws-2025",
                    "aws-us-east-1"));
        }
        o.add(new Outage("stc", at(1, 18, 0, r), Duration.ofMinutes(45), 8, Shape.INSTANT, "SA", "regional"));
        // WhatsApp down in Egypt only: 10x there is +25% on the global count, which only the
        // per-country series can see
        o.add(new Outage(
                "whatsapp", at(5, 18, 0, r), Duration.ofMinutes(40), 10, Shape.INSTANT, "EG", "regional-hidden"));
        o.add(new Outage("qiwa", at(3, 10, 0, r), Duration.ofMinutes(30), 20, Shape.INSTANT, "SA", "small-service"));
        o.add(new Outage("talabat", at(4, 0, 0, r), Duration.ofMinutes(20), 10, Shape.INSTANT, "KW", "night"));
        o.add(new Outage("zoom", at(2, 14, 0, r), Duration.ofHours(2), 6, Shape.DEGRADE, null, "slow-degradation"));
        o.add(new Outage("microsoft-365", at(1, 21, 56, r), Duration.ofHours(3), 8, Shape.INSTANT, null, "azure-2024"));
        o.add(new Outage("delta", at(2, 4, 9, r), Duration.ofHours(2), 10, Shape.INSTANT, null, "crowdstrike-2024"));
        // quiet series (issue 18): a niche service at 150x for half an hour, and one country at night
        // (spotify in Morocco at 03:00: one report in ten minutes) at about one report a minute for 75 minutes
        o.add(new Outage("nafath", at(4, 11, 0, r), Duration.ofMinutes(30), 150, Shape.INSTANT, null, "niche-service"));
        o.add(new Outage(
                "spotify", at(2, 3, 0, r), Duration.ofMinutes(75), 15, Shape.INSTANT, "MA", "country-at-night"));
        return o;
    }

    /** The services of the cascades week: the usual ones, and Discord (its catalog entry names Google Cloud only). */
    public static List<Profile> cascadeServices() {
        var all = new ArrayList<>(services());
        all.add(new Profile("discord", 6, "US", -5));
        return List.copyOf(all);
    }

    /**
     * Cascades as they really happen (issue 18, ../shared/facts/incidents.md): AWS us-east-1's
     * victims failing over an hour and again in a second wave after a partial recovery; Cloudflare
     * flapping every five minutes with victims joining late; a service whose catalog entry does not
     * list the failing provider failing with its dependents; and two unrelated failures at the same
     * time, which must stay apart (cause "": no common cause).
     */
    static List<Outage> cascades(Random r) {
        var o = new ArrayList<Outage>();
        Instant aws = at(1, 7, 0, r);
        String[] victims = {"venmo", "snapchat", "fortnite", "signal"};
        int[] late = {0, 10, 45, 100}; // gaps of 35 and 55 minutes: longer than the window that chains onsets
        for (int i = 0; i < victims.length; i++) {
            o.add(new Outage(
                    victims[i],
                    aws.plus(Duration.ofMinutes(late[i])),
                    Duration.ofHours(2),
                    8,
                    Shape.INSTANT,
                    null,
                    "aws-staggered",
                    "aws-us-east-1"));
        }
        Instant second = aws.plus(Duration.ofHours(5)); // after a partial recovery
        for (String v : List.of("venmo", "snapchat", "fortnite")) {
            o.add(new Outage(
                    v,
                    second.plus(Duration.ofMinutes(5L * o.size() % 20)),
                    Duration.ofMinutes(90),
                    8,
                    Shape.INSTANT,
                    null,
                    "aws-second-wave",
                    "aws-us-east-1"));
        }
        Instant cloudflare = at(3, 11, 20, r);
        String[] edge = {"x", "chatgpt", "claude", "canva", "spotify"};
        int[] joins = {0, 2, 4, 20, 45};
        for (int i = 0; i < edge.length; i++) {
            o.add(new Outage(
                    edge[i],
                    cloudflare.plus(Duration.ofMinutes(joins[i])),
                    Duration.ofMinutes(120 - joins[i]),
                    12,
                    Shape.BURSTS,
                    null,
                    "cloudflare-flapping",
                    "cloudflare"));
        }
        Instant unlisted = at(5, 14, 0, r);
        for (String s : List.of("x", "chatgpt", "canva")) {
            o.add(new Outage(
                    s, unlisted, Duration.ofMinutes(60), 10, Shape.INSTANT, null, "cloudflare-again", "cloudflare"));
        }
        o.add(new Outage(
                "discord",
                unlisted.plus(Duration.ofMinutes(1)),
                Duration.ofMinutes(60),
                10,
                Shape.INSTANT,
                null,
                "unlisted-dependency",
                "cloudflare"));
        Instant pair = at(4, 21, 56, r);
        o.add(new Outage("microsoft-365", pair, Duration.ofHours(3), 8, Shape.INSTANT, null, "coincidence", ""));
        o.add(new Outage(
                "delta",
                pair.plus(Duration.ofMinutes(13)),
                Duration.ofHours(2),
                10,
                Shape.INSTANT,
                null,
                "coincidence",
                ""));
        return o;
    }

    static List<Decoy> decoys() {
        return List.of(
                new Decoy(
                        "x",
                        MONDAY.plus(Duration.ofDays(1).plusHours(12)),
                        Duration.ofMinutes(40),
                        Decoy.Kind.NEWS_BUMP,
                        1.8,
                        "news-x"),
                new Decoy(
                        "chatgpt",
                        MONDAY.plus(Duration.ofDays(4).plusHours(17)),
                        Duration.ofMinutes(20),
                        Decoy.Kind.NEWS_BUMP,
                        2.0,
                        "news-chatgpt"),
                new Decoy(
                        "absher",
                        MONDAY.plus(Duration.ofDays(3).plusHours(9)),
                        Duration.ofMinutes(15),
                        Decoy.Kind.REPORT_BOMBING,
                        20,
                        "bomb-absher"),
                new Decoy(
                        "careem",
                        MONDAY.plus(Duration.ofDays(5).plusHours(2)),
                        Duration.ofMinutes(15),
                        Decoy.Kind.REPORT_BOMBING,
                        20,
                        "bomb-careem"));
    }
}
