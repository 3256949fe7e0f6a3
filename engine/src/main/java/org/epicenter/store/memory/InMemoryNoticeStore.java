package org.epicenter.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.epicenter.store.NoticeStore;

/** Notices in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryNoticeStore implements NoticeStore {
    private static final Set<String> UNFINISHED = Set.of("unconfirmed", "watching");
    private final LinkedHashMap<String, Notice> notices = new LinkedHashMap<>();

    @Override
    public synchronized Notice add(Notice n) {
        for (Notice o : notices.values()) {
            if (o.emailKey().equals(n.emailKey())
                    && o.service().equals(n.service())
                    && UNFINISHED.contains(o.state())) {
                return o;
            }
        }
        notices.put(n.id(), n);
        return n;
    }

    @Override
    public synchronized Optional<Notice> notice(String id) {
        return Optional.ofNullable(notices.get(id));
    }

    @Override
    public synchronized boolean update(Notice n, String expectedState) {
        Notice stored = notices.get(n.id());
        if (stored == null || !stored.state().equals(expectedState)) {
            return false;
        }
        notices.put(n.id(), n);
        return true;
    }

    @Override
    public synchronized List<Notice> inState(String state, int limit) {
        return notices.values().stream()
                .filter(n -> n.state().equals(state))
                .sorted(Comparator.comparing(Notice::created))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Notice> mailDue(Instant now, int limit) {
        return notices.values().stream()
                .filter(n -> n.mail() != null && !n.nextAttempt().isAfter(now))
                .sorted(Comparator.comparing(Notice::nextAttempt).thenComparing(Notice::created))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int countByAddressSince(String emailKey, Instant since) {
        return (int) notices.values().stream()
                .filter(n -> n.emailKey().equals(emailKey) && !n.created().isBefore(since))
                .count();
    }

    @Override
    public synchronized int countSince(Instant since) {
        return (int) notices.values().stream()
                .filter(n -> !n.created().isBefore(since))
                .count();
    }

    @Override
    public synchronized int deleteBefore(Instant before) {
        int n = notices.size();
        notices.values().removeIf(x -> x.created().isBefore(before));
        return n - notices.size();
    }
}
