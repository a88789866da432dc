package org.gridplatform.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A network in CIDR notation, IPv4 ({@code 169.254.0.0/16}) or IPv6 ({@code fd00:ec2::/32}).
 *
 * <p>Written here because the JDK has no CIDR type and the one check it takes (a prefix of the
 * address bytes) is a few lines; the libraries that have one (commons-net's {@code SubnetUtils},
 * IPv4 only; Guava, only parsing) would add a dependency for less.
 *
 * @param address the network's address bytes (4 or 16)
 * @param prefix  the prefix length in bits
 * @param text    the network as written
 */
public record Network(byte[] address, int prefix, String text) {

    /**
     * @param cidr such as {@code 10.0.0.0/8}; a bare address is a /32 (or /128)
     * @return the network
     * @throws IllegalArgumentException if it is not a literal IP network
     */
    public static Network parse(String cidr) {
        String value = cidr.strip();
        if (value.length() > 64) {
            throw new IllegalArgumentException("\"" + value.substring(0, 64) + "...\" is not an IP network; write it as 10.0.0.0/8");
        }
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (!host.matches("[0-9A-Fa-f:.]+") || !host.contains(".") && !host.contains(":")) {
            throw new IllegalArgumentException("\"" + value + "\" is not an IP network; write it as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            // A literal (checked above): no name lookup happens.
            bytes = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not an IP network; write it as 10.0.0.0/8 or fd00::/8", e);
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" has no prefix length after '/'; such as /8", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("\"" + value + "\" has a prefix length beyond 0.." + bits);
        }
        return new Network(bytes, prefix, value.toLowerCase(Locale.ROOT));
    }

    /**
     * @param ip an address
     * @return whether it lies in this network (an IPv4-mapped IPv6 address counts as IPv4)
     */
    public boolean contains(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        if (bytes.length == 16 && address.length == 4 && isV4Mapped(bytes)) {
            bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        if (bytes.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (address[full] & mask);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network n && n.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
