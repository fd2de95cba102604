package com.bohe.content.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may call: http or https only, and, unless private addresses are allowed, never a host that
 * resolves to loopback, private, link-local (cloud metadata at 169.254.169.254 among them), carrier-grade NAT,
 * unique-local, multicast or unspecified addresses. Checked when a webhook is saved and again before each
 * delivery (a name may be pointed elsewhere in between).
 */
final class UrlGuard {

    private UrlGuard() {
    }

    /**
     * A URL checked before a delivery: why it may not be called, or the address to call it at. The delivery connects
     * to that address (and names the host in its headers and TLS), so a name pointed elsewhere after the check
     * (DNS rebinding) is not followed to an address that was not checked.
     *
     * @param refusal why the URL may not be called, or null
     * @param address where to connect; null when private addresses are allowed and the name did not resolve (the
     *                connection then fails as it would have)
     */
    record Checked(String refusal, URI uri, InetAddress address) {
    }

    /** @return why the URL may not be called, or empty when it may */
    static Optional<String> refusal(String url, boolean allowPrivate) {
        return Optional.ofNullable(check(url, allowPrivate).refusal());
    }

    static Checked check(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return refused("must not carry a user name or password; put a secret in the path or verify our signature");
        }
        if (uri.getRawFragment() != null) {
            return refused("must not have a fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return allowPrivate ? new Checked(null, uri, null) : refused("names a host that does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    return refused("resolves to a loopback, private, link-local or metadata address ("
                            + address.getHostAddress() + "); such receivers are refused unless CONTENT_WEBHOOKS_ALLOW_PRIVATE=true");
                }
            }
        }
        return new Checked(null, uri, addresses[0]);
    }

    private static Checked refused(String why) {
        return new Checked(why, null, null);
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7, AWS metadata fd00:ec2::254 among them
            boolean siteLocal = first == 0xfe && (b[1] & 0xc0) == 0xc0; // fec0::/10, deprecated
            boolean mappedV4 = isMappedV4(b);
            if (mappedV4) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal || siteLocal;
        }
        return true;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
