package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default catalog's probes, run by the server itself on real time. On this offline machine they
 * fail from the first run; online they work. Either way they must not flood the incident list or
 * raise backup findings.
 */
class DefaultProbesIT {
    @TempDir
    Path dir;

    @Test
    void defaultProbesRunAndOfflineFailuresRaiseNothing() throws Exception {
        try (var server = TestServer.realTime(dir, s -> TestServer.withProbes(s, ProbeSettings.defaults()))) {
            var counted = Pattern.compile(
                    "epicenter_probe_results_total\\{location=\"server\",outcome=\"(ok|failed)\"} (\\d+)");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long results = 0;
            while (results < 20 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                var m = counted.matcher(server.get("/metrics").body());
                results = 0;
                while (m.find()) {
                    results += Long.parseLong(m.group(2));
                }
            }
            assertThat(results)
                    .as("probe results from location server within 30 s")
                    .isGreaterThanOrEqualTo(20);
            server.detectNow();

            assertThat(TestServer.json(server.get("/api/v1/incidents")).path("incidents"))
                    .isEmpty();
            assertThat(TestServer.json(server.get("/api/v1/probes/findings")).path("backupFindings"))
                    .isEmpty();
            var services = TestServer.json(server.get("/api/v1/services")).path("services");
            services.forEach(s -> assertThat(s.path("probeStatus").asText("up"))
                    .as(s.path("id").asText())
                    .isIn("up", "degraded"));
        }
    }
}
