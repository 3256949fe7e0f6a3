package org.epicenter.ingest;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a report comes from, as the units that cost an attacker something: the <em>host</em> (an
 * IPv4 address, or an IPv6 /64, the smallest block an ISP gives a customer) and the <em>network</em>
 * (by default an IPv4 /24 or an IPv6 /48). A network counts as one reporter per service per dedup
 * window, whatever headers it sends: a client that rotates its User-Agent, or walks the 256
 * addresses of its /24, or the 2⁶⁴ of its /64, is still one reporter. The rate limiter keys on the
 * host. Neither key is stored: both are hashed under the day's key ({@link ReporterHasher}).
 *
 * <p>Parsing never looks anything up: only IPv4 dotted quads and IPv6 literals are addresses. Any
 * other text (a test's or the demo's made-up client) is its own host and network.
 */
public final class ClientNetwork {
    private static final HexFormat HEX = HexFormat.of();

    private final int v4Prefix;
    private final int v6Prefix;

    /** The network prefixes: IPv4 16-32 (default 24), IPv6 32-64 (default 48). */
    public ClientNetwork(int v4Prefix, int v6Prefix) {
        if (v4Prefix < 16 || v4Prefix > 32) {
            throw new IllegalArgumentException("IPv4 reporter prefix must be 16-32, got " + v4Prefix);
        }
        if (v6Prefix < 32 || v6Prefix > 64) {
            throw new IllegalArgumentException("IPv6 reporter prefix must be 32-64, got " + v6Prefix);
        }
        this.v4Prefix = v4Prefix;
        this.v6Prefix = v6Prefix;
    }

    public static ClientNetwork defaults() {
        return new ClientNetwork(24, 48);
    }

    /** The network that counts as one reporter: "4:" or "6:" and the masked address in hex, or "x:" and the raw text. */
    public String network(String address) {
        return key(address, v4Prefix, v6Prefix);
    }

    /** The host, for rate limits: an IPv4 address or an IPv6 /64. */
    public String host(String address) {
        return key(address, 32, 64);
    }

    private static String key(String address, int v4, int v6) {
        Optional<byte[]> parsed = parse(address);
        if (parsed.isEmpty()) {
            return "x:" + (address == null ? "" : address);
        }
        byte[] b = parsed.get();
        int bits = b.length == 4 ? v4 : v6;
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return (b.length == 4 ? "4:" : "6:") + HEX.formatHex(b, 0, (bits + 7) / 8);
    }

    /**
     * The address's bytes (4 or 16; an IPv4-mapped IPv6 address gives 4), or empty for text that is
     * not an IP literal. Accepts {@code [v6]}, {@code v6%zone} and {@code v4:port}.
     */
    public static Optional<byte[]> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            a = a.substring(1, close);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.isEmpty() || a.length() > 45) {
            return Optional.empty();
        }
        if (a.indexOf(':') < 0 || a.indexOf(':') == a.lastIndexOf(':') && a.indexOf('.') > 0) {
            int colon = a.indexOf(':');
            return v4(colon < 0 ? a : a.substring(0, colon)); // "1.2.3.4" or "1.2.3.4:5678"
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!(c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return Optional.empty();
            }
        }
        try {
            // a literal with a colon is parsed as IPv6 and never looked up
            InetAddress parsed = InetAddress.getByName(a);
            byte[] b = parsed.getAddress();
            return Optional.of(parsed instanceof Inet4Address ? b : b.clone());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> v4(String a) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= a.length(); i++) {
            char c = i == a.length() ? '.' : a.charAt(i);
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return Optional.empty();
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(out) : Optional.empty();
    }
}
