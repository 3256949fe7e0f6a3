package org.epicenter.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.epicenter.catalog.FeedFormat;
import org.epicenter.catalog.FeedSpec;

/**
 * What the official word is for one catalog entry, from the feeds it maps to.
 *
 * @param state       the worst of its components and its open incidents; maintenance while a window is on
 * @param since       when the oldest open incident was posted (null while operational)
 * @param components  the page's components that are this entry
 * @param open        open incidents, newest first
 * @param maintenance announced maintenance windows, current and coming
 */
public record OfficialView(
        OfficialState state,
        Instant since,
        List<FeedSnapshot.Component> components,
        List<FeedSnapshot.Incident> open,
        List<FeedSnapshot.Incident> maintenance) {
    /** An incident posted longer ago than this and never closed is stale, not open (pages forget to close some). */
    public static final Duration STALE = Duration.ofDays(7);
    /** An RSS or Atom post counts this long: posts are never closed, only followed by another. */
    public static final Duration POST_LIFE = Duration.ofHours(24);

    public static final OfficialView NONE =
            new OfficialView(OfficialState.OPERATIONAL, null, List.of(), List.of(), List.of());

    public OfficialView {
        components = List.copyOf(components);
        open = List.copyOf(open);
        maintenance = List.copyOf(maintenance);
    }

    /** The feed's incidents that concern this entry (see {@link FeedSpec} for how components pick). */
    public static List<FeedSnapshot.Incident> relevant(FeedSpec spec, FeedSnapshot snapshot) {
        List<String> picks =
                spec.picks().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        if (picks.isEmpty()) {
            return snapshot.incidents();
        }
        var out = new ArrayList<FeedSnapshot.Incident>();
        for (FeedSnapshot.Incident i : snapshot.incidents()) {
            String title = i.title().toLowerCase(Locale.ROOT);
            boolean named = picks.stream().anyMatch(title::contains);
            boolean touches =
                    i.affected().stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(picks::contains);
            // a page with components that does not say which an incident touches leaves it on every one
            boolean unsaid = i.affected().isEmpty() && !snapshot.components().isEmpty();
            if (named || touches || unsaid) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The entry's incidents with the ends the page implies but does not write: an RSS or Atom post
     * ends when the next post about the entry comes or after {@link #POST_LIFE} (a post that says
     * all is well ends at once); an incident never closed ends {@link #STALE} after it was posted.
     */
    public static List<FeedSnapshot.Incident> settled(FeedSpec spec, FeedSnapshot snapshot, Instant now) {
        List<FeedSnapshot.Incident> relevant = relevant(spec, snapshot);
        var out = new ArrayList<FeedSnapshot.Incident>(relevant.size());
        if (spec.format() == FeedFormat.RSS) {
            List<FeedSnapshot.Incident> posts = relevant.stream()
                    .filter(i -> !i.maintenance())
                    .sorted(Comparator.comparing(FeedSnapshot.Incident::created))
                    .toList();
            for (FeedSnapshot.Incident i : relevant) {
                if (i.maintenance() || i.resolved() != null) {
                    out.add(i);
                } else if (i.impact() == OfficialState.OPERATIONAL) {
                    out.add(ended(i, i.created()));
                } else {
                    Instant next = posts.stream()
                            .map(FeedSnapshot.Incident::created)
                            .filter(t -> t.isAfter(i.created()))
                            .findFirst()
                            .orElse(null);
                    Instant expiry = i.created().plus(POST_LIFE);
                    out.add(next != null ? ended(i, next) : expiry.isAfter(now) ? i : ended(i, expiry));
                }
            }
        } else {
            for (FeedSnapshot.Incident i : relevant) {
                out.add(
                        i.resolved() == null && !i.maintenance() && !i.created().isAfter(now.minus(STALE))
                                ? ended(i, i.created().plus(STALE))
                                : i);
            }
        }
        return out;
    }

    private static FeedSnapshot.Incident ended(FeedSnapshot.Incident i, Instant end) {
        return new FeedSnapshot.Incident(
                i.id(),
                i.title(),
                "resolved",
                i.impact(),
                i.created(),
                i.updated(),
                end,
                i.link(),
                i.maintenance(),
                i.from(),
                i.until(),
                i.updates(),
                i.affected());
    }

    /** The official word for an entry from one feed's snapshot at {@code now}. */
    public static OfficialView of(FeedSpec spec, FeedSnapshot snapshot, Instant now) {
        List<String> picks =
                spec.picks().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        List<FeedSnapshot.Component> components = snapshot.components().stream()
                .filter(c -> picks.isEmpty() || picks.contains(c.name().toLowerCase(Locale.ROOT)))
                .toList();
        OfficialState state = OfficialState.OPERATIONAL;
        for (FeedSnapshot.Component c : components) {
            state = state.worse(c.state());
        }
        List<FeedSnapshot.Incident> relevant = settled(spec, snapshot, now);
        var open = new ArrayList<FeedSnapshot.Incident>();
        relevant.stream()
                .filter(i -> !i.maintenance() && i.resolved() == null && i.impact() != OfficialState.OPERATIONAL)
                .sorted(Comparator.comparing(FeedSnapshot.Incident::created).reversed())
                .forEach(open::add);
        Instant since = null;
        for (FeedSnapshot.Incident i : open) {
            state = state.worse(i.impact());
            since = since == null || i.created().isBefore(since) ? i.created() : since;
        }
        var maintenance = new ArrayList<FeedSnapshot.Incident>();
        for (FeedSnapshot.Incident i : relevant) {
            if (i.maintenance()
                    && i.resolved() == null
                    && (i.until() == null || i.until().isAfter(now))) {
                maintenance.add(i);
                if (inWindow(i, now)) {
                    state = state.worse(OfficialState.MAINTENANCE);
                }
            }
        }
        return new OfficialView(state, since, components, open, maintenance);
    }

    /** True while {@code now} is inside the window (a window without an end lasts until it is closed). */
    public static boolean inWindow(FeedSnapshot.Incident maintenance, Instant now) {
        return maintenance.from() != null
                        && !now.isBefore(maintenance.from())
                        && (maintenance.until() == null || now.isBefore(maintenance.until()))
                || maintenance.from() == null && "in_progress".equals(maintenance.state());
    }

    /** Both views of an entry with two feeds: the worse state, every incident and window. */
    public OfficialView merge(OfficialView other) {
        var o = new ArrayList<>(open);
        o.addAll(other.open);
        o.sort(Comparator.comparing(FeedSnapshot.Incident::created).reversed());
        var m = new ArrayList<>(maintenance);
        m.addAll(other.maintenance);
        var c = new ArrayList<>(components);
        c.addAll(other.components);
        Instant s =
                since == null ? other.since : other.since == null || since.isBefore(other.since) ? since : other.since;
        return new OfficialView(state.worse(other.state), s, c, o, m);
    }
}
