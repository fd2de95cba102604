package com.bohe.content.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

/** The keys of rate limits: one client, one key, however its address or the article's id is spelled. */
class ClientAddressTest {

    private static String client(String host) {
        return RateLimiter.client(SocketAddress.inetSocketAddress(40_000, host));
    }

    @Test
    void shouldKeyAnIpv4AddressAlikeInEverySpelling() {
        for (String spelling : new String[] { "127.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1",
                "[::ffff:127.0.0.1]", "::127.0.0.1" }) {
            assertEquals("127.0.0.1", client(spelling), spelling);
        }
        assertEquals("203.0.113.9", client("::ffff:203.0.113.9"));
    }

    @Test
    void shouldKeyAnIpv6ClientByItsSlash64() {
        assertEquals(client("2001:db8:1:2:3:4:5:6"), client("2001:db8:1:2:ffff::1"));
        assertEquals(client("2001:db8:1:2::1"), client("2001:0db8:0001:0002:0000:0000:0000:0009"));
        assertNotEquals(client("2001:db8:1:2::1"), client("2001:db8:1:3::1"));
        assertEquals("::1", client("0:0:0:0:0:0:0:1"));
        assertEquals("::1", client("::1"));
    }

    @Test
    void shouldNeverLookUpANameAndKeepOneBucketForWhatIsNoAddress() {
        assertEquals("unknown", client("attacker.example"));
        assertEquals("unknown", client("abc"));
        assertEquals("unknown", client("1.2.3.4.5"));
        assertEquals("unknown", RateLimiter.client(null));
    }

    @Test
    void shouldParseTheIdAsTheRouteDoes() {
        assertEquals(7L, RateLimiter.parsedId("7"));
        assertEquals(7L, RateLimiter.parsedId("007"));
        assertEquals(7L, RateLimiter.parsedId("+7"));
        assertEquals(7L, RateLimiter.parsedId("%2B7"));
        assertEquals(7L, RateLimiter.parsedId("7;jsessionid=1"));
        assertEquals(7L, RateLimiter.parsedId("%37"));
        assertNull(RateLimiter.parsedId("seven"));
        assertNull(RateLimiter.parsedId("99999999999999999999"));
    }
}
