package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.ProbeSpec;
import org.epicenter.probe.ProbeResult;
import org.junit.jupiter.api.Test;

/** Catalog probes, as an operator writes them, run against real servers on 127.0.0.1 and judged by their conditions. */
class ProbeExecutorTest {
    private final ProbeExecutor executor =
            new ProbeExecutor(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());

    private static ProbeSpec spec(String yaml) {
        Catalog c = Catalog.of(List.of(CatalogCodec.readYaml("ops.yaml", """
                entries:
                  - id: pay
                    kind: service
                    name: {en: Pay, ar: دفع}
                    category: payments
                    probes:
                      - %s
                """.formatted(yaml))), List.of());
        return c.find("pay").orElseThrow().probes().get(0);
    }

    private ProbeResult run(ProbeSpec s) {
        return executor.run("pay", s, s.parsedChecks(), "riyadh");
    }

    @Test
    void conditionsDecideAndTheFirstFailedOneIsTheDetail() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", x -> {
            byte[] body = (x.getRequestURI().getPath().equals("/ok") ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                    .getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(x.getRequestURI().getPath().equals("/ok") ? 200 : 500, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ProbeResult ok = run(spec("{name: web, kind: http, target: \"" + base
                    + "/ok\", conditions: [\"status == 200\", \"body.status == \\\"UP\\\"\"]}"));
            ProbeResult bad = run(spec("{name: web, kind: http, target: \"" + base
                    + "/fail\", conditions: [\"status == 200\", \"body.status == \\\"UP\\\"\"]}"));
            ProbeResult tcp = run(spec("{name: port, kind: tcp, target: \"127.0.0.1:"
                    + server.getAddress().getPort() + "\"}"));

            assertThat(ok.ok()).isTrue();
            assertThat(ok.detail()).isNull();
            assertThat(ok.latencyMs()).isGreaterThanOrEqualTo(0);
            assertThat(ok.location()).isEqualTo("riyadh");
            assertThat(bad.ok()).isFalse();
            assertThat(bad.detail()).isEqualTo("status 500, expected == 200");
            assertThat(tcp.ok()).isTrue();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusedAndForbiddenTargetsFailWithTheirReason() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        ProbeResult refused = run(spec("{name: port, kind: tcp, target: \"127.0.0.1:" + closed + "\", timeout: 1s}"));
        ProbeResult metadata =
                run(spec("{name: meta, kind: http, target: \"http://169.254.169.254/latest/meta-data/\"}"));

        assertThat(refused.ok()).isFalse();
        assertThat(refused.detail()).contains("127.0.0.1:" + closed);
        assertThat(metadata.ok()).isFalse();
        assertThat(metadata.detail()).contains("not allowed");
    }
}
