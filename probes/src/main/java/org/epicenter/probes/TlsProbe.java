package org.epicenter.probes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.epicenter.probe.ProbeOutcome;

/**
 * A TLS probe: connects to a guarded address, completes the handshake with chain and hostname
 * verification, and reads how long the server certificate has left ({@code cert_expiry > 14d}).
 * An expired, untrusted (self-signed) or wrong-host certificate fails the handshake, and the error
 * says which.
 */
public final class TlsProbe {
    private final AddressGuard guard;
    private final Clock clock;
    private final SSLContext tls;

    public TlsProbe(AddressGuard guard, Clock clock) {
        this(guard, clock, Tls.jdkDefault());
    }

    public TlsProbe(AddressGuard guard, Clock clock, SSLContext tls) {
        this.guard = guard;
        this.clock = clock;
        this.tls = tls;
    }

    public ProbeRun run(String host, int port, Duration timeout) {
        List<InetAddress> addresses;
        try {
            addresses = guard.resolve(host);
        } catch (UnknownHostException e) {
            return ProbeRun.failed("cannot resolve or not allowed: " + e.getMessage());
        }
        long start = clock.millis();
        int wait = (int) Math.max(1, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(addresses.get(0), port), wait);
            plain.setSoTimeout((int) Math.max(1, wait - (clock.millis() - start)));
            Tls.Session session = Tls.handshake(tls, plain, host, port);
            Duration expiry = session.expiresIn(clock.millis());
            session.socket().close();
            return new ProbeRun(
                    new ProbeOutcome(true, null, Duration.ofMillis(clock.millis() - start), null, expiry, null), null);
        } catch (SocketTimeoutException e) {
            return ProbeRun.failed("no handshake with " + addresses.get(0).getHostAddress() + ":" + port + " within "
                    + timeout.toMillis() + " ms");
        } catch (SSLException e) {
            return ProbeRun.failed("TLS: " + Tls.why(e));
        } catch (IOException e) {
            return ProbeRun.failed(addresses.get(0).getHostAddress() + ":" + port + ": " + e.getMessage());
        }
    }
}
