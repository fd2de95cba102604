package com.bohe.content.files;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the bytes of files and their variants are kept: a local directory or an S3-compatible bucket. Keys are
 * relative paths of lower-case letters, digits, dots, dashes and slashes. Writes are whole: a reader sees all of
 * an object or none of it.
 */
public interface FileStore {

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The object's bytes, or null when there is none. */
    byte[] get(String key) throws IOException;

    /** Removes an object; one that is not there is no error. */
    void delete(String key) throws IOException;

    /** Removes every object under a prefix ({@code variants/<key>/}). */
    void deleteAll(String prefix) throws IOException;

    /** Every object under a prefix, with when it was written, to the consumer. */
    void list(String prefix, Consumer<Stored> each) throws IOException;

    /** What the store is, for logs and health: "local /srv/files" or "s3 http://host/bucket". */
    String describe();

    /** An object as listed. */
    record Stored(String key, Instant writtenAt) {
    }

    /** Keys are made by this package only; this keeps a mistake from reaching outside the store. */
    static String checked(String key) {
        if (!key.matches("[a-z0-9][a-z0-9._/-]{0,300}") || key.contains("..") || key.contains("//")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }

    /** Keys of the bytes of one file. */
    static String original(String storageKey) {
        return "originals/" + storageKey;
    }

    static String variants(String storageKey) {
        return "variants/" + storageKey + "/";
    }

    static List<String> prefixes() {
        return List.of("originals/", "variants/");
    }
}
