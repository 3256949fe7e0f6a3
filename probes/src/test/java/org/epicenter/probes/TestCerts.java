package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates made at test time by the JDK's keytool: self-signed, for a chosen name and validity. */
final class TestCerts {
    private TestCerts() {}

    /**
     * A key store with one self-signed EC certificate.
     *
     * @param start keytool's -startdate ("-40d" for a certificate that began 40 days ago), or null for now
     */
    static KeyStore make(Path dir, String name, String san, String start, int validDays) throws Exception {
        Path file = dir.resolve(name + ".p12");
        var args = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "probe",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                String.valueOf(validDays),
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=" + san,
                "-keystore",
                file.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit"));
        if (start != null) {
            args.addAll(List.of("-startdate", start));
        }
        Process keytool = new ProcessBuilder(args).inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(file.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        return keys;
    }

    /** A server context presenting the store's certificate. */
    static SSLContext server(KeyStore keys) throws Exception {
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        var tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }

    /** A client context that trusts exactly the store's certificate (as an operator's own CA would be). */
    static SSLContext trusting(KeyStore keys) throws Exception {
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        var tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }
}
