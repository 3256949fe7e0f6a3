package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.epicenter.probe.Condition;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The DNS probe against a real UDP DNS server on 127.0.0.1 that knows one name. */
class DnsProbeTest {
    private final DnsProbe probe =
            new DnsProbe(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());

    /**
     * Answers status.example. A 192.0.2.10, moved.example. with a wrong address (198.51.100.7),
     * SERVFAIL for broken.example., NXDOMAIN for anything else; stays silent when told to.
     */
    private static Thread server(DatagramSocket socket, boolean silent) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    var packet = new DatagramPacket(buf, buf.length);
                    socket.receive(packet);
                    if (silent) {
                        continue;
                    }
                    var query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                    var response = new Message(query.getHeader().getID());
                    response.getHeader().setFlag(Flags.QR);
                    response.addRecord(query.getQuestion(), Section.QUESTION);
                    Name asked = query.getQuestion().getName();
                    if (asked.equals(Name.fromString("status.example."))) {
                        response.addRecord(
                                new ARecord(asked, DClass.IN, 60, InetAddress.getByName("192.0.2.10")), Section.ANSWER);
                    } else if (asked.equals(Name.fromString("moved.example."))) {
                        response.addRecord(
                                new ARecord(asked, DClass.IN, 60, InetAddress.getByName("198.51.100.7")),
                                Section.ANSWER);
                    } else if (asked.equals(Name.fromString("broken.example."))) {
                        response.getHeader().setRcode(Rcode.SERVFAIL);
                    } else {
                        response.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] out = response.toWire();
                    socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                } catch (java.io.IOException e) {
                    return; // closed
                }
            }
        });
    }

    @Test
    void answersAndResponseCodesMeetConditions() throws Exception {
        try (var socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            server(socket, false);
            int port = socket.getLocalPort();
            var ok = probe.run(new DnsProbe.Request("status.example", "A", "127.0.0.1", port, Duration.ofSeconds(2)));
            assertThat(ok.error()).isNull();
            assertThat(Condition.parse("dns_rcode == NOERROR").failure(ok.outcome()))
                    .isNull();
            assertThat(Condition.parse("body contains \"192.0.2.10\"").failure(ok.outcome()))
                    .isNull();
            var missing =
                    probe.run(new DnsProbe.Request("nothing.example", "A", "127.0.0.1", port, Duration.ofSeconds(2)));
            assertThat(Condition.parse("dns_rcode == NOERROR").failure(missing.outcome()))
                    .isEqualTo("dns_rcode \"NXDOMAIN\", expected == \"NOERROR\"");
            var broken =
                    probe.run(new DnsProbe.Request("broken.example", "A", "127.0.0.1", port, Duration.ofSeconds(2)));
            assertThat(Condition.parse("dns_rcode == NOERROR").failure(broken.outcome()))
                    .isEqualTo("dns_rcode \"SERVFAIL\", expected == \"NOERROR\"");
            var moved = probe.run(new DnsProbe.Request("moved.example", "A", "127.0.0.1", port, Duration.ofSeconds(2)));
            assertThat(Condition.parse("dns_rcode == NOERROR").failure(moved.outcome()))
                    .isNull();
            assertThat(Condition.parse("body contains \"192.0.2.10\"").failure(moved.outcome()))
                    .as("the wrong address is caught by the expected answer")
                    .startsWith("body ")
                    .endsWith("expected contains \"192.0.2.10\"");
        }
    }

    @Test
    void aSilentResolverTimesOutAndAnInternalOneNeedsTheAllowList() throws Exception {
        try (var socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            server(socket, true);
            var r = probe.run(new DnsProbe.Request(
                    "status.example", "A", "127.0.0.1", socket.getLocalPort(), Duration.ofMillis(300)));
            assertThat(r.outcome().connected()).isFalse();
            assertThat(r.error())
                    .startsWith("no answer from resolver 127.0.0.1:" + socket.getLocalPort() + " within 300 ms");
            var refused = new DnsProbe(AddressGuard.defaults(), Clock.systemUTC())
                    .run(new DnsProbe.Request(
                            "status.example", "A", "127.0.0.1", socket.getLocalPort(), Duration.ofMillis(300)));
            assertThat(refused.error()).startsWith("resolver ").contains("loopback");
        }
        assertThatThrownBy(() -> new DnsProbe.Request("status.example", "PTRX", "8.8.8.8", 53, Duration.ofSeconds(1)))
                .hasMessageContaining("record type must be one of");
    }
}
