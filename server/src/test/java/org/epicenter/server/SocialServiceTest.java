package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/**
 * People, not posts: an author counts once, a copied text from new accounts at most 3 times, and
 * {@code social.posts} is said once when 5 people post that a service is down, again only after 30
 * minutes. The counts survive a restart (they are read back from the store).
 */
class SocialServiceTest {
    private static final Instant T = Instant.parse("2025-11-18T11:30:00Z");

    @Test
    void peopleAreCountedOnceAndAnnouncedOnce() {
        var clock = new TestClock(T);
        var storage = new InMemoryStorage();
        var heard = new ArrayList<Event>();
        var listener = new LiveDetection.Listener() {
            @Override
            public void changed(Event change) {
                heard.add(change);
            }

            @Override
            public void ticked() {}
        };
        var social = new SocialService(Catalog::defaults, storage.social(), storage.secrets(), clock, listener);
        var posts = new ArrayList<SocialService.Incoming>();
        for (int i = 0; i < 10; i++) { // one bot text from 10 new accounts: 3
            posts.add(new SocialService.Incoming(
                    "push",
                    "b" + i,
                    T.minusSeconds(i),
                    "الواتس واقف عندكم؟",
                    "bot" + i,
                    null,
                    T.minus(Duration.ofDays(2))));
        }
        posts.add(new SocialService.Incoming("push", "s1", T, "WhatsApp is down", "sara", null));
        posts.add(new SocialService.Incoming("push", "s2", T, "WhatsApp still down!!", "sara", null)); // sara again
        social.take(posts);
        assertThat(social.people("whatsapp", T.minus(SocialService.WINDOW), T.plusSeconds(60)))
                .isEqualTo(4);
        assertThat(heard).isEmpty();

        social.take(List.of(new SocialService.Incoming("push", "o1", T, "el whatsapp wa2ef", "omar", null)));
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).type()).isEqualTo("social.posts");
        assertThat(heard.get(0).data().toString()).contains("service=whatsapp").contains("people=5");

        social.take(List.of(new SocialService.Incoming("push", "n1", T, "الواتساب طايح", "noura", null)));
        assertThat(heard).as("said once").hasSize(1);
        clock.advance(Duration.ofMinutes(31));
        social.take(List.of(new SocialService.Incoming("push", "n2", clock.instant(), "whatsapp down", "n2", null)));
        assertThat(heard).as("the window has moved on: one person is not news").hasSize(1);

        var restarted = new SocialService(Catalog::defaults, storage.social(), storage.secrets(), clock);
        assertThat(restarted.people("whatsapp", T.minus(SocialService.WINDOW), T.plusSeconds(60)))
                .isEqualTo(6);
    }
}
