package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes stay out of internal networks unless an operator opens a range. Addresses here are literals: no DNS. */
class AddressGuardTest {
    private final AddressGuard guard = AddressGuard.defaults();

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void internalAddressesAreRefusedInEveryDisguise() throws Exception {
        for (String internal : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.100.100.200",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fd00:ec2::254",
                "fc00::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "::127.0.0.1")) {
            assertThat(guard.refusal(ip(internal))).as(internal).isPresent();
        }
        assertThat(guard.refusal(ip("169.254.169.254")).orElseThrow())
                .contains("link-local")
                .contains("cloud metadata");
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String external : List.of(
                "1.1.1.1",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "2606:4700:4700::1111",
                "::ffff:1.1.1.1",
                "64:ff9b::808:808")) {
            assertThat(guard.refusal(ip(external))).as(external).isEmpty();
        }
    }

    @Test
    void anOperatorOpensNamedRangesOnly() throws Exception {
        var opened = AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.20.0.0/16")));
        assertThat(opened.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(opened.refusal(ip("10.20.3.4"))).isEmpty();
        assertThat(opened.refusal(ip("10.21.3.4"))).isPresent();
        assertThat(opened.refusal(ip("::1"))).isPresent();
    }

    @Test
    void aNameIsJudgedByWhatItResolvesTo() throws Exception {
        assertThatThrownBy(() -> guard.resolve("localhost"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("loopback");
        assertThat(AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")))
                        .resolve("localhost"))
                .isNotEmpty();
    }

    @Test
    void badRangesAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("from 0 to 32");
        assertThatThrownBy(() -> Cidr.parse("intranet")).hasMessageContaining("is not an address range");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("must be a number");
        assertThat(Cidr.parse("fd00::/8").contains(InetAddressLiteral.of("fd12::1")))
                .isTrue();
    }

    /** Literal addresses without a checked exception, for assertions. */
    private static final class InetAddressLiteral {
        static InetAddress of(String literal) {
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
