package org.epicenter.server.http;

import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.epicenter.ingest.ClientNetwork;
import org.epicenter.probes.Cidr;

/**
 * The client's network address: the socket peer, or, when the peer is a configured trusted proxy,
 * the address that proxy put in the configured header. A list header (X-Forwarded-For) is read from
 * its end: each trusted proxy appends the address it saw, so the rightmost entry that is not itself a
 * trusted proxy is the client. Entries further left are whatever the client chose to send and are
 * never believed, and a peer that is not a trusted proxy cannot set the header at all.
 * Used only to key the rate limiter and the reporter hash; never stored or logged.
 */
final class ClientAddress {
    private final String header;
    private final List<Cidr> trusted;

    ClientAddress(String header, List<Cidr> trustedProxies) {
        this.header = header;
        this.trusted = trustedProxies;
    }

    String of(HttpFields headers, String peer) {
        return fromHeaders(headers::getValuesList, peer);
    }

    /** The same, for a caller that reads headers by name (a Javalin context). */
    String fromHeaders(java.util.function.Function<String, List<String>> headers, String peer) {
        if (header.isEmpty() || !any(trusted, peer)) {
            return peer;
        }
        List<String> values = headers.apply(header);
        if (values.isEmpty()) {
            return peer;
        }
        String last = peer;
        for (int v = values.size() - 1; v >= 0; v--) {
            String[] entries = values.get(v).split(",");
            for (int i = entries.length - 1; i >= 0; i--) {
                String entry = entries[i].strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (ClientNetwork.parse(entry).isEmpty()) {
                    return peer; // not an address ("unknown", "1.2.3.4.", a typo): the proxy itself, one reporter
                }
                if (!any(trusted, entry)) {
                    return entry;
                }
                last = entry;
            }
        }
        return last; // every hop was a trusted proxy: the leftmost is the nearest thing to a client
    }

    /** Whether any of {@code ranges} holds {@code address} (an IP literal; anything else is in none). */
    static boolean any(List<Cidr> ranges, String address) {
        Optional<byte[]> a = ClientNetwork.parse(address);
        if (a.isEmpty()) {
            return false;
        }
        for (Cidr c : ranges) {
            if (c.contains(a.get())) {
                return true;
            }
        }
        return false;
    }
}
