package org.gridplatform.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address of a node: an absolute {@code http} or {@code https} URL without user info, query
 * or fragment. A path is allowed (a node may sit behind a proxy under a prefix); a trailing
 * {@code /} is dropped, so that endpoint paths can be appended.
 *
 * @param uri the normalised address
 */
public record NodeAddress(URI uri) {

    /**
     * Validates and normalises an address as a client sent it.
     *
     * @param address the address, may be {@code null}
     * @param field   the field name, for the error message
     * @return the address
     * @throws InvalidRequestException if the address breaks the rule
     */
    public static NodeAddress parse(String address, String field) {
        if (address == null) {
            throw new InvalidRequestException("The field '" + field
                    + "' is required: an absolute http or https URL such as \"http://127.0.0.1:8181\"");
        }
        String rule = "; use an absolute http or https URL without user info, query or fragment, such as \"http://127.0.0.1:8181\"";
        if (address.length() > Limits.MAX_NODE_ADDRESS_LENGTH) {
            throw new InvalidRequestException("The " + field + " is " + address.length() + " characters long; at most "
                    + Limits.MAX_NODE_ADDRESS_LENGTH + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(address) + " is not a URL" + rule);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(address) + " is not an http or https URL" + rule);
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(address) + " has no host" + rule);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(address) + " has port " + uri.getPort()
                    + ", not 1 to 65535" + rule);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException("The " + field + " must not contain user info (user:password@)" + rule);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidRequestException("The " + field + " " + Quoting.quote(address) + " has a query or fragment" + rule);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return new NodeAddress(URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path));
    }

    /**
     * @param path an endpoint path starting with {@code /}, such as {@code /search}
     * @return the endpoint's URL on this node
     */
    public URI resolve(String path) {
        return URI.create(uri + path);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
