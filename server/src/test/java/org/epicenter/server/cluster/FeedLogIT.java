package org.epicenter.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.feed.OfficialState;
import org.epicenter.probes.Cidr;
import org.epicenter.server.Event;
import org.epicenter.server.FeedService;
import org.epicenter.server.LiveDetection;
import org.epicenter.server.Metrics;
import org.epicenter.server.ProbeSettings;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/**
 * Status feeds in cluster mode through a real broker: the node that polls asks the page once per
 * interval for everyone; the node that does not poll shows the same official word, with the
 * incident, and stores nothing itself; a node started later knows the page's state at once from the
 * compacted topic.
 */
class FeedLogIT {
    private static final String PAGE = """
            {"page": {"id": "p1", "name": "Shop", "url": "https://status.shop.example", "updated_at": "2025-11-18T07:00:00Z"},
             "components": [{"id": "c1", "name": "Checkout", "status": "major_outage", "group": false}],
             "incidents": [{"id": "inc1", "name": "Checkout errors «الدفع»", "status": "investigating", "impact": "critical",
               "created_at": "%s", "updated_at": "%s", "resolved_at": null, "shortlink": "https://stspg.io/inc1",
               "incident_updates": [{"status": "investigating", "body": "We are investigating.", "created_at": "%s"}],
               "components": [{"id": "c1", "name": "Checkout", "status": "major_outage"}]}],
             "scheduled_maintenances": [],
             "status": {"indicator": "critical", "description": "x"}}
            """;

    @Test
    void onePollsForAllAndEveryNodeShowsTheSameOfficialWord() throws Exception {
        var asked = new AtomicInteger();
        String created = Instant.now().minusSeconds(600).toString();
        byte[] body = PAGE.formatted(created, created, created).getBytes(StandardCharsets.UTF_8);
        var pages = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        pages.createContext("/summary.json", x -> {
            asked.incrementAndGet();
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        pages.start();
        var catalog = Catalog.of(
                List.of(CatalogCodec.defaultDocument(), CatalogCodec.readYaml("ops.yaml", """
                        entries:
                          - id: shop
                            kind: service
                            name: {en: Shop, ar: متجر}
                            category: ecommerce
                            feeds:
                              - {url: "http://127.0.0.1:%d/summary.json", format: statuspage, components: [Checkout], interval: 10m}
                        """.formatted(
                                pages.getAddress().getPort()))),
                List.of());
        var nodes = new ArrayList<AutoCloseable>();
        try (var kafka = TestKafka.oneBroker()) {
            var s = new ClusterSettings(kafka.bootstrapServers(), "epicenter.reports", 3, ClusterSettings.Role.ALL);
            FeedLog.ensureTopic(s);
            var storeA = new InMemoryStorage();
            var storeB = new InMemoryStorage();
            var eventsAtB = new CopyOnWriteArrayList<Event>();
            var a = node(s, "a", catalog, storeA, () -> true, new CopyOnWriteArrayList<>(), nodes);
            var b = node(s, "b", catalog, storeB, () -> false, eventsAtB, nodes);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!outage(b) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(outage(a)).isTrue();
            assertThat(outage(b))
                    .as("the node that does not poll shows the page's word")
                    .isTrue();
            assertThat(b.statuses().get("shop")).isEqualTo(a.statuses().get("shop"));
            assertThat(b.outages()).hasSize(1);
            assertThat(b.outages().get(0).evidence()).contains("Checkout errors «الدفع»");
            assertThat(b.outages()).isEqualTo(a.outages());
            assertThat(b.feedsOf("shop").get(0).lastSuccess()).isNotNull();
            assertThat(eventsAtB).anyMatch(e -> e instanceof Event.OfficialStatusChanged);
            assertThat(storeA.official().officialSince(Instant.EPOCH)).hasSize(1);
            assertThat(storeB.official().officialSince(Instant.EPOCH))
                    .as("the polling node stored it; the other stores nothing")
                    .isEmpty();

            Thread.sleep(6_000); // the other node's first poll would have come by now
            assertThat(asked.get())
                    .as("the page is asked once, not once per node")
                    .isEqualTo(1);

            var c = node(s, "c", catalog, new InMemoryStorage(), () -> false, new CopyOnWriteArrayList<>(), nodes);
            assertThat(c.statuses().get("shop"))
                    .as("a node started later knows the page at once")
                    .isEqualTo(a.statuses().get("shop"));
        } finally {
            for (var n : nodes.reversed()) {
                n.close();
            }
            pages.stop(0);
        }
    }

    private static boolean outage(FeedService f) {
        var st = f.statuses().get("shop");
        return st != null && st.status() == OfficialState.MAJOR_OUTAGE;
    }

    private static FeedService node(
            ClusterSettings s,
            String name,
            Catalog catalog,
            InMemoryStorage store,
            BooleanSupplier polls,
            List<Event> events,
            List<AutoCloseable> nodes) {
        var log = new FeedLog(s, name);
        nodes.add(log);
        var feeds = new FeedService(
                catalog,
                store.official(),
                Clock.systemUTC(),
                new ProbeSettings(null, List.of(Cidr.parse("127.0.0.0/8")), null, true),
                new LiveDetection.Listener() {
                    @Override
                    public void changed(Event change) {
                        events.add(change);
                    }

                    @Override
                    public void ticked() {}
                },
                new Metrics(),
                polls,
                log);
        nodes.add(feeds);
        log.start(feeds);
        return feeds;
    }
}
