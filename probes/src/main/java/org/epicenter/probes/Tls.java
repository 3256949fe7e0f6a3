package org.epicenter.probes;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** The TLS handshake the HTTPS and TLS probes share: full chain and hostname verification, SNI by name. */
final class Tls {
    private Tls() {}

    /** The verified session over {@code plain} (already connected to a guarded address) and its leaf certificate. */
    record Session(SSLSocket socket, X509Certificate leaf) {
        Duration expiresIn(long nowMillis) {
            return Duration.ofMillis(leaf.getNotAfter().getTime() - nowMillis);
        }
    }

    static Session handshake(SSLContext context, Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        var leaf = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
        // PKIX does not check the validity of a trust anchor, so a pinned or self-issued certificate
        // could be served long after it expired: check the leaf here, whatever vouched for it.
        try {
            leaf.checkValidity();
        } catch (java.security.cert.CertificateExpiredException e) {
            ssl.close();
            throw new javax.net.ssl.SSLHandshakeException("the certificate of " + host + " expired at "
                    + leaf.getNotAfter().toInstant());
        } catch (java.security.cert.CertificateNotYetValidException e) {
            ssl.close();
            throw new javax.net.ssl.SSLHandshakeException("the certificate of " + host + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        return new Session(ssl, leaf);
    }

    static SSLContext jdkDefault() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    /** The most telling message of a handshake failure (the root cause names the expired or untrusted certificate). */
    static String why(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null
                ? top
                : top + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
