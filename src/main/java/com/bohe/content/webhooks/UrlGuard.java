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
                || address.isAnyLocalAddress() || address.isMulticastAddress() || isOwn(address)) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation
                    || (first == 192 && second == 88 && (b[2] & 0xff) == 99) // 6to4 relays
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 198 && second == 51 && (b[2] & 0xff) == 100) // documentation
                    || (first == 203 && second == 0 && (b[2] & 0xff) == 113) // documentation
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if ((first & 0xfe) == 0xfc // unique-local fc00::/7, AWS metadata fd00:ec2::254 among them
                    || (first == 0xfe && (second & 0xc0) == 0xc0) // site-local fec0::/10, deprecated
                    || (first == 0x01 && second == 0 && zero(b, 2, 8)) // discard-only 100::/64
                    || (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)) { // documentation 2001:db8::/32
                return true;
            }
            // Every form that carries an IPv4 address is judged by that address: a private one reached through
            // IPv6 is still private.
            for (byte[] v4 : embeddedV4(b)) {
                try {
                    if (isPrivate(InetAddress.getByAddress(v4))) {
                        return true;
                    }
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The IPv4 addresses an IPv6 address carries: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
     * {@code ::a.b.c.d}, IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96} and the local-use
     * {@code 64:ff9b:1::/48}, 6to4 {@code 2002:aabb:ccdd::/16}, Teredo {@code 2001:0::/32} (the server's, and the
     * client's, stored inverted) and ISATAP ({@code ...:0:5efe:a.b.c.d}).
     */
    static java.util.List<byte[]> embeddedV4(byte[] b) {
        java.util.List<byte[]> found = new java.util.ArrayList<>();
        byte[] last = { b[12], b[13], b[14], b[15] };
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (zero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || zero(b, 10, 12))) {
            found.add(last); // mapped, or compatible (::1 and :: are judged as loopback and unspecified already)
        }
        if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)) {
            found.add(last); // translated
        }
        if (w0 == 0x0064 && w1 == 0xff9b && (zero(b, 4, 12) || word(b, 4) == 0x0001)) {
            found.add(last); // NAT64, well-known and local-use prefixes
        }
        if (w0 == 0x2002) {
            found.add(new byte[] { b[2], b[3], b[4], b[5] }); // 6to4
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            found.add(new byte[] { b[4], b[5], b[6], b[7] }); // Teredo server
            found.add(new byte[] { (byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15] }); // Teredo client
        }
        if ((word(b, 8) & 0xfdff) == 0x0000 && word(b, 10) == 0x5efe) {
            found.add(last); // ISATAP
        }
        return found;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The addresses of this host's own interfaces, read once: a webhook must not call the API's own host. */
    private static volatile java.util.Set<InetAddress> own;

    static boolean isOwn(InetAddress address) {
        java.util.Set<InetAddress> mine = own;
        if (mine == null) {
            mine = new java.util.HashSet<>();
            try {
                for (java.net.NetworkInterface i : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : java.util.Collections.list(i.getInetAddresses())) {
                        mine.add(a instanceof Inet6Address six ? InetAddress.getByAddress(six.getAddress()) : a);
                    }
                }
            } catch (java.net.SocketException | UnknownHostException e) {
                // none known: the other rules still hold
            }
            own = mine;
        }
        InetAddress plain = address;
        if (address instanceof Inet6Address six) {
            try {
                plain = InetAddress.getByAddress(six.getAddress()); // without its scope, as the set holds them
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return mine.contains(plain);
    }
}
