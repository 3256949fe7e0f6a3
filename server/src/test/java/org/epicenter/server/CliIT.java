package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.epicenter.catalog.CatalogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refusals and the operator's catalog file. */
class CliIT {
    @TempDir
    Path dir;

    @Test
    void anInvalidCatalogFileIsRefusedAtStartWithFileLineAndField() throws Exception {
        Path file = dir.resolve("ops.yaml");
        Files.writeString(file, """
                entries:
                  - id: my-bank
                    kind: service
                    name: {en: My Bank, ar: بنكي}
                    category: bank
                    hostnames: [mybank.example.com]
                    countries: [KSA]
                """);
        assertThatThrownBy(() -> new TestServer(
                        dir.resolve("data"),
                        s -> TestServer.with(s, "", "", 30, 10, List.of(), TestServer.ADMIN_TOKEN, file)))
                .isInstanceOf(CatalogException.class)
                .hasMessage(file
                        + ":7: entries[0].countries[0]: not an ISO 3166-1 alpha-2 country code (upper case, like SA)");
        assertThat(dir.resolve("data"))
                .as("refused before the store was created")
                .doesNotExist();
    }

    @Test
    void aValidCatalogFileExtendsTheDefaults() throws Exception {
        Path file = dir.resolve("ops.yaml");
        Files.writeString(file, """
                remove: [bet365]
                entries:
                  - {id: my-bank, kind: service, name: {en: My Bank, ar: بنكي}, category: bank, hostnames: [mybank.example.com]}
                """);
        try (var server = new TestServer(
                dir.resolve("data"),
                s -> TestServer.with(s, "", "", 30, 10, List.of(), TestServer.ADMIN_TOKEN, file))) {
            assertThat(server.get("/api/v1/services/my-bank").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/services/bet365").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void serveExplainsBadSettingsAndMissingFiles() {
        assertThat(run(
                        "serve",
                        "--catalog",
                        dir.resolve("missing.yaml").toString(),
                        "--data",
                        dir.resolve("d").toString(),
                        "--port",
                        "0"))
                .contains("invalid catalog: " + dir.resolve("missing.yaml") + ": file not found");
        assertThat(run(
                        "serve",
                        "--dedup-window",
                        "soon",
                        "--data",
                        dir.resolve("d").toString()))
                .contains("\"soon\" is not a duration");
        assertThat(run("serve", "--port", "70000", "--data", dir.resolve("d").toString()))
                .contains("port must be 0-65535");
        assertThat(run("serve", "--help"))
                .contains(
                        "--port", "EPICENTER_PORT", "--data", "--catalog", "--dedup-window", "EPICENTER_CORS_ORIGINS");
        assertThat(run("--help")).contains("serve");
    }

    private static String run(String... args) {
        return org.epicenter.server.cli.CommandRun.of(args).output();
    }
}
