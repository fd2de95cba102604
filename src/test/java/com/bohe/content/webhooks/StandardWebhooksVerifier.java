package com.bohe.content.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Java verification snippet of docs/webhooks.md, word for word, so that the documented code is tested against
 * our own signatures (WebhookTest). A receiver copies this, not our server's class.
 */
final class StandardWebhooksVerifier {

    // --- docs/webhooks.md: Java ---
    /** True when the request is ours, signed with this secret ("whsec_..."), and less than five minutes old. */
    static boolean verify(String secret, String id, String timestamp, String body, String signatures) throws Exception {
        long sent = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - sent) > 300) {
            return false; // too old or from the future: a replay, or a clock far off
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8);
        for (String signature : signatures.split(" ")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
    // --- end ---

    private StandardWebhooksVerifier() {
    }
}
