package org.epicenter.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPlannerTest {
    static final Instant T = Instant.parse("2025-11-18T11:20:00Z");
    final AlertPlanner planner = new AlertPlanner(AlertPlanner.Settings.defaults());

    /** The queue, as the server's outbox keeps it. */
    static final class Book implements AlertPlanner.Ledger {
        final List<AlertPlanner.Notification> all = new ArrayList<>();
        final Map<String, Instant> last = new HashMap<>();
        final Map<String, Integer> size = new HashMap<>();

        @Override
        public boolean has(String key) {
            return all.stream().anyMatch(n -> n.key().equals(key));
        }

        @Override
        public Instant last(String subscription, String group) {
            return last.get(subscription + "|" + group);
        }

        @Override
        public int lastSize(String subscription, String group) {
            return size.getOrDefault(subscription + "|" + group, 0);
        }

        List<AlertPlanner.Notification> run(
                AlertPlanner p, Instant now, List<Subscription> subs, List<Alert> alerts, List<Silence> silences) {
            var due = p.plan(now, subs, alerts, silences, this);
            for (var n : due) {
                all.add(n);
                last.put(n.subscription() + "|" + n.group(), now);
                size.put(
                        n.subscription() + "|" + n.group(), n.alert().services().size());
            }
            return due;
        }

        List<String> sent() {
            return all.stream()
                    .filter(n -> n.suppressed() == null)
                    .map(n -> n.subscription() + " " + n.kind() + " " + n.group())
                    .toList();
        }
    }

    static Subscription everything(String id) {
        return new Subscription(id, "webhook", "https://hooks.example/" + id, null, null, null, null, null, null, null);
    }

    static Alert incident(String service, int startMinute, Integer endMinute, String inhibitedBy) {
        Instant start = T.plus(Duration.ofMinutes(startMinute));
        return new Alert(
                "incident:" + service + "@" + start,
                null,
                List.of(service),
                List.of("ai"),
                List.of("US"),
                start,
                start.plusSeconds(60),
                endMinute == null ? null : T.plus(Duration.ofMinutes(endMinute)),
                service + " has problems",
                "",
                0,
                false,
                inhibitedBy);
    }

    static Alert cause(List<String> dependents, Integer endMinute) {
        return new Alert(
                "cause:cloudflare@" + T,
                "cloudflare",
                dependents,
                List.of("ai", "social"),
                List.of("US", "GB"),
                T,
                T,
                endMinute == null ? null : T.plus(Duration.ofMinutes(endMinute)),
                "Cloudflare is the likely epicenter",
                "",
                0.9,
                false,
                null);
    }

    @Test
    void aCascadeIsToldOnceAsItsCauseThenItsResolution() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        String by = "cause:cloudflare@" + T;
        var cascade = List.of(
                cause(List.of("x", "chatgpt", "canva"), null),
                incident("x", 0, null, by),
                incident("chatgpt", 1, null, by),
                incident("canva", 3, null, by));
        for (int minute = 0; minute < 120; minute++) {
            book.run(planner, T.plus(Duration.ofMinutes(minute)), subs, cascade, List.of());
        }
        var over = List.of(
                cause(List.of("x", "chatgpt", "canva"), 120),
                incident("x", 0, 110, by),
                incident("chatgpt", 1, 115, by),
                incident("canva", 3, 120, by));
        book.run(planner, T.plus(Duration.ofMinutes(121)), subs, over, List.of());
        book.run(planner, T.plus(Duration.ofMinutes(122)), subs, over, List.of());
        assertThat(book.sent())
                .containsExactly("ops firing cause:cloudflare@" + T, "ops resolved cause:cloudflare@" + T);
        assertThat(book.all)
                .filteredOn(n -> n.suppressed() != null)
                .extracting(AlertPlanner.Notification::suppressed)
                .as("the victims are recorded, not sent")
                .containsOnly("inhibited by " + by)
                .hasSize(3);
    }

    @Test
    void aCoincidenceIsToldAsTwoAfterTheGroupWait() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        var two = List.of(incident("microsoft-365", 0, null, null), incident("delta", 5, null, null));
        assertThat(book.run(planner, T.plus(Duration.ofMinutes(2)), subs, two, List.of()))
                .as("a cause may still form")
                .isEmpty();
        assertThat(book.run(planner, T.plus(Duration.ofMinutes(3)), subs, two, List.of()))
                .as("2 minutes after its confirmation")
                .hasSize(1);
        assertThat(book.run(planner, T.plus(Duration.ofMinutes(7)), subs, two, List.of()))
                .isEmpty();
        assertThat(book.run(planner, T.plus(Duration.ofMinutes(8)), subs, two, List.of()))
                .hasSize(1);
        assertThat(book.sent())
                .containsExactly(
                        "ops firing incident:microsoft-365@" + T, "ops firing incident:delta@" + T.plusSeconds(300));
    }

    @Test
    void anIncidentToldAloneThenJoinedToACauseStillHasItsResolutionTold() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        book.run(planner, T.plus(Duration.ofMinutes(3)), subs, List.of(incident("x", 0, null, null)), List.of());
        String by = "cause:cloudflare@" + T;
        var later = List.of(
                cause(List.of("x", "chatgpt"), null), incident("x", 0, null, by), incident("chatgpt", 10, null, by));
        book.run(planner, T.plus(Duration.ofMinutes(11)), subs, later, List.of());
        book.run(
                planner,
                T.plus(Duration.ofMinutes(30)),
                subs,
                List.of(
                        cause(List.of("x", "chatgpt"), null),
                        incident("x", 0, 30, by),
                        incident("chatgpt", 10, null, by)),
                List.of());
        assertThat(book.sent())
                .containsExactly(
                        "ops firing incident:x@" + T,
                        "ops firing cause:cloudflare@" + T,
                        "ops resolved incident:x@" + T);
    }

    @Test
    void aGrowingCauseIsToldAgainAtMostEveryGroupIntervalAndAnOpenOneRepeats() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        book.run(planner, T, subs, List.of(cause(List.of("x", "chatgpt"), null)), List.of());
        book.run(
                planner,
                T.plus(Duration.ofMinutes(1)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva"), null)),
                List.of());
        book.run(
                planner,
                T.plus(Duration.ofMinutes(5)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva"), null)),
                List.of());
        book.run(
                planner,
                T.plus(Duration.ofMinutes(6)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva", "claude"), null)),
                List.of());
        book.run(
                planner,
                T.plus(Duration.ofMinutes(10)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva", "claude"), null)),
                List.of());
        book.run(
                planner,
                T.plus(Duration.ofHours(4)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva", "claude"), null)),
                List.of());
        book.run(
                planner,
                T.plus(Duration.ofHours(4).plusMinutes(10)),
                subs,
                List.of(cause(List.of("x", "chatgpt", "canva", "claude"), null)),
                List.of());
        assertThat(book.sent())
                .containsExactly(
                        "ops firing cause:cloudflare@" + T,
                        "ops update cause:cloudflare@" + T,
                        "ops update cause:cloudflare@" + T,
                        "ops repeat cause:cloudflare@" + T);
    }

    @Test
    void filtersSilencesAndMaintenanceDecideWhoIsToldWhat() {
        var book = new Book();
        var onlyDelta = new Subscription(
                "airline", "email", null, null, "ops@airline.example", null, List.of("delta"), null, null, null);
        var onlyGb = new Subscription(
                "uk", "slack", "https://hooks.slack.example/x", null, null, null, null, null, null, List.of("GB"));
        var byProvider = new Subscription(
                "cdn", "ntfy", "https://ntfy.example/cdn", null, null, null, null, List.of("cloudflare"), null, null);
        var alerts = List.of(
                cause(List.of("x", "chatgpt"), null),
                incident("delta", 0, null, null),
                incident("zoom", 0, null, null));
        var silence = new Silence("zoom-work", List.of("zoom"), null, T, T.plus(Duration.ofHours(1)), "planned");
        book.run(
                planner,
                T.plus(Duration.ofMinutes(3)),
                List.of(onlyDelta, onlyGb, byProvider, everything("all")),
                alerts,
                List.of(silence));
        assertThat(book.sent())
                .containsExactlyInAnyOrder(
                        "airline firing incident:delta@" + T,
                        "uk firing cause:cloudflare@" + T,
                        "cdn firing cause:cloudflare@" + T,
                        "all firing cause:cloudflare@" + T,
                        "all firing incident:delta@" + T);
        assertThat(book.all)
                .filteredOn(n -> n.suppressed() != null)
                .singleElement()
                .satisfies(n -> assertThat(n.suppressed()).isEqualTo("silenced by zoom-work"));
    }

    @Test
    void historyIsNotNewsAndNothingIsQueuedTwice() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        var past = List.of(incident("x", -600, -500, null), cause(List.of("a", "b"), -10));
        assertThat(book.run(planner, T, subs, past, List.of())).isEmpty();
        var now = List.of(incident("x", 0, null, null));
        book.run(planner, T.plus(Duration.ofMinutes(3)), subs, now, List.of());
        assertThat(book.run(planner, T.plus(Duration.ofMinutes(3)), subs, now, List.of()))
                .as("the same facts again")
                .isEmpty();
    }

    /** The checks common to every channel; each channel's own fields are checked by the server's registry. */
    @Test
    void subscriptionsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> new Subscription(
                        "Ops!", "webhook", "https://x.example", null, null, null, null, null, null, null))
                .hasMessageContaining("id: a lowercase slug");
        assertThatThrownBy(() -> new Subscription("ops", null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("channel: required");
        assertThatThrownBy(() -> new Subscription("ops", "Web Hook", null, null, null, null, null, null, null, null))
                .hasMessageContaining("channel: required, the name of a channel");
        assertThatThrownBy(() -> new Subscription(
                        "ops", "slack", "https://x.example", null, null, null, null, null, null, List.of("sa")))
                .hasMessage("countries: \"sa\" is not a valid value");
        assertThat(new Subscription(
                                "ops",
                                "webhook",
                                "https://x.example",
                                "0123456789abcdef",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)
                        .redacted()
                        .get("secret"))
                .isEqualTo("********");
    }

    @Test
    void anAlertThatVanishesWithoutEndingIsResolvedNotLeftOpen() {
        var book = new Book();
        var subs = List.of(everything("ops"));
        Alert regional = incident("whatsapp", 0, null, null);
        book.run(planner, T.plus(Duration.ofMinutes(3)), subs, List.of(regional), List.of());
        // the regional incident is merged into a global one that starts later: it is gone from the list
        Alert global = incident("facebook", 20, null, null);
        List<Alert> now = List.of(global);
        var closing = AlertPlanner.vanished(now, Map.of(regional.group(), regional), T.plus(Duration.ofMinutes(25)));
        assertThat(closing).singleElement().satisfies(a -> {
            assertThat(a.group()).isEqualTo(regional.group());
            assertThat(a.end()).isEqualTo(T.plus(Duration.ofMinutes(25)));
        });
        var all = new ArrayList<>(now);
        all.addAll(closing);
        book.run(planner, T.plus(Duration.ofMinutes(25)), subs, all, List.of());
        assertThat(book.sent()).contains("ops resolved incident:whatsapp@" + T);
        assertThat(AlertPlanner.vanished(List.of(regional), Map.of(regional.group(), regional), T))
                .as("still there: nothing to close")
                .isEmpty();
    }
}
