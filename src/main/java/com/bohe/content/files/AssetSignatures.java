package com.bohe.content.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed asset URLs, as imgproxy has them: a server that holds {@code content.files.signing-key} may ask for any
 * size from 1 to the largest allowed and any quality from 1 to 100, off the allow-list, by adding
 * {@code signature}: HMAC-SHA256 of {@code <id>?<the other parameters, sorted by name, as name=value joined by &>},
 * in unpadded base64url. Anyone else keeps to the allow-list.
 */
final class AssetSignatures {

    static final String PARAMETER = "signature";

    private AssetSignatures() {
    }

    /** What is signed: the id, then every parameter but the signature, sorted by name, each once. */
    static String canonical(long id, Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder().append(id).append('?');
        Map<String, List<String>> sorted = new TreeMap<>(query);
        sorted.remove(PARAMETER);
        boolean first = true;
        for (Map.Entry<String, List<String>> entry : sorted.entrySet()) {
            for (String value : entry.getValue()) {
                out.append(first ? "" : "&").append(entry.getKey()).append('=').append(value);
                first = false;
            }
        }
        return out.toString();
    }

    static String sign(String key, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether the signature is the key's for this request; in constant time. */
    static boolean valid(String key, long id, Map<String, List<String>> query, String signature) {
        byte[] expected = sign(key, canonical(id, query)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
