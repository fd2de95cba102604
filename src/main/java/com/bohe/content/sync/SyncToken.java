package com.bohe.content.sync;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.bohe.content.editing.ContentKind;

/**
 * Where a sync stands. Between syncs ({@code phase} -1): the horizon the last one reached ({@code fromXid},
 * {@code fromAt}). While paging: the horizons of this sync, the phase (a kind's changes, the articles that came
 * due, a kind's deletions) and the key of the last row sent in it. Opaque to apps: base64url, signed with the
 * database's key (HMAC-SHA256, so valid on every instance); a token this API did not sign is refused.
 *
 * @param kinds the kinds synced, a bit per {@link ContentKind#ordinal()}
 * @param fromXid changes of transactions at or above it are in this sync (0 for an initial sync)
 * @param fromAt articles due after it are in this sync (epoch microseconds; {@link #INITIAL} for an initial sync)
 * @param toXid, toAt the horizon this sync reads up to (while paging)
 */
record SyncToken(int kinds, long fromXid, long fromAt, long toXid, long toAt, int phase, long lastA, long lastB) {

    static final long INITIAL = Long.MIN_VALUE;
    private static final String VERSION = "s1";
    private static final int MAC_BYTES = 16;

    static SyncToken initial(Set<ContentKind> kinds) {
        return new SyncToken(mask(kinds), 0, INITIAL, 0, 0, -1, 0, 0);
    }

    boolean isInitial() {
        return fromAt == INITIAL;
    }

    /** Not yet begun: the next page takes a new horizon. */
    boolean isStart() {
        return phase < 0;
    }

    Set<ContentKind> kindSet() {
        EnumSet<ContentKind> set = EnumSet.noneOf(ContentKind.class);
        for (ContentKind kind : ContentKind.values()) {
            if ((kinds & (1 << kind.ordinal())) != 0) {
                set.add(kind);
            }
        }
        return set;
    }

    /** This sync begun at a horizon. */
    SyncToken begun(long xid, long at) {
        return new SyncToken(kinds, fromXid, fromAt, xid, at, 0, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    SyncToken at(int phase, long lastA, long lastB) {
        return new SyncToken(kinds, fromXid, fromAt, toXid, toAt, phase, lastA, lastB);
    }

    /** The token of the next sync: from where this one ends. */
    SyncToken next() {
        return new SyncToken(kinds, toXid, toAt, 0, 0, -1, 0, 0);
    }

    static int mask(Set<ContentKind> kinds) {
        int mask = 0;
        for (ContentKind kind : kinds) {
            mask |= 1 << kind.ordinal();
        }
        return mask;
    }

    String encode(byte[] key) {
        String payload = String.join(".", VERSION, Integer.toString(kinds), Long.toString(fromXid), Long.toString(fromAt),
                Long.toString(toXid), Long.toString(toAt), Integer.toString(phase), Long.toString(lastA), Long.toString(lastB));
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return BASE64.encodeToString(bytes) + "." + BASE64.encodeToString(mac(key, bytes));
    }

    /** @throws IllegalArgumentException for anything this API did not sign */
    static SyncToken decode(String token, byte[] key) {
        int dot = token.indexOf('.');
        if (token.length() > 400 || dot < 0) {
            throw new IllegalArgumentException("not a token");
        }
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        if (!MessageDigest.isEqual(mac, mac(key, payload))) {
            throw new IllegalArgumentException("not signed here");
        }
        String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\.");
        if (parts.length != 9 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("another version");
        }
        return new SyncToken(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                Long.parseLong(parts[4]), Long.parseLong(parts[5]), Integer.parseInt(parts[6]), Long.parseLong(parts[7]),
                Long.parseLong(parts[8]));
    }

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
