package org.epicenter.probes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. */
public record Cidr(byte[] network, int prefix, String text) {
    /** Parses a range; an operator's typo is refused with what is wrong. */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9.]+") && !address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address range like 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address range like 10.0.0.0/8 or fd00::/8");
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\": the prefix after / must be a number from 0 to " + max);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix after / must be from 0 to " + max);
        }
        for (int bit = prefix; bit < max; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                throw new IllegalArgumentException("\"" + text + "\" has bits set after the first " + prefix
                        + " (did you mean " + network(bytes, prefix) + "/" + prefix + "?)");
            }
        }
        return new Cidr(bytes, prefix, t);
    }

    private static String network(byte[] bytes, int prefix) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        for (int bit = prefix; bit < copy.length * 8; bit++) {
            copy[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(copy).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the address given as its 4 or 16 bytes is in this range. */
    public boolean contains(byte[] a) {
        if (a.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
