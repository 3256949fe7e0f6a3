package org.epicenter.probes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.epicenter.probe.ProbeOutcome;

/**
 * A TCP connect probe: resolves the host through the {@link AddressGuard}, connects to an allowed
 * address (the one that was checked, never a fresh lookup) within the timeout, and closes.
 */
public final class TcpProbe {
    private final AddressGuard guard;
    private final Clock clock;

    public TcpProbe(AddressGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    public ProbeRun run(String host, int port, Duration timeout) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        List<InetAddress> addresses;
        try {
            addresses = guard.resolve(host);
        } catch (UnknownHostException e) {
            return ProbeRun.failed("cannot resolve or not allowed: " + e.getMessage());
        }
        long start = clock.millis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(addresses.get(0), port), (int) Math.max(1, timeout.toMillis()));
            return new ProbeRun(
                    new ProbeOutcome(true, null, Duration.ofMillis(clock.millis() - start), null, null, null), null);
        } catch (java.net.SocketTimeoutException e) {
            return ProbeRun.failed("no answer from " + addresses.get(0).getHostAddress() + ":" + port + " within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return ProbeRun.failed(addresses.get(0).getHostAddress() + ":" + port + ": " + e.getMessage());
        }
    }
}
