package org.epicenter.store.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epicenter.store.SocialStore;

/** Social posts in memory: one facet of {@link InMemoryStorage}. */
final class InMemorySocialStore implements SocialStore {
    private final Map<String, Post> posts = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Post post) {
        return posts.putIfAbsent(post.source() + "\u0000" + post.id(), post) == null;
    }

    @Override
    public synchronized List<Post> outages(String service, Instant from, Instant to, int limit) {
        return posts.values().stream()
                .filter(p -> p.outage() && service.equals(p.service()) && !p.at().isBefore(from) && p.at().isBefore(to))
                .sorted(Comparator.comparing(Post::at).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Post> outagesSince(Instant from) {
        return posts.values().stream()
                .filter(p -> p.outage() && !p.at().isBefore(from))
                .sorted(Comparator.comparing(Post::at))
                .toList();
    }

    @Override
    public synchronized int forgetTextBefore(Instant before) {
        int n = 0;
        for (var e : posts.entrySet()) {
            Post p = e.getValue();
            if ((p.text() != null || p.link() != null) && p.at().isBefore(before)) {
                e.setValue(new Post(
                        p.source(),
                        p.id(),
                        null,
                        p.at(),
                        p.service(),
                        p.outage(),
                        p.lang(),
                        p.author(),
                        null,
                        p.why(),
                        p.newAccount()));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int deleteBefore(Instant before) {
        int n = posts.size();
        posts.values().removeIf(p -> p.at().isBefore(before));
        return n - posts.size();
    }
}
