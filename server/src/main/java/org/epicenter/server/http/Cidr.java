package org.epicenter.server.http;

import java.util.List;
import java.util.Optional;
import org.epicenter.ingest.ClientNetwork;

/** An address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is its own /32 or /128. */
public record Cidr(byte[] network, int prefix, String text) {
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        Optional<byte[]> address = ClientNetwork.parse(slash < 0 ? t : t.substring(0, slash));
        if (address.isEmpty()) {
            throw new IllegalArgumentException("not an address range: \"" + text + "\" (expected like 10.0.0.0/8 or 2001:db8::/32)");
        }
        byte[] b = address.get();
        int max = b.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix of \"" + text + "\" must be 0-" + max);
            }
        }
        return new Cidr(mask(b, prefix), prefix, t);
    }

    /** Comma-separated ranges. */
    public static List<Cidr> parseAll(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    public boolean contains(String address) {
        Optional<byte[]> a = ClientNetwork.parse(address);
        return a.isPresent() && a.get().length == network.length && java.util.Arrays.equals(mask(a.get(), prefix), network);
    }

    /** Whether any of {@code ranges} holds {@code address}. */
    public static boolean any(List<Cidr> ranges, String address) {
        for (Cidr c : ranges) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] b = address.clone();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
