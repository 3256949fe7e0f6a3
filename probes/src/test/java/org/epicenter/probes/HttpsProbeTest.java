package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.epicenter.probe.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a real TLS server on 127.0.0.1 with a certificate made for the test by the JDK's
 * keytool (valid 30 days, for "localhost"): verification is on, so the name must match.
 */
class HttpsProbeTest {
    @TempDir
    Path dir;

    @Test
    void certificatesAreVerifiedAndTheirExpiryIsReadable() throws Exception {
        KeyStore keys = TestCerts.make(dir, "localhost", "dns:localhost", null, 30);
        SSLContext serverTls = TestCerts.server(keys);
        SSLContext trusting = TestCerts.trusting(keys);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", x -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            var guard = AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
            var ok = new HttpProbe(guard, Clock.systemUTC(), trusting)
                    .run(HttpProbe.Request.get(URI.create("https://localhost:" + port + "/")));
            assertThat(ok.error()).isNull();
            assertThat(Condition.parse("body.status == \"UP\"").failure(ok.outcome()))
                    .isNull();
            assertThat(Condition.parse("cert_expiry > 14d").failure(ok.outcome()))
                    .isNull();
            assertThat(Condition.parse("cert_expiry > 45d").failure(ok.outcome()))
                    .isEqualTo("cert_expiry 30.0d, expected > 45d");

            // the same server by address: the certificate names localhost, not 127.0.0.1
            var wrongName = new HttpProbe(guard, Clock.systemUTC(), trusting)
                    .run(HttpProbe.Request.get(URI.create("https://127.0.0.1:" + port + "/")));
            assertThat(wrongName.outcome().connected()).isFalse();
            assertThat(wrongName.error()).startsWith("TLS: ").contains("127.0.0.1");
            // and with the JDK's own trust store the test certificate is not trusted at all
            var untrusted = new HttpProbe(guard, Clock.systemUTC())
                    .run(HttpProbe.Request.get(URI.create("https://localhost:" + port + "/")));
            assertThat(untrusted.outcome().connected()).isFalse();
            assertThat(untrusted.error()).startsWith("TLS: ").containsIgnoringCase("certification path");
        } finally {
            server.stop(0);
        }
    }
}
