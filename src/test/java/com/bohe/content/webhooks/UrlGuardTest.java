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
        assertEquals("好好a", Dispatcher.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertEquals("好好a", Dispatcher.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 2)));
        assertEquals("好好a", Dispatcher.utf8Prefix(java.util.Arrays.copyOf(bytes, bytes.length - 3)));
        assertEquals("好好a好", Dispatcher.utf8Prefix(bytes));
        assertEquals("好", Dispatcher.utf8Prefix(java.util.Arrays.copyOf(bytes, 4)));
        assertEquals("", Dispatcher.utf8Prefix(new byte[0]));
    }

    @Test
    void shouldAllowOnlyHttpAndHttps() {
        for (String url : new String[] { "ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)",
                "//example.com/", "http:///nohost", "http://user:pw@93.184.216.34/" }) {
            assertTrue(UrlGuard.refusal(url, true).isPresent(), url);
        }
    }
}
