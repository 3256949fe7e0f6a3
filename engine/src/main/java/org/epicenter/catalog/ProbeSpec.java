package org.epicenter.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.epicenter.probe.Condition;

/**
 * One active probe of a catalog entry, as written in the catalog YAML or sent to the admin API.
 *
 * <p>{@code target} by kind: {@code http} a URL ({@code https://www.whatsapp.com/}); {@code tcp} and
 * {@code tls} {@code host:port}; {@code dns} the name to look up, asked of {@code resolver}.
 * Defaults: interval 60s, timeout 10s, GET, 5 redirects, record A, resolver 1.1.1.1:53, quorum 2
 * (never more than the locations that have seen the probe work), and one condition per kind
 * ({@code status < 400}, {@code connected == true}, {@code dns_rcode == NOERROR}, {@code connected == true}).
 *
 * @param backupOf the name of the probe, in the same entry, this one is the backup path of (a second
 *                 CDN, a secondary DNS server, a backup payment processor); null for a primary
 * @param quorum   locations that must agree before the probe is down everywhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeSpec(
        @JsonProperty(required = true) @JsonDeserialize(using = Fields.Slug.class)
        String name,

        @JsonProperty(required = true) ProbeKind kind,
        @JsonProperty(required = true) String target,
        String method,
        Map<String, String> headers,
        String interval,
        String timeout,
        Integer redirects,
        String record,
        String resolver,

        @JsonDeserialize(contentUsing = Fields.ConditionText.class)
        List<String> conditions,

        @JsonDeserialize(using = Fields.Slug.class) String backupOf,
        Integer quorum) {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.?");
    private static final Set<String> RECORDS = Set.of("A", "AAAA", "CNAME", "NS", "MX", "TXT", "SOA");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");

    public ProbeSpec {
        if (name == null) {
            throw new IllegalArgumentException("missing required field \"name\"");
        }
        if (kind == null) {
            throw new IllegalArgumentException("missing required field \"kind\"");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("probe " + name + ": missing required field \"target\"");
        }
        String where = "probe " + name + ": ";
        switch (kind) {
            case HTTP -> url(where, target);
            case TCP, TLS -> {
                if (!HOST_PORT.matcher(target).matches() || port(target) < 1 || port(target) > 65_535) {
                    throw new IllegalArgumentException(
                            where + "target \"" + target + "\" is not host:port (port 1-65535)");
                }
            }
            case DNS -> {
                if (!DNS_NAME.matcher(target).matches()) {
                    throw new IllegalArgumentException(where + "target \"" + target + "\" is not a DNS name");
                }
            }
        }
        only(where, kind == ProbeKind.HTTP, method, "method", "http");
        only(where, kind == ProbeKind.HTTP, headers, "headers", "http");
        only(where, kind == ProbeKind.HTTP, redirects, "redirects", "http");
        only(where, kind == ProbeKind.DNS, record, "record", "dns");
        only(where, kind == ProbeKind.DNS, resolver, "resolver", "dns");
        if (method != null && !METHODS.contains(method)) {
            throw new IllegalArgumentException(
                    where + "method must be one of GET, HEAD, POST, PUT, OPTIONS, got \"" + method + "\"");
        }
        if (headers != null) {
            for (var h : headers.entrySet()) {
                if (!h.getKey().matches("[A-Za-z0-9-]{1,64}")
                        || h.getValue() == null
                        || h.getValue().length() > 1024
                        || h.getValue().contains("\r")
                        || h.getValue().contains("\n")) {
                    throw new IllegalArgumentException(where + "header \"" + h.getKey()
                            + "\" must be a token name with a one-line value of at most 1024 characters");
                }
            }
            headers = Map.copyOf(headers);
        }
        if (redirects != null && (redirects < 0 || redirects > 10)) {
            throw new IllegalArgumentException(where + "redirects must be 0-10, got " + redirects);
        }
        if (record != null && !RECORDS.contains(record)) {
            throw new IllegalArgumentException(
                    where + "record must be one of " + RECORDS.stream().sorted().toList() + ", got \"" + record + "\"");
        }
        if (resolver != null) {
            String r = resolver.contains(":")
                            && !resolver.startsWith("[")
                            && resolver.indexOf(':') == resolver.lastIndexOf(':')
                    ? resolver
                    : resolver + ":53";
            if (!HOST_PORT.matcher(r).matches() || port(r) < 1 || port(r) > 65_535) {
                throw new IllegalArgumentException(where + "resolver \"" + resolver + "\" is not host or host:port");
            }
        }
        Duration every = duration(where, "interval", interval, Duration.ofSeconds(60));
        Duration wait = duration(where, "timeout", timeout, Duration.ofSeconds(10));
        if (every.compareTo(Duration.ofSeconds(5)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(where + "interval must be 5s-1d, got " + interval);
        }
        if (wait.compareTo(Duration.ofMillis(100)) < 0 || wait.compareTo(every) > 0) {
            throw new IllegalArgumentException(
                    where + "timeout must be at least 100ms and no longer than the interval (" + every.toSeconds()
                            + "s), got " + timeout);
        }
        if (conditions != null) {
            if (conditions.isEmpty() || conditions.size() > 20) {
                throw new IllegalArgumentException(
                        where + "conditions must hold 1-20 conditions (leave it out for the default)");
            }
            conditions.forEach(Condition::parse);
            conditions = List.copyOf(conditions);
        }
        if (backupOf != null && backupOf.equals(name)) {
            throw new IllegalArgumentException(where + "a probe cannot be the backup of itself");
        }
        if (quorum != null && (quorum < 1 || quorum > 100)) {
            throw new IllegalArgumentException(where + "quorum must be 1-100, got " + quorum);
        }
    }

    static void url(String where, String target) {
        try {
            URI u = new URI(target);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException(
                        where + "target \"" + target + "\" must be an http:// or https:// URL with a host");
            }
            if (u.getUserInfo() != null) {
                throw new IllegalArgumentException(where + "target must not carry credentials in the URL; use headers");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    where + "target \"" + target + "\" is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void only(String where, boolean applies, Object value, String field, String kind) {
        if (!applies && value != null) {
            throw new IllegalArgumentException(where + "\"" + field + "\" applies only to " + kind + " probes");
        }
    }

    static Duration duration(String where, String field, String raw, Duration fallback) {
        if (raw == null) {
            return fallback;
        }
        var m = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)").matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    where + field + " \"" + raw + "\" is not a duration like 500ms, 30s, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** How often the probe runs. */
    public Duration every() {
        return duration("", "interval", interval, Duration.ofSeconds(60));
    }

    /** How long one run may take in all. */
    public Duration deadline() {
        return duration("", "timeout", timeout, Duration.ofSeconds(10));
    }

    public String httpMethod() {
        return method == null ? "GET" : method;
    }

    public Map<String, String> httpHeaders() {
        return headers == null ? Map.of() : headers;
    }

    public int maxRedirects() {
        return redirects == null ? 5 : redirects;
    }

    public String dnsRecord() {
        return record == null ? "A" : record;
    }

    /** The resolver as host and port ("1.1.1.1", 53). */
    public String resolverHost() {
        String r = resolver == null ? "1.1.1.1" : resolver;
        if (r.startsWith("[")) {
            int close = r.indexOf(']');
            return r.substring(1, close);
        }
        return r.contains(":") && r.indexOf(':') == r.lastIndexOf(':') ? r.substring(0, r.indexOf(':')) : r;
    }

    public int resolverPort() {
        String r = resolver == null ? "1.1.1.1" : resolver;
        if (r.startsWith("[")) {
            int close = r.indexOf(']');
            return close + 1 < r.length() && r.charAt(close + 1) == ':' ? Integer.parseInt(r.substring(close + 2)) : 53;
        }
        return r.contains(":") && r.indexOf(':') == r.lastIndexOf(':')
                ? Integer.parseInt(r.substring(r.indexOf(':') + 1))
                : 53;
    }

    /** For tcp and tls: the host of {@code host:port}, without brackets. */
    public String host() {
        String h = target.substring(0, target.lastIndexOf(':'));
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    public int targetPort() {
        return port(target);
    }

    /** The conditions as written, or the kind's default. */
    public List<String> checks() {
        if (conditions != null) {
            return conditions;
        }
        return switch (kind) {
            case HTTP -> List.of("status < 400");
            case DNS -> List.of("dns_rcode == NOERROR");
            case TCP, TLS -> List.of("connected == true");
        };
    }

    /** The parsed conditions. */
    public List<Condition> parsedChecks() {
        return checks().stream().map(Condition::parse).toList();
    }

    public int quorumOrDefault() {
        return quorum == null ? 2 : quorum;
    }
}
