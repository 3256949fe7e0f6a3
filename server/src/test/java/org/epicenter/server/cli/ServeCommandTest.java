package org.epicenter.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.epicenter.server.ServerSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {
    @Test
    void withNothingSetTheFlagsGiveTheDocumentedDefaults() {
        assumeTrue(
                System.getenv().keySet().stream().noneMatch(k -> k.startsWith("EPICENTER_")),
                "EPICENTER_* variables are set in this environment");
        var serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.settings()).isEqualTo(ServerSettings.defaults());
    }

    @Test
    void flagsOverrideTheDefaults() {
        var serve = new ServeCommand();
        new CommandLine(serve)
                .parseArgs(
                        "--port",
                        "9090",
                        "--data",
                        "/tmp/e",
                        "--dedup-window",
                        "1h",
                        "--cors-origins",
                        "https://a.example, https://b.example",
                        "--country-header",
                        "CF-IPCountry");
        ServerSettings s = serve.settings();
        assertThat(s.port()).isEqualTo(9090);
        assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/e"));
        assertThat(s.dedupWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(s.corsOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(s.countryHeader()).isEqualTo("CF-IPCountry");
    }
}
