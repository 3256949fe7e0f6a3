package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.epicenter.probe.Condition;
import org.junit.jupiter.api.Test;

/** A real TCP listener on 127.0.0.1, opened to the probe by the allow-list only. */
class TcpProbeTest {
    private final TcpProbe allowed =
            new TcpProbe(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());

    @Test
    void connectsToAListenerAndFailsOnAClosedPort() throws Exception {
        int closedPort;
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var r = allowed.run("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
            assertThat(r.error()).isNull();
            assertThat(Condition.parse("connected == true").failure(r.outcome()))
                    .isNull();
            assertThat(Condition.parse("latency < 2000ms").failure(r.outcome())).isNull();
            closedPort = server.getLocalPort();
        }
        var closed = allowed.run("127.0.0.1", closedPort, Duration.ofSeconds(2));
        assertThat(closed.outcome().connected()).isFalse();
        assertThat(closed.error()).startsWith("127.0.0.1:" + closedPort + ": ");
    }

    @Test
    void withoutTheAllowListLoopbackIsNotEvenTried() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var r = new TcpProbe(AddressGuard.defaults(), Clock.systemUTC())
                    .run("localhost", server.getLocalPort(), Duration.ofSeconds(2));
            assertThat(r.outcome().connected()).isFalse();
            assertThat(r.error()).contains("loopback").contains("unless an operator allows the range");
        }
    }
}
