package org.epicenter.server.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * The client's network address, from the socket peer or, behind a reverse proxy, from a configured
 * header. For a list header (X-Forwarded-For) the last entry is the one the operator's own proxy
 * appended; earlier entries are whatever the client chose to send, so they are not trusted.
 * Used only to key the rate limiter and the reporter hash; never stored or logged.
 */
final class ClientAddress {
    private final String header;

    ClientAddress(String header) {
        this.header = header;
    }

    String of(HttpFields headers, String peer) {
        if (!header.isEmpty()) {
            String value = headers.get(header);
            if (value != null && !value.isBlank()) {
                int comma = value.lastIndexOf(',');
                return (comma < 0 ? value : value.substring(comma + 1)).strip();
            }
        }
        return peer;
    }
}
