package com.bohe.content.article.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.compress.LZ4;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.SurrogateKeys;

/**
 * A body written once as JSON, with its view counts cut out so that live ones are spliced in on every read: the
 * bytes without the counts (optionally LZ4-compressed with Lucene's fast tables: the high-compression ones took
 * half the CPU of a cold read, by JFR; both unpack as fast as memory) and where each count goes. The value is written with count i set to {@link #mark}(i).
 */
public final class ReadyJson {

    /** Worked out at the first answer: {@link #surrogateKeys}. */
    private volatile SurrogateKeys.Headers surrogateKeys;

    private static final long MARK = Long.MIN_VALUE + 1_000_000;
    /** Per thread: the compressor's table, reset for each body rather than allocated. */
    private static final ThreadLocal<LZ4.FastCompressionHashTable> TABLES = ThreadLocal.withInitial(LZ4.FastCompressionHashTable::new);
    /** Per thread: the decompressed bytes of the body being served, before the counts are spliced in. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final byte[] stored;
    private final boolean packed;
    private final int length;
    private final int[] cuts;
    private final String hash;

    private ReadyJson(byte[] stored, boolean packed, int length, int[] cuts, String hash) {
        this.stored = stored;
        this.packed = packed;
        this.length = length;
        this.cuts = cuts;
        this.hash = hash;
    }

    /** The placeholder of count i in the value written. */
    public static long mark(int i) {
        return MARK + i;
    }

    /**
     * @param value a record whose view counts were set to mark(0) … mark(counts - 1), in the order they are written
     * @param compress whether to keep the bytes compressed (details and related lists: kept long, and in the database;
     *        pages: kept seconds)
     */
    public static ReadyJson write(ObjectMapper json, Object value, int counts, boolean compress) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] plain = new byte[body.length];
        int[] cuts = new int[counts];
        int from = 0;
        int length = 0;
        for (int i = 0; i < counts; i++) {
            byte[] mark = ("\"viewCount\":" + mark(i)).getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(body, mark, from);
            int countAt = at + mark.length - Long.toString(mark(i)).length();
            System.arraycopy(body, from, plain, length, countAt - from);
            length += countAt - from;
            cuts[i] = length;
            from = at + mark.length;
        }
        System.arraycopy(body, from, plain, length, body.length - from);
        length += body.length - from;
        plain = Arrays.copyOf(plain, length);
        return new ReadyJson(compress ? compress(plain) : plain, compress, length, cuts, HttpCaching.hash(plain));
    }

    /** A body as {@link #stored()}, {@link #plainLength()} and {@link #cuts()} gave it (read back from the database). */
    static ReadyJson restore(byte[] packed, int length, int[] cuts, String hash) {
        return new ReadyJson(packed, true, length, cuts.clone(), hash);
    }

    /**
     * As {@link #restore(byte[], int, int[], String)}, with the Surrogate-Key header worked out when it was written
     * ({@link #surrogateKeys}), so that it is not worked out again from the body.
     */
    static ReadyJson restore(byte[] packed, int length, int[] cuts, String hash, String surrogateKey) {
        ReadyJson json = restore(packed, length, cuts, hash);
        json.surrogateKeys = SurrogateKeys.Headers.of(surrogateKey);
        return json;
    }

    /** The bytes held: compressed when written so. */
    byte[] stored() {
        return stored;
    }

    boolean packed() {
        return packed;
    }

    /** Where each count goes in the body without counts. */
    int[] cuts() {
        return cuts.clone();
    }

    /** A strong hash of the body without its counts: the part of an ETag that changes with the content. */
    public String hash() {
        return hash;
    }

    public int counts() {
        return cuts.length;
    }

    /** Bytes of the body without its counts. */
    public int plainLength() {
        return length;
    }

    /** Bytes held. */
    public int size() {
        return stored.length;
    }

    /**
     * The Surrogate-Key of this body answered at a path of this shape (see {@link SurrogateKeys}); worked out at the
     * first answer and kept, as the body is.
     */
    SurrogateKeys.Headers surrogateKeys(ObjectMapper json, java.util.function.Supplier<String> path) {
        SurrogateKeys.Headers keys = surrogateKeys;
        if (keys == null) {
            String header;
            try {
                header = SurrogateKeys.header(path.get(), json.readTree(with(new long[cuts.length])));
            } catch (IOException e) {
                header = "";
            }
            keys = SurrogateKeys.Headers.of(header);
            surrogateKeys = keys;
        }
        return keys;
    }

    /** The body with these counts, one per mark. */
    public byte[] with(long... counts) {
        byte[] plain = plain();
        byte[][] digits = new byte[cuts.length][];
        int total = length;
        for (int i = 0; i < cuts.length; i++) {
            digits[i] = Long.toString(counts[i]).getBytes(StandardCharsets.US_ASCII);
            total += digits[i].length;
        }
        byte[] out = new byte[total];
        int from = 0;
        int at = 0;
        for (int i = 0; i < cuts.length; i++) {
            System.arraycopy(plain, from, out, at, cuts[i] - from);
            at += cuts[i] - from;
            System.arraycopy(digits[i], 0, out, at, digits[i].length);
            at += digits[i].length;
            from = cuts[i];
        }
        System.arraycopy(plain, from, out, at, length - from);
        return out;
    }

    private byte[] plain() {
        if (!packed) {
            return stored;
        }
        byte[] plain = SCRATCH.get();
        if (plain.length < length) {
            plain = new byte[length];
            SCRATCH.set(plain);
        }
        try {
            LZ4.decompress(new ByteArrayDataInput(stored), length, plain, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("A cached body could not be decompressed", e);
        }
        return plain;
    }

    private static byte[] compress(byte[] bytes) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        LZ4.FastCompressionHashTable table = TABLES.get();
        try {
            LZ4.compress(bytes, 0, bytes.length, out, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    /** Where part first occurs in bytes at or after from; the JSON of a count cut out is always there. */
    static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("a view count was not found in the JSON written");
    }
}
