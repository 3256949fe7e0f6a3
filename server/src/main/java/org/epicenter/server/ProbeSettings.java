package org.epicenter.server;

import java.util.List;
import org.epicenter.probes.Cidr;

/**
 * How the server reaches out: its own probes, and the official status feeds it polls.
 *
 * @param location   the name of the server's own location ("server"); null = the server runs no probes itself (agents still can)
 * @param allow      address ranges probes and feeds may reach although internal (loopback, private, link-local); empty = none
 * @param agentToken a token agents present instead of the admin token (from the environment only); null = admin token only
 * @param feeds      whether the server polls the catalog's official status feeds
 */
public record ProbeSettings(
        String location,
        List<Cidr> allow,
        String agentToken,
        boolean feeds,
        List<java.net.URI> mastodon,
        List<String> hashtags) {
    public ProbeSettings(String location, List<Cidr> allow, String agentToken, boolean feeds) {
        this(location, allow, agentToken, feeds, List.of(), List.of());
    }

    public ProbeSettings {
        mastodon = mastodon == null ? List.of() : List.copyOf(mastodon);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        for (java.net.URI u : mastodon) {
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException(
                        "--social-mastodon takes http(s) URLs of instances, got \"" + u + "\"");
            }
        }
        for (String h : hashtags) {
            if (!h.matches("[\\p{L}\\p{N}_]{1,100}")) {
                throw new IllegalArgumentException(
                        "--social-hashtags takes hashtags without '#' (letters, digits, '_'), got \"" + h + "\"");
            }
        }
        if (location != null && location.isBlank()) {
            location = null;
        }
        if (location != null && !location.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "probe location must be a lowercase name of 1-40 letters, digits and dashes, got \"" + location
                            + "\"");
        }
        allow = allow == null ? List.of() : List.copyOf(allow);
        if (agentToken != null && agentToken.isBlank()) {
            agentToken = null;
        }
        if (agentToken != null && agentToken.length() < 24) {
            throw new IllegalArgumentException("EPICENTER_AGENT_TOKEN must be at least 24 characters");
        }
    }

    /** "10.0.0.0/8, 127.0.0.1": a typo is refused with what is wrong. */
    public static List<Cidr> ranges(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .map(Cidr::parse)
                .toList();
    }

    /** The server probes from location "server" and polls feeds; nothing internal is reachable. */
    public static ProbeSettings defaults() {
        return new ProbeSettings("server", List.of(), null, true);
    }

    /** No local probes and no feeds (tests that are not about them). */
    public static ProbeSettings off() {
        return new ProbeSettings(null, List.of(), null, false);
    }
}
