package org.epicenter.ingest;

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

    /** The host, for rate limits: an IPv4 address or an IPv6 /64 (whatever the network prefixes). */
    public static String host(String address) {
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
        return v6(a);
    }

    /** An IPv6 literal (with "::" and an IPv4 tail allowed); an IPv4-mapped address gives its 4 bytes. */
    private static Optional<byte[]> v6(String a) {
        int gap = a.indexOf("::");
        if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap < 0 ? a : a.substring(0, gap);
        String tail = gap < 0 ? "" : a.substring(gap + 2);
        byte[] left = new byte[16];
        byte[] right = new byte[16];
        int l = groups(head, left, gap < 0);
        int r = gap < 0 ? 0 : groups(tail, right, true);
        if (l < 0 || r < 0 || (gap < 0 ? l != 16 : l + r > 14)) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        System.arraycopy(left, 0, out, 0, l);
        System.arraycopy(right, 0, out, 16 - r, r);
        boolean mapped = out[10] == (byte) 0xFF && out[11] == (byte) 0xFF;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = out[i] == 0;
        }
        return Optional.of(mapped ? java.util.Arrays.copyOfRange(out, 12, 16) : out);
    }

    /** Parses colon-separated hex groups (the last may be an IPv4 address when {@code last}) into {@code out}; bytes written or -1. */
    private static int groups(String text, byte[] out, boolean last) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] parts = text.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
                Optional<byte[]> four = v4(part);
                if (four.isEmpty() || n + 4 > 16) {
                    return -1;
                }
                System.arraycopy(four.get(), 0, out, n, 4);
                n += 4;
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || n + 2 > 16) {
                return -1;
            }
            int value = 0;
            for (int k = 0; k < part.length(); k++) {
                char c = part.charAt(k);
                int d = c < 128 ? Character.digit(c, 16) : -1; // ASCII only: no Arabic-Indic or full-width digits
                if (d < 0) {
                    return -1;
                }
                value = value * 16 + d;
            }
            out[n++] = (byte) (value >> 8);
            out[n++] = (byte) value;
        }
        return n;
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
