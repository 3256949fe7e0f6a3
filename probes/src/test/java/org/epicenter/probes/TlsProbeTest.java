package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.epicenter.probe.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS handshakes against real TLS servers on 127.0.0.1 with certificates made for each case. */
class TlsProbeTest {
    private static final AddressGuard LOOPBACK =
            AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));

    @TempDir
    Path dir;

    private final List<ServerSocket> servers = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    /** A TLS server that completes handshakes with the store's certificate. */
    private int serve(KeyStore keys) throws Exception {
        SSLServerSocket server = (SSLServerSocket) TestCerts.server(keys)
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        servers.add(server);
        Thread.startVirtualThread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(2_000);
                    s.startHandshake();
                } catch (IOException ignored) {
                    // a client that refuses our certificate ends the handshake; go on serving
                }
            }
        });
        return server.getLocalPort();
    }

    @Test
    void aGoodCertificateHandsOverItsExpiry() throws Exception {
        KeyStore keys = TestCerts.make(dir, "localhost", "dns:localhost", null, 30);
        int port = serve(keys);

        ProbeRun run = new TlsProbe(LOOPBACK, Clock.systemUTC(), TestCerts.trusting(keys))
                .run("localhost", port, Duration.ofSeconds(5));

        assertThat(run.error()).isNull();
        assertThat(Condition.parse("cert_expiry > 14d").failure(run.outcome())).isNull();
        assertThat(Condition.parse("cert_expiry > 45d").failure(run.outcome()))
                .isEqualTo("cert_expiry 30.0d, expected > 45d");
    }

    @Test
    void expiredSelfSignedAndWrongHostCertificatesFailAndSayWhy() throws Exception {
        KeyStore expired = TestCerts.make(dir, "localhost", "dns:localhost", "-40d", 30);
        KeyStore wrongHost = TestCerts.make(dir, "elsewhere", "dns:elsewhere.example", null, 30);
        KeyStore selfSigned = TestCerts.make(dir, "self", "dns:localhost", null, 30);

        ProbeRun e = new TlsProbe(LOOPBACK, Clock.systemUTC(), TestCerts.trusting(expired))
                .run("localhost", serve(expired), Duration.ofSeconds(5));
        ProbeRun w = new TlsProbe(LOOPBACK, Clock.systemUTC(), TestCerts.trusting(wrongHost))
                .run("localhost", serve(wrongHost), Duration.ofSeconds(5));
        // the JDK's own trust store does not know a self-signed certificate
        ProbeRun s =
                new TlsProbe(LOOPBACK, Clock.systemUTC()).run("localhost", serve(selfSigned), Duration.ofSeconds(5));

        assertThat(e.outcome().connected()).isFalse();
        assertThat(e.error()).startsWith("TLS: ").containsIgnoringCase("expired");
        assertThat(w.outcome().connected()).isFalse();
        assertThat(w.error()).startsWith("TLS: ").contains("localhost");
        assertThat(s.outcome().connected()).isFalse();
        assertThat(s.error()).startsWith("TLS: ").containsIgnoringCase("certification path");
    }

    @Test
    void aServerThatNeverHandshakesTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeRun run = new TlsProbe(LOOPBACK, Clock.systemUTC())
                    .run("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300));

            assertThat(run.outcome().connected()).isFalse();
            assertThat(run.error()).contains("no handshake").contains("within 300 ms");
        }
    }

    @Test
    void internalAddressesAreRefusedByDefault() {
        ProbeRun run =
                new TlsProbe(AddressGuard.defaults(), Clock.systemUTC()).run("127.0.0.1", 443, Duration.ofSeconds(1));

        assertThat(run.error()).contains("not allowed");
    }
}
