package org.epicenter.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.epicenter.store.postgres.PostgresStorage;
import org.epicenter.store.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster, for real: a Kafka broker (KRaft, in-process from Kafka's own test kit), a PostgreSQL
 * server ({@link TestPostgres}), and three Epicenter processes started from the built jar: A
 * and B (all), and C (web, running the demo, whose Cloudflare cascade starts 90 s after it is up).
 * While the cascade unfolds, the test sends its own reports to A and B, one network each; once
 * the first victim's incident is open, whichever of A and B leads (holds partition 0, and so sends
 * the alerts) is killed with SIGKILL, before the cause's alert. Then:
 * every report A or B acknowledged is stored, none twice; each incident and the Cloudflare cause
 * appear once on C's API; each alert reaches the webhook once; and C's pages answer throughout.
 */
class ClusterIT {
    private static final String TOKEN = "cluster-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VICTIMS = Set.of("x", "chatgpt", "claude", "canva", "spotify");

    @TempDir
    Path dir;

    private final List<Process> nodes = new ArrayList<>();
    private KafkaClusterTestKit kafka;
    private HttpServer webhook;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aDetectionNodeKilledMidOutageLosesNothingAndDoublesNothing() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "6")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();

        var received = new ConcurrentHashMap<String, AtomicInteger>(); // Idempotency-Key -> deliveries
        var bodies = new CopyOnWriteArrayList<String>();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        webhook.createContext("/hook", x -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            received.computeIfAbsent(x.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
                    .incrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        webhook.start();
        Path alerts = dir.resolve("alerts.yaml");
        Files.writeString(alerts, """
                subscriptions:
                  - {id: ops, channel: webhook, url: "http://127.0.0.1:%d/hook", providers: [cloudflare]}
                """.formatted(webhook.getAddress().getPort()));

        PostgresStorage.Settings pg = TestPostgres.freshSchema();
        int a = freePort(), b = freePort(), c = freePort();
        // C serves pages and runs the demo (its reports reach Kafka in-process; C takes none over HTTP)
        Process nodeC = start("c", c, pg, alerts, "web", true);
        awaitHealthy(c, Duration.ofMinutes(2));
        Instant demoStart = Instant.now();
        Process nodeA = start("a", a, pg, alerts, "all", false);
        Process nodeB = start("b", b, pg, alerts, "all", false);
        awaitHealthy(a, Duration.ofMinutes(1));
        awaitHealthy(b, Duration.ofMinutes(1));

        // C's pages, every half second, throughout
        var pageFailures = new CopyOnWriteArrayList<String>();
        var pagesChecked = new AtomicInteger();
        var watching = new AtomicBoolean(true);
        Thread pages = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                for (String path : List.of("/", "/api/v1/services", "/s/x")) {
                    try {
                        var r = get(c, path);
                        if (r.statusCode() != 200) {
                            pageFailures.add(path + " " + r.statusCode());
                        }
                        pagesChecked.incrementAndGet();
                    } catch (Exception e) {
                        pageFailures.add(path + " " + e);
                    }
                }
                sleep(500);
            }
        });

        // the test's own reports, to A and B in turn, each from a network of its own
        var acknowledged = new AtomicInteger();
        var sent = new AtomicInteger();
        var sending = new AtomicBoolean(true);
        var statuses = new ConcurrentHashMap<String, Integer>(); // answers other than 201
        Thread sender = Thread.ofVirtual().start(() -> {
            int i = 0;
            while (sending.get()) {
                int port = i % 2 == 0 ? a : b;
                String body = "{\"service\":\"whatsapp\",\"problem\":\"messaging\",\"country\":\"IS\"}";
                sent.incrementAndGet();
                try {
                    var r = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                                    .timeout(Duration.ofSeconds(15))
                                    .header("Content-Type", "application/json")
                                    .header(
                                            "X-Forwarded-For",
                                            org.epicenter.server.TestServer.net(i)) // a /24 each: one reporter each
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        acknowledged.incrementAndGet();
                    } else {
                        statuses.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    // B is gone: not acknowledged
                }
                i++;
                sleep(100);
            }
        });

        // an admin change made through A reaches the web node C without a restart
        assertThat(http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + a + "/api/v1/admin/catalog/bet365"))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(204);
        await(
                Duration.ofSeconds(40),
                "the catalog change on C",
                () -> get(c, "/api/v1/services/bet365").statusCode() == 404);

        // the first victim's incident is open: freeze the node that does not lead for longer than
        // its session (a zombie that wakes up with stale partitions), then kill the leader
        await(
                Duration.ofMinutes(6),
                "a demo victim's incident on C",
                () -> openIncidents(c).stream()
                        .anyMatch(i -> VICTIMS.contains(i.path("service").asText())));
        // the leader (partition 0: the node that sends alerts) is the one killed
        int[] leaderPort = {0};
        await(Duration.ofMinutes(1), "a leader among A and B", () -> {
            for (int port : new int[] {a, b}) {
                if (get(port, "/metrics").body().contains("epicenter_log_reader_leader 1.0")) {
                    leaderPort[0] = port;
                    return true;
                }
            }
            return false;
        });
        Process victim = leaderPort[0] == a ? nodeA : nodeB;
        Process survivor = victim == nodeA ? nodeB : nodeA;
        signal(survivor, "STOP");
        sleep(15_000); // the group's session is 10 s: its partitions go to the leader meanwhile
        signal(survivor, "CONT");
        Instant woke = Instant.now();
        await(Duration.ofMinutes(2), "every partition read again after the pause", () -> caughtUpSince(pg, woke));
        victim.destroyForcibly(); // SIGKILL
        victim.waitFor();
        Instant killed = Instant.now();
        // recovered: every partition read to its end again after the kill (B's by A)
        await(Duration.ofMinutes(2), "every partition read again after the kill", () -> caughtUpSince(pg, killed));
        Duration recovery = Duration.between(killed, Instant.now());

        await(Duration.ofMinutes(6), "the Cloudflare cause with 4 victims on C, and its alert", () -> {
            var causes = openCauses(c);
            return causes.size() == 1
                    && causes.get(0).path("dependents").size() >= 4
                    && bodies.stream().anyMatch(body -> body.contains("cloudflare"));
        });
        sleep(30_000); // time for a second alert or a second incident, if there were to be one
        sending.set(false);
        sender.join();
        Instant stopped = Instant.now();
        watching.set(false);
        pages.join();

        // every acknowledged report is stored, and none twice
        long[] stored = {0, 0};
        await(Duration.ofMinutes(1), "A has stored every acknowledged report", () -> {
            long[] now = countTestReports(pg);
            stored[0] = now[0];
            stored[1] = now[1];
            return now[0] >= acknowledged.get();
        });
        assertThat(stored[0])
                .as("stored (sent %d, acknowledged %d)", sent.get(), acknowledged.get())
                .isGreaterThanOrEqualTo(acknowledged.get())
                .isLessThanOrEqualTo(sent.get());
        assertThat(stored[1]).as("distinct reporters among the stored").isEqualTo(stored[0]);
        assertThat(acknowledged.get()).as("other answers: %s", statuses).isGreaterThan(100);

        // each incident and the cause once, on the web node
        var incidents = allIncidents(c);
        var keys = new ArrayList<String>();
        for (JsonNode i : incidents) {
            keys.add(i.path("service").asText() + "@" + i.path("start").asText() + "@"
                    + i.path("scope").asText() + i.path("countries"));
        }
        assertThat(keys).as("incidents on C").doesNotHaveDuplicates();
        var victims = incidents.stream()
                .filter(i -> VICTIMS.contains(i.path("service").asText())
                        && i.path("end").isNull())
                .toList();
        assertThat(victims).as("open victims").hasSizeGreaterThanOrEqualTo(4);
        var causes = openCauses(c);
        assertThat(causes)
                .singleElement()
                .satisfies(cause -> assertThat(cause.path("provider").asText()).isEqualTo("cloudflare"));

        // live equals replay: a node started now, which judges the stored counts from scratch, finds
        // the incidents the web node found live through the pause and the kill (those settled by now)
        int d = freePort();
        Process nodeD = start("d", d, pg, alerts, "web", false);
        awaitHealthy(d, Duration.ofMinutes(2));
        Instant settled = stopped.minus(Duration.ofMinutes(3));
        var live = settledKeys(allIncidents(c), settled);
        var replayed = settledKeys(allIncidents(d), settled);
        assertThat(replayed).as("incidents replayed on D").isEqualTo(live);
        assertThat(live.stream().filter(k -> VICTIMS.stream().anyMatch(k::startsWith)))
                .as("victims among the compared incidents")
                .isNotEmpty();
        assertThat(get(d, "/api/v1/services/bet365").statusCode())
                .as("the catalog change, stored")
                .isEqualTo(404);
        nodeD.destroy();

        // each alert once
        assertThat(received).as("alert deliveries by key").isNotEmpty();
        received.forEach(
                (key, n) -> assertThat(n.get()).as("deliveries of " + key).isEqualTo(1));

        // the web node answered throughout
        assertThat(pageFailures).as("page failures on C").isEmpty();
        assertThat(pagesChecked.get()).isGreaterThan(100);
        assertThat(survivor.isAlive()).isTrue();
        assertThat(nodeC.isAlive()).isTrue();
        assertThat(get(survivor == nodeA ? a : b, "/metrics").body())
                .as("the survivor took over partition 0 and the alerts")
                .contains("epicenter_log_reader_leader 1.0");
        System.out.printf(
                "ClusterIT: demo up %s, leader killed %s, partitions read again within %d s; %d of %d reports acknowledged,"
                        + " %d stored; %d alerts; %d page checks; %d settled incidents alike live and replayed%n",
                demoStart,
                killed,
                recovery.toSeconds(),
                acknowledged.get(),
                sent.get(),
                stored[0],
                received.size(),
                pagesChecked.get(),
                live.size());
    }

    private Process start(String name, int port, PostgresStorage.Settings pg, Path alerts, String role, boolean demo)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-jar",
                Path.of("target", "epicenter.jar").toAbsolutePath().toString(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--data",
                dir.resolve(name).toString(),
                "--store",
                "postgres",
                "--postgres-url",
                pg.url(),
                "--postgres-schema",
                pg.schema(),
                "--kafka",
                kafka.bootstrapServers(),
                "--kafka-partitions",
                "6",
                "--role",
                role,
                "--alerts",
                alerts.toString(),
                "--probe-allow",
                "127.0.0.0/8",
                "--feeds",
                "off",
                "--client-ip-header",
                "X-Forwarded-For",
                "--report-rate",
                "100000",
                "--report-burst",
                "100000"));
        if (demo) {
            command.add("--demo");
        }
        var pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("EPICENTER_ADMIN_TOKEN", TOKEN);
        Process p = pb.start();
        nodes.add(p);
        return p;
    }

    private long[] countTestReports(PostgresStorage.Settings pg) throws Exception {
        try (var conn = DriverManager.getConnection(pg.url());
                var st = conn.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT reporter) FROM " + pg.schema()
                        + ".reports WHERE country = 'IS' AND service = 'whatsapp'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private boolean caughtUpSince(PostgresStorage.Settings pg, Instant t) throws Exception {
        try (var conn = DriverManager.getConnection(pg.url());
                var st = conn.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FILTER (WHERE caught_up > " + t.toEpochMilli()
                        + "), COUNT(*) FROM " + pg.schema() + ".log_checkpoints")) {
            rs.next();
            return rs.getLong(2) == 6 && rs.getLong(1) == 6;
        }
    }

    private List<JsonNode> openIncidents(int port) throws Exception {
        var out = new ArrayList<JsonNode>();
        JSON.readTree(get(port, "/api/v1/incidents?state=open").body())
                .path("incidents")
                .forEach(out::add);
        return out;
    }

    private List<JsonNode> allIncidents(int port) throws Exception {
        var out = new ArrayList<JsonNode>();
        JSON.readTree(get(port, "/api/v1/incidents").body()).path("incidents").forEach(out::add);
        return out;
    }

    /** Incidents that started before {@code before}, each as service, start, confirmation, scope and end. */
    private static List<String> settledKeys(List<JsonNode> incidents, Instant before) {
        return incidents.stream()
                .filter(i -> Instant.parse(i.path("start").asText()).isBefore(before))
                .map(i -> i.path("service").asText() + " " + i.path("start").asText() + " confirmed "
                        + i.path("confirmed").asText() + " " + i.path("scope").asText() + i.path("countries")
                        + " end "
                        + (i.path("end").isNull() || i.path("end").isMissingNode()
                                ? "-"
                                : Instant.parse(i.path("end").asText()).isBefore(before)
                                        ? i.path("end").asText()
                                        : "later"))
                .sorted()
                .toList();
    }

    private static void signal(Process p, String signal) throws Exception {
        var kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private List<JsonNode> openCauses(int port) throws Exception {
        var out = new ArrayList<JsonNode>();
        JSON.readTree(get(port, "/api/v1/causes?state=open").body())
                .path("causes")
                .forEach(out::add);
        return out;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealthy(int port, Duration limit) throws Exception {
        await(limit, "node on port " + port + " healthy (logs in " + dir + ")", () -> {
            try {
                return get(port, "/healthz").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void await(Duration limit, String what, CheckedCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                if (condition.met()) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + limit + " for " + what + "; node logs: " + tails());
            }
            Thread.sleep(1_000);
        }
    }

    private String tails() {
        var sb = new StringBuilder();
        for (String n : List.of("a", "b", "c")) {
            try {
                var lines = Files.readAllLines(dir.resolve(n + ".log"));
                sb.append("\n--- ")
                        .append(n)
                        .append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (IOException e) {
                sb.append("\n--- ").append(n).append(": no log");
            }
        }
        return sb.toString();
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean met() throws Exception;
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
