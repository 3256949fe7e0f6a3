package org.epicenter.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which notifications are due, the way Alertmanager does, from what is true now and what
 * was already queued (the {@link Ledger}). The planner keeps no state of its own: run it again on
 * the same facts and it asks for nothing new, so a restart neither loses nor repeats an alert.
 *
 * <ul>
 * <li><b>Group wait.</b> A lone incident is told {@link Settings#groupWait} after its confirmation,
 * so that a cascade still forming is told once, as its cause.</li>
 * <li><b>Inhibition.</b> An incident attributed to a cause is not told on its own. It is still
 * recorded, and its resolution is still told if its firing already went out.</li>
 * <li><b>Group interval.</b> A cause that grows is told again at most every {@link Settings#groupInterval}.</li>
 * <li><b>Repeat.</b> An alert still open is told again {@link Settings#repeatInterval} after it was last told.</li>
 * <li><b>Silences and maintenance.</b> A silenced alert, or one during announced maintenance, is
 * recorded as suppressed and not sent.</li>
 * </ul>
 */
public final class AlertPlanner {
    /**
     * @param groupWait      how long a lone incident waits for a cause to form
     * @param groupInterval  the least time between two notifications of one growing cause
     * @param repeatInterval how often an open alert is told again
     */
    public record Settings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofHours(4));
        }
    }

    /** What has been queued before, per subscription and alert group. */
    public interface Ledger {
        /** True when a notification with this key is queued, sent or suppressed already. */
        boolean has(String key);

        /** When the last notification of this subscription and group was queued; null if none. */
        Instant last(String subscription, String group);

        /** How many services the last notification of this subscription and group named (0 if none). */
        int lastSize(String subscription, String group);
    }

    /**
     * A notification to queue.
     *
     * @param key        unique forever (also the receiver's idempotency key)
     * @param kind       firing, update, repeat or resolved
     * @param suppressed why it is recorded without being sent (silenced, maintenance, inhibited); null to send
     */
    public record Notification(
            String key, String subscription, String group, String kind, Alert alert, String suppressed) {}

    private final Settings settings;

    public AlertPlanner(Settings settings) {
        this.settings = settings;
    }

    public List<Notification> plan(
            Instant now, List<Subscription> subscriptions, List<Alert> alerts, List<Silence> silences, Ledger ledger) {
        var out = new ArrayList<Notification>();
        for (Alert a : alerts) {
            String silenced = silences.stream()
                    .filter(s -> s.covers(a, now))
                    .map(Silence::id)
                    .findFirst()
                    .orElse(null);
            for (Subscription sub : subscriptions) {
                if (!sub.matches(a)) {
                    continue;
                }
                String base = sub.id() + "|" + a.group() + "|";
                boolean fired = ledger.has(base + "firing");
                if (!fired) {
                    if (a.end() != null) {
                        continue; // over before it was ever told: history, not news
                    }
                    String why = a.inhibitedBy() != null
                            ? "inhibited by " + a.inhibitedBy()
                            : silenced != null
                                    ? "silenced by " + silenced
                                    : a.maintenance() ? "during announced maintenance" : null;
                    if (why != null) {
                        add(out, ledger, base + "suppressed", sub, a, "firing", why);
                        continue;
                    }
                    if (a.provider() == null
                            && a.confirmed() != null
                            && now.isBefore(a.confirmed().plus(settings.groupWait()))) {
                        continue; // a cause may still form
                    }
                    add(out, ledger, base + "firing", sub, a, "firing", null);
                    continue;
                }
                if (a.end() != null) {
                    add(out, ledger, base + "resolved", sub, a, "resolved", null);
                    continue;
                }
                if (a.inhibitedBy() != null) {
                    continue; // told once alone, now part of a cause: the cause speaks until it ends
                }
                Instant last = ledger.last(sub.id(), a.group());
                if (a.provider() != null
                        && a.services().size() > ledger.lastSize(sub.id(), a.group())
                        && last != null
                        && !now.isBefore(last.plus(settings.groupInterval()))) {
                    add(
                            out,
                            ledger,
                            base + "update-" + a.services().size(),
                            sub,
                            a,
                            "update",
                            silenced == null ? null : "silenced by " + silenced);
                    continue;
                }
                long repeats = Duration.between(a.confirmed() == null ? a.start() : a.confirmed(), now)
                                .toMillis()
                        / settings.repeatInterval().toMillis();
                if (last != null && !now.isBefore(last.plus(settings.repeatInterval())) && repeats >= 1) {
                    add(
                            out,
                            ledger,
                            base + "repeat-" + repeats,
                            sub,
                            a,
                            "repeat",
                            silenced == null ? null : "silenced by " + silenced);
                }
            }
        }
        return out;
    }

    /**
     * Alerts told and not yet resolved that are no longer among {@code current} (a regional incident
     * merged into a global one, a suspicion withdrawn, a cause regrouped) end now, so that no
     * subscriber is left with an alert that never resolves.
     *
     * @param told the last alert told for each group still open for some subscription
     */
    public static List<Alert> vanished(List<Alert> current, java.util.Map<String, Alert> told, Instant now) {
        var present = new java.util.HashSet<String>();
        current.forEach(a -> present.add(a.group()));
        var out = new ArrayList<Alert>();
        for (Alert a : told.values()) {
            if (!present.contains(a.group()) && a.end() == null) {
                out.add(new Alert(
                        a.group(),
                        a.provider(),
                        a.services(),
                        a.categories(),
                        a.countries(),
                        a.start(),
                        a.confirmed(),
                        now,
                        a.title(),
                        "No longer reported on its own (merged into a larger incident, or its evidence was withdrawn).",
                        a.confidence(),
                        false,
                        null));
            }
        }
        return out;
    }

    private static void add(
            List<Notification> out,
            Ledger ledger,
            String key,
            Subscription sub,
            Alert a,
            String kind,
            String suppressed) {
        if (!ledger.has(key)) {
            out.add(new Notification(key, sub.id(), a.group(), kind, a, suppressed));
        }
    }
}
