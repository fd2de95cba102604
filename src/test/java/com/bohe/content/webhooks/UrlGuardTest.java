package com.bohe.content.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

class UrlGuardTest {

    @Test
    void shouldRefusePrivateAddressesByDefault() throws Exception {
        assertEquals("false", WebhooksConfig.class.getMethod("allowPrivate").getAnnotation(WithDefault.class).value(),
                "production refuses them unless told");
        for (String url : new String[] { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
                "http://172.16.0.9/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00:ec2::254]/",
                "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "https://224.0.0.1/" }) {
            Optional<String> refusal = UrlGuard.refusal(url, false);
            assertTrue(refusal.isPresent() && refusal.get().contains("CONTENT_WEBHOOKS_ALLOW_PRIVATE"), url + ": " + refusal);
        }
    }

    @Test
    void shouldRefusePrivateIpv4AddressesHiddenInsideIpv6Ones() {
        for (String url : new String[] { "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/", // NAT64
                "http://[64:ff9b:1::a00:1]/", // NAT64, local-use prefix
                "http://[::127.0.0.1]/", "http://[::10.0.0.1]/", // IPv4-compatible
                "http://[::ffff:0:127.0.0.1]/", // IPv4-translated
                "http://[::ffff:169.254.169.254]/", // IPv4-mapped
                "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:c0a8:101::]/", // 6to4
                "http://[2001:0:7f00:1::]/", // Teredo, server 127.0.0.1
                "http://[2001:0:5db8:d822:0:0:f5ff:fffe]/", // Teredo, client 10.0.0.1 stored inverted
                "http://[2606:2800:220:1:0:5efe:a00:1]/", // ISATAP, 10.0.0.1
                "http://[2001:db8::1]/", "http://[100::1]/" }) { // documentation, discard
            Optional<String> refusal = UrlGuard.refusal(url, false);
            assertTrue(refusal.isPresent() && refusal.get().contains("CONTENT_WEBHOOKS_ALLOW_PRIVATE"), url + ": " + refusal);
        }
        // The same forms around a public IPv4 address are public.
        for (String url : new String[] { "http://[64:ff9b::5db8:d822]/", "http://[2002:5db8:d822::1]/",
                "http://[::ffff:93.184.216.34]/" }) {
            assertEquals(Optional.empty(), UrlGuard.refusal(url, false), url);
        }
    }

    @Test
    void shouldRefuseTheHostsOwnAddresses() throws Exception {
        for (java.net.NetworkInterface i : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : java.util.Collections.list(i.getInetAddresses())) {
                assertTrue(UrlGuard.isOwn(a), a + " is this host's");
                assertTrue(UrlGuard.isPrivate(a), a + " is this host's, so never a receiver");
            }
        }
        assertTrue(!UrlGuard.isOwn(InetAddress.getByName("93.184.216.34")));
    }

    @Test
    void shouldAllowPublicAddressesAndPrivateOnesWhenTold() {
        assertEquals(Optional.empty(), UrlGuard.refusal("https://93.184.216.34/hook", false));
        assertEquals(Optional.empty(), UrlGuard.refusal("http://[2606:2800:220:1::]/hook", false));
        assertEquals(Optional.empty(), UrlGuard.refusal("http://127.0.0.1:8080/hook", true));
    }

    @Test
    void shouldNameTheAddressThatWasCheckedForTheConnection() throws Exception {
        UrlGuard.Checked checked = UrlGuard.check("https://93.184.216.34:8443/hook", false);
        assertNull(checked.refusal());
        assertEquals(InetAddress.getByName("93.184.216.34"), checked.address());
        assertEquals(8443, checked.uri().getPort());
        assertEquals(InetAddress.getByName("127.0.0.1"), UrlGuard.check("http://127.0.0.1/hook", true).address());
        UrlGuard.Checked refused = UrlGuard.check("http://127.0.0.1/hook", false);
        assertNull(refused.address(), "nothing to connect to when refused");
        assertTrue(refused.refusal().contains("loopback"), refused.refusal());
    }

    @Test
    void shouldUtf8DecodeAnAnswerCutInTheMiddleOfACharacter() {
        byte[] bytes = "好好a好".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("好好a", WebhookSender.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertEquals("好好a", WebhookSender.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 2)));
        assertEquals("好好a", WebhookSender.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 3)));
        assertEquals("好好a好", WebhookSender.utf8Prefix(bytes));
        assertEquals("好", WebhookSender.utf8Prefix(java.util.Arrays.copyOf(bytes, 4)));
        assertEquals("", WebhookSender.utf8Prefix(new byte[0]));
    }

    @Test
    void shouldAllowOnlyHttpAndHttps() {
        for (String url : new String[] { "ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)",
                "//example.com/", "http:///nohost", "http://user:pw@93.184.216.34/" }) {
            assertTrue(UrlGuard.refusal(url, true).isPresent(), url);
        }
    }
}
