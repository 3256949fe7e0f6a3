package org.epicenter.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of {@code epicenter serve}. Each has a default, a flag and an environment variable
 * (see {@link org.epicenter.server.cli.ServeCommand} and the README's table); nothing set means the
 * embedded store on port 8080.
 *
 * @param countryHeader  reverse-proxy header that carries the client's country (e.g. CF-IPCountry); empty = none
 * @param clientIpHeader reverse-proxy header with the client's address (e.g. X-Forwarded-For; its last entry is used); empty = the socket peer
 * @param adminToken     a fixed admin token (from the environment only); null = generate one at first start
 * @param probes         the server's own probe location, the allow-list of internal ranges, the agent token
 * @param publicUrl      the address people reach the pages at, for links in alerts; null = http://localhost:{port}
 * @param mail           the SMTP server for email alerts; null = no email channel
 * @param alertsFile     subscriptions and silences as YAML, applied at start (the admin API changes them too); null = none
 * @param http           trusted proxies, what one reporter is, connection limits and deadlines; null = {@link HttpSettings#defaults()}
 * @param store          the storage backend; null = SQLite under {@code dataDir}
 * @param cluster        cluster mode (Kafka, and this node's role); null = one node
 */
public record ServerSettings(
        String host,
        int port,
        Path dataDir,
        Path catalogFile,
        Duration dedupWindow,
        Duration rawRetention,
        Duration aggregateRetention,
        int reportsPerMinute,
        int reportBurst,
        int maxBodyBytes,
        String countryHeader,
        String clientIpHeader,
        List<String> corsOrigins,
        String adminToken,
        int commitBatch,
        ProbeSettings probes,
        String publicUrl,
        MailSettings mail,
        Path alertsFile,
        HttpSettings http,
        StoreChoice store,
        org.epicenter.server.cluster.ClusterSettings cluster) {

    public ServerSettings {
        check(port >= 0 && port <= 65_535, "port must be 0-65535, got " + port);
        check(!dedupWindow.isNegative(), "dedup window must not be negative, got " + dedupWindow);
        check(
                rawRetention.compareTo(Duration.ofHours(2)) >= 0,
                "raw retention must be at least 2h, got " + rawRetention);
        check(rawRetention.compareTo(dedupWindow) > 0, "raw retention must be longer than the dedup window");
        check(
                aggregateRetention.compareTo(Duration.ofDays(1)) >= 0,
                "aggregate retention must be at least 1d, got " + aggregateRetention);
        check(reportsPerMinute >= 1, "reports per minute must be at least 1, got " + reportsPerMinute);
        check(reportBurst >= 1, "report burst must be at least 1, got " + reportBurst);
        check(
                maxBodyBytes >= 256 && maxBodyBytes <= 1_048_576,
                "max body must be 256-1048576 bytes, got " + maxBodyBytes);
        check(commitBatch >= 1 && commitBatch <= 100_000, "commit batch must be 1-100000, got " + commitBatch);
        countryHeader = countryHeader == null ? "" : countryHeader.strip();
        clientIpHeader = clientIpHeader == null ? "" : clientIpHeader.strip();
        check(
                !clientIpHeader.equalsIgnoreCase("Forwarded"),
                "--client-ip-header Forwarded (RFC 7239, for=...) is not supported: use"
                        + " X-Forwarded-For, X-Real-IP or your proxy's own header (CF-Connecting-IP)");
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        if (adminToken != null && adminToken.isBlank()) {
            adminToken = null;
        }
        check(adminToken == null || adminToken.length() >= 24, "EPICENTER_ADMIN_TOKEN must be at least 24 characters");
        probes = probes == null ? ProbeSettings.defaults() : probes;
        http = http == null ? HttpSettings.defaults() : http;
        store = store == null ? new StoreChoice.Sqlite() : store;
        check(
                cluster == null || store instanceof StoreChoice.Postgres,
                "--kafka needs --store postgres: every node must share one store");
        if (publicUrl != null && publicUrl.isBlank()) {
            publicUrl = null;
        }
        check(
                publicUrl == null || publicUrl.matches("https?://[^\\s/]+(/\\S*)?"),
                "public URL must be http(s)://host[/path], got " + publicUrl);
    }

    /** The same settings with other network settings. */
    public ServerSettings withHttp(HttpSettings other) {
        return new ServerSettings(
                host,
                port,
                dataDir,
                catalogFile,
                dedupWindow,
                rawRetention,
                aggregateRetention,
                reportsPerMinute,
                reportBurst,
                maxBodyBytes,
                countryHeader,
                clientIpHeader,
                corsOrigins,
                adminToken,
                commitBatch,
                probes,
                publicUrl,
                mail,
                alertsFile,
                other,
                store,
                cluster);
    }

    /** Where links in alerts point. */
    public String publicUrlOrDefault() {
        return publicUrl != null ? publicUrl : "http://localhost:" + port;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults, for tests and embedding: port 8080, data in ./epicenter-data. */
    public static ServerSettings defaults() {
        return new ServerSettings(
                "0.0.0.0",
                8080,
                Path.of("epicenter-data"),
                null,
                Duration.ofMinutes(30),
                Duration.ofDays(30),
                Duration.ofDays(400),
                30,
                10,
                4096,
                "",
                "",
                List.of(),
                null,
                1024,
                ProbeSettings.defaults(),
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
