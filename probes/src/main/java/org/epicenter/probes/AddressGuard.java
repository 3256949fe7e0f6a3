package org.epicenter.probes;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where probes (and their redirects, and webhooks) may connect. By default nothing internal:
 * loopback, private, link-local, carrier-grade NAT, multicast, reserved and documentation ranges,
 * and the cloud metadata addresses, in IPv4 and IPv6, including IPv4 addresses wrapped in IPv6
 * (mapped, compatible, NAT64). An operator opens named ranges with an allow-list (tests open
 * 127.0.0.0/8).
 *
 * <p>The check is on addresses, after DNS: {@link #resolve} returns only allowed addresses, and the
 * caller connects to exactly those, so a name that resolves to a public address for the check and
 * to an internal one for the connection (DNS rebinding) gains nothing.
 */
public final class AddressGuard {
    private record Blocked(Cidr range, String why) {}

    private static final List<Blocked> BLOCKED = List.of(
            b("0.0.0.0/8", "\"this network\""),
            b("10.0.0.0/8", "private"),
            b("100.64.0.0/10", "carrier-grade NAT"),
            b("127.0.0.0/8", "loopback"),
            b("169.254.0.0/16", "link-local (cloud metadata lives here)"),
            b("172.16.0.0/12", "private"),
            b("192.0.0.0/24", "IETF protocol assignments"),
            b("192.0.2.0/24", "documentation"),
            b("192.168.0.0/16", "private"),
            b("198.18.0.0/15", "benchmarking"),
            b("198.51.100.0/24", "documentation"),
            b("203.0.113.0/24", "documentation"),
            b("224.0.0.0/4", "multicast"),
            b("240.0.0.0/4", "reserved"),
            b("::/128", "unspecified"),
            b("::1/128", "loopback"),
            b("fc00::/7", "unique local (private)"),
            b("fe80::/10", "link-local"),
            b("ff00::/8", "multicast"),
            b("2001:db8::/32", "documentation"),
            b("100::/64", "discard"));

    private static Blocked b(String range, String why) {
        return new Blocked(Cidr.parse(range), why);
    }

    private final List<Cidr> allowed;

    private AddressGuard(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Nothing internal is reachable. */
    public static AddressGuard defaults() {
        return new AddressGuard(List.of());
    }

    /** Also lets through these ranges (an operator's explicit choice, e.g. an internal status page). */
    public static AddressGuard allowing(List<Cidr> ranges) {
        return new AddressGuard(ranges);
    }

    /** Empty when a connection to {@code address} is allowed, else why not. */
    public Optional<String> refusal(InetAddress address) {
        for (Cidr c : allowed) {
            if (c.contains(address)) {
                return Optional.empty();
            }
        }
        InetAddress judged = embeddedIpv4(address).orElse(address);
        for (Blocked b : BLOCKED) {
            if (b.range().contains(judged)) {
                return Optional.of(address.getHostAddress() + " is " + b.why() + " (" + b.range()
                        + "); probes may not reach it" + " unless an operator allows the range");
            }
        }
        return Optional.empty();
    }

    /**
     * The allowed addresses of {@code host}. Throws when the name does not resolve or when every
     * address it resolves to is refused (the message says why).
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        var ok = new ArrayList<InetAddress>();
        var refused = new ArrayList<String>();
        for (InetAddress a : all) {
            refusal(a).ifPresentOrElse(refused::add, () -> ok.add(a));
        }
        if (ok.isEmpty()) {
            throw new Refused(host + ": " + String.join("; ", refused));
        }
        return List.copyOf(ok);
    }

    /** Every address of the name is one the guard refuses: trying again will not help. */
    public static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] a = address.getAddress();
        boolean mapped = isZero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
        boolean compatible = isZero(a, 0, 12) && !isZero(a, 12, 16) && !(isZero(a, 12, 15) && a[15] == 1);
        boolean nat64 = (a[0] & 0xFF) == 0x00
                && (a[1] & 0xFF) == 0x64
                && (a[2] & 0xFF) == 0xFF
                && (a[3] & 0xFF) == 0x9B
                && isZero(a, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(Arrays.copyOfRange(a, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
