package org.epicenter.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.epicenter.catalog.Catalog;
import org.epicenter.social.PostClassifier;
import org.epicenter.store.SecretStore;
import org.epicenter.store.SocialStore;

/**
 * Social posts as a signal (issue 21): each post taken in is read by the {@link PostClassifier},
 * stored with its verdict (the author as a keyed hash, the text for {@link #TEXT_DAYS} days), and
 * counted per service and minute. What counts is people, not posts: an author counts once per
 * window, and one text posted by many new accounts (a bot burst) counts for at most
 * {@link #SAME_TEXT} of them.
 */
public final class SocialService {
    /** Days a post's text is kept; after that only its id, link, time, service, language and author hash. */
    public static final int TEXT_DAYS = 7;
    /** Days a post is kept at all. */
    public static final int KEEP_DAYS = 30;
    /** Authors of one identical text that count in a window. */
    static final int SAME_TEXT = 3;
    /** Authors of outage posts in the window around an incident that make "social" one of its signals. */
    public static final int CORROBORATE = 5;
    /** How far back a service's page lists posts. */
    public static final Duration RECENT = Duration.ofHours(6);
    /** The window people are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** An account younger than this when it posts is new: its copied texts count little. */
    public static final Duration NEW_ACCOUNT = Duration.ofDays(30);

    /**
     * A post as a source gives it.
     *
     * @param authorSince when the author's account was made, or null when the source does not say
     */
    public record Incoming(
            String source, String id, Instant at, String text, String author, String link, Instant authorSince) {
        public Incoming(String source, String id, Instant at, String text, String author, String link) {
            this(source, id, at, text, author, link, null);
        }

        public boolean newAccount() {
            return authorSince != null && authorSince.isAfter(at.minus(NEW_ACCOUNT));
        }
    }

    /** What became of one post: stored (or already known), with the classifier's verdict. */
    public record Taken(String id, boolean duplicate, String service, boolean outage, String why) {}

    private record Mark(String author, String text, boolean newAccount) {}

    /** Once announced, a service is announced again only after this. */
    static final Duration ANNOUNCE_EVERY = Duration.ofMinutes(30);

    private final Supplier<Catalog> catalog;
    private final LiveDetection.Listener events;
    private final Map<String, Instant> announced = new HashMap<>();
    private final SocialStore store;
    private final Clock clock;
    private final SecretStore secrets;
    private volatile byte[] key;
    private volatile Catalog classifiedWith;
    private volatile PostClassifier classifier;
    /** service -> minute -> who posted what (author hash, text hash), outage posts only. */
    private final Map<String, TreeMap<Long, List<Mark>>> minutes = new HashMap<>();

    public SocialService(Supplier<Catalog> catalog, SocialStore store, SecretStore secrets, Clock clock) {
        this(catalog, store, secrets, clock, null);
    }

    /** With {@code events}: told ({@code social.posts}) when enough people post that a service is down. */
    public SocialService(
            Supplier<Catalog> catalog,
            SocialStore store,
            SecretStore secrets,
            Clock clock,
            LiveDetection.Listener events) {
        this.events = events;
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.secrets = secrets;
        String k = secrets.setting("social.author-key").orElse(null);
        if (k == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            secrets.putSetting("social.author-key", HexFormat.of().formatHex(fresh));
            k = secrets.setting("social.author-key").orElseThrow();
        }
        this.key = HexFormat.of().parseHex(k);
        reload(clock.instant());
    }

    /**
     * Counts again from the store the outage posts of the last day: at start, and in cluster mode
     * once a minute, so posts pushed to any node count on every node.
     */
    public void reload(Instant now) {
        // two nodes started together on an empty store may each have made a key: the stored one wins
        secrets.setting("social.author-key").ifPresent(k -> key = HexFormat.of().parseHex(k));
        var fresh = new HashMap<String, TreeMap<Long, List<Mark>>>();
        for (SocialStore.Post p : store.outagesSince(now.minus(Duration.ofDays(1)))) {
            mark(fresh, p.service(), p.at(), p.author(), p.text() == null ? p.id() : p.text(), p.newAccount());
        }
        synchronized (this) {
            minutes.clear();
            minutes.putAll(fresh);
        }
    }

    private PostClassifier classifier() {
        Catalog c = catalog.get();
        if (c != classifiedWith) {
            classifier = new PostClassifier(c);
            classifiedWith = c;
        }
        return classifier;
    }

    /** Reads, stores and counts each post, in order. */
    public List<Taken> take(List<Incoming> posts) {
        var out = new ArrayList<Taken>(posts.size());
        PostClassifier reader = classifier();
        Instant now = clock.instant();
        for (Incoming in : posts) {
            if (in.at().isAfter(now.plus(Duration.ofMinutes(5)))
                    || in.at().isBefore(now.minus(Duration.ofDays(KEEP_DAYS)))) {
                out.add(new Taken(
                        in.id(),
                        true,
                        null,
                        false,
                        "not taken: dated " + in.at() + ", not within 5 minutes ahead" + " and " + KEEP_DAYS
                                + " days back"));
                continue;
            }
            var v = reader.classify(new PostClassifier.Post(in.id(), in.at(), in.text()));
            String author = hash(
                    in.source().startsWith("fediverse")
                            ? "fediverse\u0000" + in.author()
                            : in.source() + "\u0000" + in.author());
            boolean fresh = store.add(new SocialStore.Post(
                    in.source(),
                    in.id(),
                    in.link(),
                    in.at(),
                    v.service(),
                    v.outage(),
                    v.lang(),
                    author,
                    in.text(),
                    v.why(),
                    in.newAccount()));
            if (fresh && v.outage() && v.service() != null) {
                remember(v.service(), in.at(), author, in.text(), in.newAccount());
            }
            out.add(new Taken(in.id(), !fresh, v.service(), v.outage(), v.why()));
        }
        announce(out.stream()
                .filter(t -> t.outage() && !t.duplicate() && t.service() != null)
                .map(Taken::service)
                .distinct()
                .toList());
        return out;
    }

    /** {@code social.posts} for each of these services that has {@link #CORROBORATE} people in the last window. */
    private void announce(List<String> services) {
        if (events == null || services.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        for (String service : services) {
            int people = people(service, since, now.plusSeconds(60));
            if (people < CORROBORATE) {
                continue;
            }
            synchronized (this) {
                Instant last = announced.get(service);
                if (last != null && last.isAfter(now.minus(ANNOUNCE_EVERY))) {
                    continue;
                }
                announced.put(service, now);
            }
            var data = new java.util.LinkedHashMap<String, Object>();
            data.put("service", service);
            data.put("people", people);
            data.put("since", since);
            data.put("at", now);
            events.changed(new Event.SocialPosts(data));
        }
    }

    private synchronized void remember(String service, Instant at, String author, String text, boolean newAccount) {
        mark(minutes, service, at, author, text, newAccount);
    }

    /** Puts one outage post in its service's minute. */
    private void mark(
            Map<String, TreeMap<Long, List<Mark>>> into,
            String service,
            Instant at,
            String author,
            String text,
            boolean newAccount) {
        if (service != null) {
            into.computeIfAbsent(service, s -> new TreeMap<>())
                    .computeIfAbsent(Math.floorDiv(at.getEpochSecond(), 60), m -> new ArrayList<>())
                    .add(new Mark(author, hash(copyForm(text)), newAccount));
        }
    }

    /** A service's minutes that {@code [from, to)} touches (empty when it has none). */
    private java.util.NavigableMap<Long, List<Mark>> minutesIn(String service, Instant from, Instant to) {
        var byMinute = minutes.get(service);
        return byMinute == null
                ? java.util.Collections.emptyNavigableMap()
                : byMinute.subMap(
                        Math.floorDiv(from.getEpochSecond(), 60),
                        true,
                        Math.floorDiv(to.getEpochSecond() - 1, 60),
                        true);
    }

    /**
     * People who posted that the service is out in {@code [from, to)}: each author once, and one
     * text from new accounts (a bot burst) for at most {@link #SAME_TEXT} of them.
     */
    public synchronized int people(String service, Instant from, Instant to) {
        Instant latest = clock.instant().plusSeconds(60);
        if (to.isAfter(latest)) {
            to = latest; // an open incident asks up to its end, which is not yet: no post from the future counts
        }
        if (!to.isAfter(from)) {
            return 0;
        }
        Set<String> authors = new HashSet<>();
        Map<String, Integer> perText = new HashMap<>();
        for (List<Mark> marks : minutesIn(service, from, to).values()) {
            for (Mark m : marks) {
                if (authors.contains(m.author())) {
                    continue;
                }
                if (m.newAccount()) {
                    if (perText.getOrDefault(m.text(), 0) >= SAME_TEXT) {
                        continue;
                    }
                    perText.merge(m.text(), 1, Integer::sum);
                }
                authors.add(m.author());
            }
        }
        return authors.size();
    }

    /** Outage posts of each minute in {@code [from, to)} (posts, not people), for the chart. */
    public synchronized Map<Long, Integer> perMinute(String service, Instant from, Instant to) {
        var out = new TreeMap<Long, Integer>();
        minutesIn(service, from, to).forEach((m, marks) -> out.put(m, marks.size()));
        return out;
    }

    /** A service's outage posts of the last {@link #RECENT}, newest first (those whose text is still kept). */
    public List<SocialStore.Post> recent(String service, int limit) {
        Instant now = clock.instant();
        return store.outages(service, now.minus(RECENT), now.plusSeconds(60), limit).stream()
                .filter(p -> p.text() != null)
                .toList();
    }

    /** Forgets texts after {@link #TEXT_DAYS}, posts after {@link #KEEP_DAYS}, counts after a day. */
    public void prune(Instant now) {
        store.forgetTextBefore(now.minus(Duration.ofDays(TEXT_DAYS)));
        store.deleteBefore(now.minus(Duration.ofDays(KEEP_DAYS)));
        long oldest = Math.floorDiv(now.minus(Duration.ofDays(1)).getEpochSecond(), 60);
        synchronized (this) {
            announced.values().removeIf(t -> t.isBefore(now.minus(ANNOUNCE_EVERY)));
            minutes.values().forEach(m -> m.headMap(oldest).clear());
            minutes.values().removeIf(Map::isEmpty);
        }
    }

    /** A text as the copy rule compares it: letters only, lower case ("WhatsApp is down!!1" and "whatsapp is down." are one text). */
    static String copyForm(String text) {
        return text.replaceAll("[^\\p{L}]+", "").toLowerCase(java.util.Locale.ROOT);
    }

    private String hash(String s) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
