package org.epicenter.server;

import java.time.Duration;
import java.util.List;
import org.epicenter.probes.Cidr;

/**
 * How the server treats the network it faces: which peers are proxies whose client-address header
 * is believed, what counts as one reporter, and the limits that keep a slow or greedy client from
 * holding the server.
 *
 * @param trustedProxies       ranges whose {@code --client-ip-header} is believed (default: loopback, a proxy on the same host)
 * @param reporterPrefixV4     an IPv4 network of this prefix counts as one reporter (16-32, default 24)
 * @param reporterPrefixV6     an IPv6 network of this prefix counts as one reporter (32-64, default 48)
 * @param connectionsPerClient open connections one client address may hold (trusted proxies are exempt)
 * @param headerDeadline       a request's whole header must arrive within this time
 * @param bodyDeadline         a request's whole body must arrive within this time after its header
 * @param idleTimeout          a connection that sends nothing for this long is closed
 */
public record HttpSettings(
        List<Cidr> trustedProxies,
        int reporterPrefixV4,
        int reporterPrefixV6,
        int connectionsPerClient,
        Duration headerDeadline,
        Duration bodyDeadline,
        Duration idleTimeout) {
    public static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));

    public HttpSettings {
        trustedProxies = trustedProxies == null ? LOOPBACK : List.copyOf(trustedProxies);
        check(
                reporterPrefixV4 >= 16 && reporterPrefixV4 <= 32,
                "reporter prefix for IPv4 must be 16-32, got " + reporterPrefixV4);
        check(
                reporterPrefixV6 >= 32 && reporterPrefixV6 <= 64,
                "reporter prefix for IPv6 must be 32-64, got " + reporterPrefixV6);
        check(
                connectionsPerClient >= 1 && connectionsPerClient <= 100_000,
                "connections per client must be 1-100000, got " + connectionsPerClient);
        check(
                !headerDeadline.isNegative()
                        && !headerDeadline.isZero()
                        && headerDeadline.compareTo(Duration.ofMinutes(10)) <= 0,
                "header deadline must be more than 0 and at most 10m, got " + headerDeadline);
        check(
                !bodyDeadline.isNegative()
                        && !bodyDeadline.isZero()
                        && bodyDeadline.compareTo(Duration.ofMinutes(10)) <= 0,
                "body deadline must be more than 0 and at most 10m, got " + bodyDeadline);
        check(
                idleTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && idleTimeout.compareTo(Duration.ofHours(1)) <= 0,
                "idle timeout must be 1s-1h, got " + idleTimeout);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(
                LOOPBACK, 24, 48, 64, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public HttpSettings withTrustedProxies(List<Cidr> proxies) {
        return new HttpSettings(
                proxies,
                reporterPrefixV4,
                reporterPrefixV6,
                connectionsPerClient,
                headerDeadline,
                bodyDeadline,
                idleTimeout);
    }

    public HttpSettings withLimits(int connections, Duration header, Duration body) {
        return new HttpSettings(
                trustedProxies, reporterPrefixV4, reporterPrefixV6, connections, header, body, idleTimeout);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
