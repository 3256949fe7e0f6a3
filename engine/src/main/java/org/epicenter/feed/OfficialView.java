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
public record OfficialView(OfficialState state, Instant since, List<FeedSnapshot.Component> components,
                           List<FeedSnapshot.Incident> open, List<FeedSnapshot.Incident> maintenance) {
    /** An incident posted longer ago than this and never closed is stale, not open (pages forget to close some). */
    public static final Duration STALE = Duration.ofDays(7);
    /** An RSS or Atom post counts this long: posts are never closed, only followed by another. */
    public static final Duration POST_LIFE = Duration.ofHours(24);

    public static final OfficialView NONE = new OfficialView(OfficialState.OPERATIONAL, null, List.of(), List.of(), List.of());

    public OfficialView {
        components = List.copyOf(components);
        open = List.copyOf(open);
        maintenance = List.copyOf(maintenance);
    }

    /** The feed's incidents that concern this entry (see {@link FeedSpec} for how components pick). */
    public static List<FeedSnapshot.Incident> relevant(FeedSpec spec, FeedSnapshot snapshot) {
        List<String> picks = spec.picks().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        if (picks.isEmpty()) {
            return snapshot.incidents();
        }
        var out = new ArrayList<FeedSnapshot.Incident>();
        for (FeedSnapshot.Incident i : snapshot.incidents()) {
            String title = i.title().toLowerCase(Locale.ROOT);
            boolean named = picks.stream().anyMatch(title::contains);
            boolean touches = i.affected().stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(picks::contains);
            // a page with components that does not say which an incident touches leaves it on every one
            boolean unsaid = i.affected().isEmpty() && !snapshot.components().isEmpty();
            if (named || touches || unsaid) {
                out.add(i);
            }
        }
        return out;
    }

    /** The official word for an entry from one feed's snapshot at {@code now}. */
    public static OfficialView of(FeedSpec spec, FeedSnapshot snapshot, Instant now) {
        List<String> picks = spec.picks().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        List<FeedSnapshot.Component> components = snapshot.components().stream()
                .filter(c -> picks.isEmpty() || picks.contains(c.name().toLowerCase(Locale.ROOT))).toList();
        OfficialState state = OfficialState.OPERATIONAL;
        for (FeedSnapshot.Component c : components) {
            state = state.worse(c.state());
        }
        List<FeedSnapshot.Incident> relevant = relevant(spec, snapshot);
        var open = new ArrayList<FeedSnapshot.Incident>();
        if (spec.format() == FeedFormat.RSS) {
            // posts: the newest one about this entry says how it stands
            relevant.stream().filter(i -> !i.maintenance()).max(Comparator.comparing(FeedSnapshot.Incident::created))
                    .filter(i -> i.resolved() == null && i.impact() != OfficialState.OPERATIONAL
                            && i.created().isAfter(now.minus(POST_LIFE)) && !i.created().isAfter(now.plus(POST_LIFE)))
                    .ifPresent(open::add);
        } else {
            relevant.stream().filter(i -> !i.maintenance() && i.resolved() == null && i.created().isAfter(now.minus(STALE)))
                    .forEach(open::add);
        }
        Instant since = null;
        for (FeedSnapshot.Incident i : open) {
            state = state.worse(i.impact());
            since = since == null || i.created().isBefore(since) ? i.created() : since;
        }
        var maintenance = new ArrayList<FeedSnapshot.Incident>();
        for (FeedSnapshot.Incident i : relevant) {
            if (i.maintenance() && i.resolved() == null && (i.until() == null || i.until().isAfter(now))) {
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
        return maintenance.from() != null && !now.isBefore(maintenance.from()) && (maintenance.until() == null || now.isBefore(maintenance.until()))
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
        Instant s = since == null ? other.since : other.since == null || since.isBefore(other.since) ? since : other.since;
        return new OfficialView(state.worse(other.state), s, c, o, m);
    }
}
