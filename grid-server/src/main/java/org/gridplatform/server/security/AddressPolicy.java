package org.gridplatform.server.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which node addresses a gateway (or a DHT node) registers and calls: the guard against server-side
 * request forgery. Every address the host name resolves to must pass:
 * <ul>
 *   <li>never link-local, cloud metadata, unspecified, multicast or broadcast addresses
 *       ({@link #ALWAYS_DENIED}, plus {@code grid.security.denied-networks});</li>
 *   <li>when {@code grid.security.allowed-networks} is set, only addresses inside those networks.</li>
 * </ul>
 * Loopback and private ranges are allowed by default (grids run on one machine or a LAN); an
 * operator on the open internet sets the allow-list. The check runs at join and again before every
 * call (a name may resolve elsewhere later); calls follow no redirects and use fixed paths.
 *
 * @param allowed when not empty, the only networks allowed
 * @param denied  networks never allowed, on top of {@link #ALWAYS_DENIED}
 */
public record AddressPolicy(List<Network> allowed, List<Network> denied) {

    /** Link-local (where cloud metadata services live), AWS's IPv6 metadata, unspecified, multicast, broadcast. */
    public static final List<Network> ALWAYS_DENIED = List.of(
            Network.parse("169.254.0.0/16"), Network.parse("fe80::/10"), Network.parse("fd00:ec2::/32"),
            Network.parse("100.100.100.200/32"), Network.parse("0.0.0.0/8"), Network.parse("::/128"),
            Network.parse("224.0.0.0/4"), Network.parse("ff00::/8"), Network.parse("255.255.255.255/32"));

    /** The configuration keys. */
    public static final String ALLOWED_KEY = "grid.security.allowed-networks";
    /** The configuration keys. */
    public static final String DENIED_KEY = "grid.security.denied-networks";

    /** The default: everything but {@link #ALWAYS_DENIED}. */
    public static final AddressPolicy DEFAULT = new AddressPolicy(List.of(), List.of());

    /** Copies the lists. */
    public AddressPolicy {
        allowed = List.copyOf(allowed);
        List<Network> all = new ArrayList<>(ALWAYS_DENIED);
        all.addAll(denied);
        denied = List.copyOf(all);
    }

    /**
     * @param value a key's configured value (comma-separated CIDRs), or {@code null}
     * @return the policy
     * @throws IllegalArgumentException naming the key and the bad network
     */
    public static AddressPolicy read(Function<String, String> value) {
        return new AddressPolicy(networks(value, ALLOWED_KEY), networks(value, DENIED_KEY));
    }

    private static List<Network> networks(Function<String, String> value, String key) {
        String text = value.apply(key);
        List<Network> networks = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    try {
                        networks.add(Network.parse(part));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return networks;
    }

    /**
     * @param address a node's address
     * @return why the address is refused, or empty if it may be called
     */
    public Optional<String> refusal(URI address) {
        String host = address.getHost();
        if (host == null) {
            return Optional.of("it has no host");
        }
        InetAddress[] ips;
        try {
            ips = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("its host " + host + " does not resolve");
        }
        for (InetAddress ip : ips) {
            Optional<String> refused = refusal(ip);
            if (refused.isPresent()) {
                return Optional.of("its host " + host + " is " + ip.getHostAddress() + ", " + refused.get());
            }
        }
        return Optional.empty();
    }

    /**
     * @param ip an address
     * @return why it is refused, or empty
     */
    public Optional<String> refusal(InetAddress ip) {
        for (Network network : denied) {
            if (network.contains(ip)) {
                return Optional.of("in the denied network " + network
                        + (ALWAYS_DENIED.contains(network) ? " (link-local, metadata, multicast or unspecified)" : " (" + DENIED_KEY + ")"));
            }
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(n -> n.contains(ip))) {
            return Optional.of("outside " + ALLOWED_KEY + " (" + String.join(", ", allowed.stream().map(Network::toString).toList()) + ")");
        }
        return Optional.empty();
    }
}
