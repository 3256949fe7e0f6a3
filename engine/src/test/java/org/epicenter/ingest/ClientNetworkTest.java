package org.epicenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientNetworkTest {
    private final ClientNetwork net = ClientNetwork.defaults();

    @Test
    void ipv4NetworksAreSlash24AndHostsTheAddress() {
        assertThat(net.network("203.0.113.7")).isEqualTo("4:cb0071");
        assertThat(net.network("203.0.113.255")).isEqualTo("4:cb0071");
        assertThat(net.network("203.0.113.7:51000")).isEqualTo("4:cb0071");
        assertThat(net.host("203.0.113.7")).isEqualTo("4:cb007107");
        assertThat(new ClientNetwork(32, 64).network("203.0.113.7")).isEqualTo("4:cb007107");
        assertThat(new ClientNetwork(20, 48).network("203.0.127.7")).isEqualTo("4:cb0070");
    }

    @Test
    void ipv6NetworksAreSlash48AndHostsSlash64() {
        assertThat(net.network("2001:db8:abcd:12::1")).isEqualTo("6:20010db8abcd");
        assertThat(net.network("[2001:DB8:ABCD:ffff::9]")).isEqualTo("6:20010db8abcd");
        assertThat(net.network("fe80::1%eth0")).isEqualTo("6:fe8000000000");
        assertThat(net.host("2001:db8:abcd:12::1")).isEqualTo("6:20010db8abcd0012");
        assertThat(net.host("2001:db8:abcd:12:ffff::2")).isEqualTo("6:20010db8abcd0012");
        assertThat(net.network("::ffff:203.0.113.9")).isEqualTo("4:cb0071");
    }

    @Test
    void anythingElseIsItsOwnNetworkAndIsNeverLookedUp() {
        assertThat(net.network("demo:r42")).isEqualTo("x:demo:r42");
        assertThat(net.network("localhost")).isEqualTo("x:localhost"); // not resolved
        assertThat(net.network("256.1.1.1")).isEqualTo("x:256.1.1.1");
        assertThat(net.network("1.2.3")).isEqualTo("x:1.2.3");
        assertThat(net.network("1.2.3.4.5")).isEqualTo("x:1.2.3.4.5");
        assertThat(net.network("deadbeef")).isEqualTo("x:deadbeef");
        assertThat(net.network("::g")).isEqualTo("x:::g");
        assertThat(net.network("[::1")).isEqualTo("x:[::1");
        assertThat(net.network("1:2:3:4:5:6:7:8:9")).startsWith("x:");
        assertThat(net.network("1::2::3")).startsWith("x:");
        assertThat(net.network("12345::1")).startsWith("x:");
        assertThat(net.network("1:2:3:4:5:6:7::8")).startsWith("x:"); // "::" must stand for at least one group
        assertThat(net.network("٣::1")).startsWith("x:"); // an Arabic-Indic digit is not a hex digit
        assertThat(net.host("::1")).isEqualTo("6:0000000000000000");
        assertThat(net.host("1:2:3:4:5:6:7:8")).isEqualTo("6:0001000200030004");
        assertThat(net.host("::ffff:10.1.2.3")).isEqualTo("4:0a010203");
        assertThat(net.network("")).isEqualTo("x:");
        assertThat(net.network(null)).isEqualTo("x:");
        assertThat(net.network("9".repeat(100))).startsWith("x:");
    }

    @Test
    void randomTextNeverThrows() {
        var random = new Random(17);
        String alphabet = "0123456789abcdefABCDEF:.[]%/ x-";
        for (int i = 0; i < 20_000; i++) {
            var b = new StringBuilder();
            for (int n = random.nextInt(48); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(net.network(b.toString())).matches("[46x]:.*");
        }
    }

    @Test
    void prefixesAreBounded() {
        assertThatThrownBy(() -> new ClientNetwork(8, 48)).hasMessageContaining("IPv4 reporter prefix must be 16-32");
        assertThatThrownBy(() -> new ClientNetwork(24, 96)).hasMessageContaining("IPv6 reporter prefix must be 32-64");
    }
}
