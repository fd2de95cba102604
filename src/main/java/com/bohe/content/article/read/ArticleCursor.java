package com.bohe.content.article.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.bohe.content.api.problem.InvalidRequestException;

/**
 * Where a cursor page of /articles ends: the publication time and id of its last article. Opaque to clients
 * (base64url); a cursor this API did not write is a 400.
 */
record ArticleCursor(Instant publishedAt, long id) {

    private static final String VERSION = "a1";

    String encode() {
        String raw = VERSION + ":" + publishedAt.getEpochSecond() + ":" + publishedAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return null for the first page (an empty cursor) */
    static ArticleCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException(cursor);
            }
            return new ArticleCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor from this API; start with an empty one");
        }
    }
}
