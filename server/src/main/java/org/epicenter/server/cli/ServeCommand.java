package org.epicenter.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.epicenter.catalog.CatalogException;
import org.epicenter.server.Durations;
import org.epicenter.server.Epicenter;
import org.epicenter.server.HttpSettings;
import org.epicenter.server.MailSettings;
import org.epicenter.server.ProbeSettings;
import org.epicenter.server.ServerSettings;
import org.epicenter.server.StoreChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epicenter serve}: every setting has a flag, an environment variable and a default. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Run the server on the embedded store (SQLite under --data), or on PostgreSQL with --store postgres.")
final class ServeCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            defaultValue = "${env:EPICENTER_PORT:-8080}",
            description = "HTTP port (env EPICENTER_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "${env:EPICENTER_HOST:-0.0.0.0}",
            description = "Address to listen on (env EPICENTER_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--data",
            defaultValue = "${env:EPICENTER_DATA:-epicenter-data}",
            description = "Data directory (env EPICENTER_DATA, default ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--store",
            defaultValue = "${env:EPICENTER_STORE:-sqlite}",
            description = "Storage: sqlite (one file under --data, one node) or postgres (shared by several nodes;"
                    + " env EPICENTER_STORE, default ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = "--postgres-url",
            defaultValue = "${env:EPICENTER_POSTGRES_URL}",
            description = "With --store postgres: jdbc:postgresql://host:5432/database (env EPICENTER_POSTGRES_URL;"
                    + " the password comes from env EPICENTER_POSTGRES_PASSWORD only).")
    String postgresUrl;

    @Option(
            names = "--postgres-user",
            defaultValue = "${env:EPICENTER_POSTGRES_USER}",
            description = "With --store postgres: the role to connect as (env EPICENTER_POSTGRES_USER).")
    String postgresUser;

    @Option(
            names = "--postgres-schema",
            defaultValue = "${env:EPICENTER_POSTGRES_SCHEMA}",
            description = "With --store postgres: the schema for Epicenter's tables, created if missing"
                    + " (env EPICENTER_POSTGRES_SCHEMA, default the role's own).")
    String postgresSchema;

    @Option(
            names = "--postgres-pool",
            defaultValue = "${env:EPICENTER_POSTGRES_POOL:-8}",
            description =
                    "With --store postgres: connections per node (env EPICENTER_POSTGRES_POOL, default ${DEFAULT-VALUE}).")
    int postgresPool;

    @Option(
            names = "--kafka",
            defaultValue = "${env:EPICENTER_KAFKA}",
            description = "Cluster mode: Kafka's bootstrap servers, host:port[,host:port...]; needs --store postgres"
                    + " (env EPICENTER_KAFKA).")
    String kafka;

    @Option(
            names = "--kafka-topic",
            defaultValue = "${env:EPICENTER_KAFKA_TOPIC:-epicenter.reports}",
            description = "With --kafka: the report log's topic (env EPICENTER_KAFKA_TOPIC, default ${DEFAULT-VALUE}).")
    String kafkaTopic;

    @Option(
            names = "--kafka-partitions",
            defaultValue = "${env:EPICENTER_KAFKA_PARTITIONS:-12}",
            description = "With --kafka: partitions of a new topic, the most detection nodes that share the work"
                    + " (env EPICENTER_KAFKA_PARTITIONS, default ${DEFAULT-VALUE}).")
    int kafkaPartitions;

    @Option(
            names = "--kafka-config",
            defaultValue = "${env:EPICENTER_KAFKA_CONFIG}",
            description = "With --kafka: a properties file of Kafka client TLS and SASL settings (security.protocol,"
                    + " ssl.*, sasl.*) for every connection this node makes (env EPICENTER_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(
            names = "--role",
            defaultValue = "${env:EPICENTER_ROLE:-all}",
            description = "With --kafka: all, ingest (reports and pages), detect (reads the log; one of them sends"
                    + " alerts) or web (pages only) (env EPICENTER_ROLE, default ${DEFAULT-VALUE}).")
    String role;

    @Option(
            names = "--catalog",
            defaultValue = "${env:EPICENTER_CATALOG}",
            description = "Operator catalog YAML that extends or overrides the default (env EPICENTER_CATALOG).")
    Path catalog;

    @Option(
            names = "--dedup-window",
            defaultValue = "${env:EPICENTER_DEDUP_WINDOW:-30m}",
            description =
                    "One counted report per reporter per service per window (env EPICENTER_DEDUP_WINDOW, default ${DEFAULT-VALUE}).")
    String dedupWindow;

    @Option(
            names = "--raw-retention",
            defaultValue = "${env:EPICENTER_RAW_RETENTION:-30d}",
            description = "How long raw reports are kept (env EPICENTER_RAW_RETENTION, default ${DEFAULT-VALUE}).")
    String rawRetention;

    @Option(
            names = "--aggregate-retention",
            defaultValue = "${env:EPICENTER_AGGREGATE_RETENTION:-400d}",
            description =
                    "How long per-minute counts are kept (env EPICENTER_AGGREGATE_RETENTION, default ${DEFAULT-VALUE}).")
    String aggregateRetention;

    @Option(
            names = "--report-rate",
            defaultValue = "${env:EPICENTER_REPORT_RATE:-30}",
            description =
                    "Reports per minute per client before 429 (env EPICENTER_REPORT_RATE, default ${DEFAULT-VALUE}).")
    int reportRate;

    @Option(
            names = "--report-burst",
            defaultValue = "${env:EPICENTER_REPORT_BURST:-10}",
            description =
                    "Burst of reports a client may send at once (env EPICENTER_REPORT_BURST, default ${DEFAULT-VALUE}).")
    int reportBurst;

    @Option(
            names = "--max-body",
            defaultValue = "${env:EPICENTER_MAX_BODY:-4096}",
            description = "Largest report body in bytes (env EPICENTER_MAX_BODY, default ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(
            names = "--country-header",
            defaultValue = "${env:EPICENTER_COUNTRY_HEADER:-}",
            description =
                    "Trusted proxy header with the client's country, e.g. CF-IPCountry (env EPICENTER_COUNTRY_HEADER; default none).")
    String countryHeader;

    @Option(
            names = "--client-ip-header",
            defaultValue = "${env:EPICENTER_CLIENT_IP_HEADER:-}",
            description =
                    "Trusted proxy header with the client's address, e.g. X-Forwarded-For (env EPICENTER_CLIENT_IP_HEADER; default: the socket peer).")
    String clientIpHeader;

    @Option(
            names = "--trusted-proxy",
            split = ",",
            description = {
                "Address range of a reverse proxy whose --client-ip-header is believed, e.g. 10.0.0.0/8;",
                "repeatable (env EPICENTER_TRUSTED_PROXIES, comma-separated; default loopback: 127.0.0.0/8 and ::1)."
            })
    List<String> trustedProxies;

    @Option(
            names = "--reporter-prefix",
            defaultValue = "${env:EPICENTER_REPORTER_PREFIX:-24,48}",
            description = {
                "IPv4 and IPv6 prefix lengths of the network that counts as one reporter",
                "(env EPICENTER_REPORTER_PREFIX, default ${DEFAULT-VALUE}: an IPv4 /24 or an IPv6 /48 is one reporter per service per dedup window)."
            })
    String reporterPrefix;

    @Option(
            names = "--connections-per-client",
            defaultValue = "${env:EPICENTER_CONNECTIONS_PER_CLIENT:-64}",
            description =
                    "Open connections one client address may hold; trusted proxies are exempt (env EPICENTER_CONNECTIONS_PER_CLIENT, default ${DEFAULT-VALUE}).")
    int connectionsPerClient;

    @Option(
            names = "--header-deadline",
            defaultValue = "${env:EPICENTER_HEADER_DEADLINE:-10s}",
            description =
                    "A request's whole header must arrive within this time (env EPICENTER_HEADER_DEADLINE, default ${DEFAULT-VALUE}).")
    String headerDeadline;

    @Option(
            names = "--body-deadline",
            defaultValue = "${env:EPICENTER_BODY_DEADLINE:-30s}",
            description =
                    "A request's whole body must arrive within this time (env EPICENTER_BODY_DEADLINE, default ${DEFAULT-VALUE}).")
    String bodyDeadline;

    @Option(
            names = "--cors-origins",
            defaultValue = "${env:EPICENTER_CORS_ORIGINS:-}",
            description = "Comma-separated origins allowed by CORS (env EPICENTER_CORS_ORIGINS; default: CORS off).")
    String corsOrigins;

    @Option(
            names = "--demo",
            description = {
                "Demo mode: backfill a simulated week, then stream live simulated reports; 90 s after start-up,",
                "five services behind Cloudflare start failing. Data goes to epicenter-demo-data unless --data is given."
            })
    boolean demo;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--commit-batch",
            defaultValue = "${env:EPICENTER_COMMIT_BATCH:-1024}",
            description =
                    "Most reports per group-commit transaction (env EPICENTER_COMMIT_BATCH, default ${DEFAULT-VALUE}).")
    int commitBatch;

    @Option(
            names = "--probe-location",
            defaultValue = "${env:EPICENTER_PROBE_LOCATION:-server}",
            description = {
                "Name of the server's own probe location; \"none\" = the server runs no probes itself,",
                "only agents do (env EPICENTER_PROBE_LOCATION, default ${DEFAULT-VALUE})."
            })
    String probeLocation;

    @Option(
            names = "--probe-allow",
            defaultValue = "${env:EPICENTER_PROBE_ALLOW:-}",
            description = {
                "Comma-separated internal address ranges probes may reach, e.g. 10.1.0.0/16",
                "(env EPICENTER_PROBE_ALLOW; default none: loopback, private, link-local and metadata addresses are refused)."
            })
    String probeAllow;

    @Option(
            names = "--social-mastodon",
            defaultValue = "${env:EPICENTER_SOCIAL_MASTODON}",
            description = "Mastodon instances whose public hashtag timelines are read for outage posts, comma-separated"
                    + " URLs (env EPICENTER_SOCIAL_MASTODON; none by default). They obey --probe-allow too.")
    String socialMastodon;

    @Option(
            names = "--social-hashtags",
            defaultValue = "${env:EPICENTER_SOCIAL_HASHTAGS}",
            description = "Hashtags read on those instances, comma-separated (env EPICENTER_SOCIAL_HASHTAGS; default:"
                    + " outage, down, عطل, معطل, واقف, طايح).")
    String socialHashtags;

    @Option(
            names = "--feeds",
            defaultValue = "${env:EPICENTER_FEEDS:-on}",
            description = {
                "Poll the catalog's official status feeds: on or off",
                "(env EPICENTER_FEEDS, default ${DEFAULT-VALUE}). Feeds obey --probe-allow too."
            })
    String feeds;

    @Option(
            names = "--public-url",
            defaultValue = "${env:EPICENTER_PUBLIC_URL:-}",
            description = {
                "The address people reach the pages at, for links in alerts",
                "(env EPICENTER_PUBLIC_URL; default http://localhost:<port>)."
            })
    String publicUrl;

    @Option(
            names = "--smtp-host",
            defaultValue = "${env:EPICENTER_SMTP_HOST:-}",
            description = "SMTP server for email alerts (env EPICENTER_SMTP_HOST; default none: no email channel).")
    String smtpHost;

    @Option(
            names = "--smtp-port",
            defaultValue = "${env:EPICENTER_SMTP_PORT:-587}",
            description = "SMTP port (env EPICENTER_SMTP_PORT, default ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(
            names = "--smtp-from",
            defaultValue = "${env:EPICENTER_SMTP_FROM:-}",
            description = "Sender address of email alerts (env EPICENTER_SMTP_FROM).")
    String smtpFrom;

    @Option(
            names = "--smtp-security",
            defaultValue = "${env:EPICENTER_SMTP_SECURITY:-starttls}",
            description = {
                "starttls, tls or none",
                "(env EPICENTER_SMTP_SECURITY, default ${DEFAULT-VALUE}); login from EPICENTER_SMTP_USER and EPICENTER_SMTP_PASSWORD."
            })
    String smtpSecurity;

    @Option(
            names = "--alerts",
            defaultValue = "${env:EPICENTER_ALERTS}",
            description = {
                "YAML of alert subscriptions and silences, applied at start",
                "(env EPICENTER_ALERTS; see docs/alerts.md)."
            })
    Path alerts;

    /** The settings these flags (and their environment variables) describe; throws on a bad value. */
    ServerSettings settings() {
        boolean dataGiven = spec != null
                && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--data");
        Path dir =
                demo && !dataGiven && System.getenv("EPICENTER_DATA") == null ? Path.of("epicenter-demo-data") : data;
        return new ServerSettings(
                host,
                port,
                dir,
                catalog,
                Durations.parse(dedupWindow),
                Durations.parse(rawRetention),
                Durations.parse(aggregateRetention),
                reportRate,
                reportBurst,
                maxBody,
                countryHeader,
                clientIpHeader,
                corsOrigins.isBlank()
                        ? List.of()
                        : Arrays.stream(corsOrigins.split(","))
                                .map(String::strip)
                                .toList(),
                System.getenv("EPICENTER_ADMIN_TOKEN"),
                commitBatch,
                new ProbeSettings(
                        "none".equals(probeLocation)
                                        || (clusterMode() && !given("--probe-location", "EPICENTER_PROBE_LOCATION"))
                                ? null // in a cluster, nodes probe only where the operator says (each its own location)
                                : probeLocation,
                        ProbeSettings.ranges(probeAllow),
                        System.getenv("EPICENTER_AGENT_TOKEN"),
                        onOff("--feeds", feeds),
                        list(socialMastodon).stream()
                                .map(u -> {
                                    try {
                                        return java.net.URI.create(u);
                                    } catch (IllegalArgumentException e) {
                                        throw new IllegalArgumentException(
                                                "--social-mastodon takes http(s) URLs of instances, got \"" + u + "\"");
                                    }
                                })
                                .toList(),
                        list(socialHashtags).stream()
                                .map(t -> t.startsWith("#") ? t.substring(1) : t)
                                .toList()),
                publicUrl,
                smtpHost.isBlank()
                        ? null
                        : new MailSettings(
                                smtpHost,
                                smtpPort,
                                smtpFrom,
                                smtpSecurity,
                                System.getenv("EPICENTER_SMTP_USER"),
                                System.getenv("EPICENTER_SMTP_PASSWORD")),
                alerts,
                http(),
                StoreChoice.of(
                        store,
                        postgresUrl,
                        postgresUser,
                        System.getenv("EPICENTER_POSTGRES_PASSWORD"),
                        postgresSchema,
                        postgresPool),
                cluster());
    }

    private boolean clusterMode() {
        return kafka != null && !kafka.isBlank();
    }

    private boolean given(String flag, String env) {
        return (spec != null
                        && spec.commandLine().getParseResult() != null
                        && spec.commandLine().getParseResult().hasMatchedOption(flag))
                || System.getenv(env) != null;
    }

    private org.epicenter.server.cluster.ClusterSettings cluster() {
        if (kafka == null || kafka.isBlank()) {
            if (!"all".equalsIgnoreCase(role.strip())) {
                throw new IllegalArgumentException("--role " + role + " needs --kafka: one node does everything");
            }
            if (kafkaConfig != null) {
                throw new IllegalArgumentException("--kafka-config needs --kafka");
            }
            return null;
        }
        return new org.epicenter.server.cluster.ClusterSettings(
                kafka,
                kafkaTopic,
                kafkaPartitions,
                org.epicenter.server.cluster.ClusterSettings.Role.of(role),
                org.epicenter.server.cluster.ClusterSettings.readSecurity(kafkaConfig));
    }

    private HttpSettings http() {
        String proxies = trustedProxies != null && !trustedProxies.isEmpty()
                ? String.join(",", trustedProxies)
                : System.getenv("EPICENTER_TRUSTED_PROXIES");
        String[] prefixes = reporterPrefix.split(",");
        int v4;
        int v6;
        try {
            if (prefixes.length != 2) {
                throw new NumberFormatException();
            }
            v4 = Integer.parseInt(prefixes[0].strip());
            v6 = Integer.parseInt(prefixes[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--reporter-prefix must be two numbers, IPv4 then IPv6, like 24,48; got \"" + reporterPrefix
                            + "\"");
        }
        HttpSettings d = HttpSettings.defaults();
        return new HttpSettings(
                proxies == null || proxies.isBlank() ? HttpSettings.LOOPBACK : ProbeSettings.ranges(proxies),
                v4,
                v6,
                connectionsPerClient,
                Durations.parse(headerDeadline),
                Durations.parse(bodyDeadline),
                d.idleTimeout());
    }

    private static boolean onOff(String flag, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(flag + " must be on or off, got \"" + value + "\"");
        };
    }

    @Override
    public Integer call() throws Exception {
        ServerSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("epicenter serve: " + e.getMessage());
            return 2;
        }
        Epicenter epicenter;
        try {
            epicenter = Epicenter.start(
                    settings,
                    Clock.systemUTC(),
                    token -> System.out.printf(
                            "%nAdmin token (printed once, only its hash is stored; keep it now):%n  %s%n%n", token),
                    demo);
        } catch (CatalogException e) {
            System.err.println("epicenter serve: invalid catalog: " + e.getMessage());
            return 2;
        } catch (org.epicenter.server.alert.AlertConfig.Invalid e) {
            System.err.println("epicenter serve: invalid alerts file: " + e.getMessage());
            return 2;
        } catch (org.epicenter.store.sqlite.DataDirLock.DataDirInUse
                | org.epicenter.store.sqlite.SqliteStorage.CorruptDatabase
                | org.epicenter.store.postgres.PostgresStorage.Unavailable
                | org.epicenter.server.cluster.ReportLog.KafkaUnavailable
                | IllegalArgumentException e) {
            System.err.println("epicenter serve: " + e.getMessage());
            return 2;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            epicenter.close();
                            stopped.countDown();
                        },
                        "epicenter-shutdown"));
        System.out.printf("Epicenter is up: http://localhost:%d/api/v1/services%n", epicenter.port());
        if (demo) {
            System.out.printf(
                    "Demo: in 90 s, X, ChatGPT, Claude, Canva and Spotify (all behind Cloudflare) start failing. Watch it live:%n"
                            + "  curl -N -H 'Accept: text/event-stream' http://localhost:%d/api/v1/events%n"
                            + "  curl http://localhost:%d/api/v1/incidents?state=open%n",
                    epicenter.port(), epicenter.port());
        }
        stopped.await();
        return 0;
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
    }
}
