package org.epicenter.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.epicenter.store.AlertStore.Entry;

/** Subscriptions, silences and the alert outbox in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryAlertStore implements org.epicenter.store.AlertStore {
    private final java.util.TreeMap<String, org.epicenter.alert.Subscription> subscriptions = new java.util.TreeMap<>();
    private final java.util.TreeMap<String, org.epicenter.alert.Silence> silences = new java.util.TreeMap<>();
    private final java.util.LinkedHashMap<String, Entry> outbox = new java.util.LinkedHashMap<>();

    @Override
    public synchronized void putSubscription(org.epicenter.alert.Subscription s) {
        subscriptions.put(s.id(), s);
    }

    @Override
    public synchronized boolean deleteSubscription(String id) {
        return subscriptions.remove(id) != null;
    }

    @Override
    public synchronized List<org.epicenter.alert.Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    @Override
    public synchronized void putSilence(org.epicenter.alert.Silence s) {
        silences.put(s.id(), s);
    }

    @Override
    public synchronized boolean deleteSilence(String id) {
        return silences.remove(id) != null;
    }

    @Override
    public synchronized List<org.epicenter.alert.Silence> silences() {
        return List.copyOf(silences.values());
    }

    @Override
    public synchronized void enqueue(List<Entry> entries) {
        entries.forEach(e -> outbox.putIfAbsent(e.key(), e));
    }

    @Override
    public synchronized Optional<Entry> entry(String key) {
        return Optional.ofNullable(outbox.get(key));
    }

    @Override
    public synchronized List<Entry> due(Instant now, int limit) {
        return outbox.values().stream()
                .filter(e -> e.state().equals("pending") && !e.nextAttempt().isAfter(now))
                .sorted(Comparator.comparing(Entry::nextAttempt).thenComparing(Entry::created))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Entry> entriesSince(Instant since) {
        return outbox.values().stream()
                .filter(e -> !e.created().isBefore(since))
                .sorted(Comparator.comparing(Entry::created))
                .toList();
    }

    @Override
    public synchronized int deleteEntriesBefore(Instant before) {
        int n = outbox.size();
        outbox.values().removeIf(e -> e.created().isBefore(before) && !e.state().equals("pending"));
        return n - outbox.size();
    }

    @Override
    public synchronized boolean claim(String key, int attempts, Instant expectedNext, Instant leaseUntil) {
        Entry e = outbox.get(key);
        if (e == null
                || !e.state().equals("pending")
                || e.attempts() != attempts
                || !e.nextAttempt().equals(expectedNext)) {
            return false;
        }
        attempted(key, e.state(), e.attempts(), leaseUntil, e.lastError(), e.sent());
        return true;
    }

    @Override
    public synchronized void attempted(
            String key, String state, int attempts, Instant nextAttempt, String error, Instant sent) {
        Entry e = outbox.get(key);
        if (e != null) {
            outbox.put(
                    key,
                    new Entry(
                            e.key(),
                            e.subscription(),
                            e.group(),
                            e.kind(),
                            state,
                            e.size(),
                            e.payload(),
                            attempts,
                            nextAttempt,
                            error,
                            e.created(),
                            sent));
        }
    }
}
