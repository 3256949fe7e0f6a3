package org.epicenter.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.epicenter.probe.ProbeResult;
import org.junit.jupiter.api.Test;

/**
 * Probe results shared between nodes through a real broker: what one node publishes reaches the
 * others' boards, never its own twice; what was on the topic before a node started is not replayed
 * (the node read it from the store); a broken record is skipped.
 */
class ProbeLogIT {
    private static final Instant T = Instant.parse("2025-11-18T11:20:00Z");

    @Test
    void everyOtherNodeGetsEveryResultOnce() throws Exception {
        try (var kafka = TestKafka.oneBroker()) {
            var s = new ClusterSettings(kafka.bootstrapServers(), "epicenter.reports", 3, ClusterSettings.Role.ALL);
            ReportLog.ensureTopic(s, ProbeLog.topic(s));
            try (var early = new ProbeLog(s, "early")) {
                early.publish(List.of(result("before", true))); // before the others started: in the store, not replayed
                Thread.sleep(500);
                try (var x = new ProbeLog(s, "x");
                        var y = new ProbeLog(s, "y")) {
                    var atX = new CopyOnWriteArrayList<ProbeResult>();
                    var atY = new CopyOnWriteArrayList<ProbeResult>();
                    x.follow(atX::addAll);
                    y.follow(atY::addAll);
                    var fromX = List.of(result("web", false), result("dns", true), result("web", false));
                    x.publish(fromX);
                    y.publish(List.of(result("tls", true)));
                    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                    while ((atY.size() < 3 || atX.isEmpty()) && Instant.now().isBefore(deadline)) {
                        Thread.sleep(100);
                    }
                    Thread.sleep(1_000); // anything further would arrive now
                    assertThat(atY).containsExactlyInAnyOrderElementsOf(fromX);
                    assertThat(atX).containsExactly(result("tls", true));
                }
            }
        }
    }

    @Test
    void brokenRecordsAreRefusedWithAReason() {
        var r = new ProbeResult("whatsapp", "web", "riyadh", T, false, 1234, "HTTP 503 «خطأ»");
        assertThat(ProbeLog.decode(ProbeLog.encode("n1", r))).isEqualTo(new ProbeLog.Shared("n1", r));
        for (String bad : List.of(
                "",
                "[]",
                "{\"v\":2}",
                "{\"v\":1,\"n\":\"a\",\"e\":\"x\",\"p\":\"web\",\"l\":\"\",\"t\":1,\"ok\":true,\"ms\":1}",
                "{\"v\":1,\"n\":\"a\",\"e\":\"x\",\"p\":\"web\",\"l\":\"r\",\"t\":\"soon\",\"ok\":true,\"ms\":1}",
                "{\"v\":1,\"n\":\"a\",\"e\":\"x\",\"p\":\"web\",\"l\":\"r\",\"t\":1,\"ok\":\"yes\",\"ms\":1}")) {
            assertThatThrownBy(() -> ProbeLog.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static ProbeResult result(String probe, boolean ok) {
        return new ProbeResult("whatsapp", probe, "riyadh", T, ok, 120, ok ? null : "timeout");
    }
}
