package org.epicenter.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Official incidents in memory: one facet of {@link InMemoryStorage}. */
final class InMemoryOfficialStore implements org.epicenter.store.OfficialStore {
    private final java.util.LinkedHashMap<String, org.epicenter.feed.OfficialRecord> official =
            new java.util.LinkedHashMap<>();

    @Override
    public synchronized void saveOfficial(List<org.epicenter.feed.OfficialRecord> records) {
        for (var r : records) {
            var known = official.get(r.key());
            official.put(
                    r.key(),
                    known == null
                            ? r
                            : new org.epicenter.feed.OfficialRecord(
                                    r.entry(), r.feed(), r.incident(), known.firstSeen()));
        }
    }

    @Override
    public synchronized List<org.epicenter.feed.OfficialRecord> officialSince(Instant since) {
        return official.values().stream()
                .filter(r ->
                        !r.incident().created().isBefore(since) || r.incident().resolved() == null)
                .sorted(Comparator.comparing(
                        (org.epicenter.feed.OfficialRecord r) -> r.incident().created()))
                .toList();
    }

    @Override
    public synchronized int deleteOfficialBefore(Instant before) {
        int n = official.size();
        official.values()
                .removeIf(r -> r.incident().resolved() != null
                        && r.incident().resolved().isBefore(before));
        return n - official.size();
    }
}
