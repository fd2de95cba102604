package com.bohe.content.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both stores keep the same promises: whole objects, null for none, listing and deleting by prefix. */
class FileStoreTest {

    static S3Server s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3Server();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void anS3BucketKeepsAndForgetsObjects() throws Exception {
        try (S3FileStore store = new S3FileStore(s3.config("store-test", "site-a"))) {
            promises(store);
            // Another instance on the same bucket and prefix sees the same objects; another prefix does not.
            store.put("originals/shared", "共享".getBytes(StandardCharsets.UTF_8), "image/png");
            try (S3FileStore same = new S3FileStore(s3.config("store-test", "site-a"));
                    S3FileStore other = new S3FileStore(s3.config("store-test", "site-b"))) {
                assertArrayEquals("共享".getBytes(StandardCharsets.UTF_8), same.get("originals/shared"));
                assertNull(other.get("originals/shared"));
            }
        }
    }

    @Test
    void aDirectoryKeepsAndForgetsFiles() throws Exception {
        Path dir = Files.createTempDirectory("files");
        promises(new LocalFileStore(dir));
    }

    private static void promises(FileStore store) throws Exception {
        assertNull(store.get("originals/nothing-here"));
        store.put("originals/k1", new byte[] { 1, 2, 3 }, "image/png");
        store.put("variants/k1/w16.webp", new byte[] { 4 }, "image/webp");
        store.put("variants/k1/w32.webp", new byte[] { 5 }, "image/webp");
        store.put("variants/k2/w16.webp", new byte[] { 6 }, "image/webp");
        assertArrayEquals(new byte[] { 1, 2, 3 }, store.get("originals/k1"));
        store.put("originals/k1", new byte[] { 9 }, "image/png"); // replaced whole
        assertArrayEquals(new byte[] { 9 }, store.get("originals/k1"));
        List<String> listed = new ArrayList<>();
        store.list("variants/", stored -> listed.add(stored.key()));
        listed.sort(null);
        assertEquals(List.of("variants/k1/w16.webp", "variants/k1/w32.webp", "variants/k2/w16.webp"), listed);
        store.deleteAll("variants/k1/");
        assertNull(store.get("variants/k1/w16.webp"));
        assertArrayEquals(new byte[] { 6 }, store.get("variants/k2/w16.webp"));
        store.delete("originals/k1");
        store.delete("originals/k1"); // again: no error
        assertNull(store.get("originals/k1"));
        // Keys are ours only: nothing reaches outside the store.
        assertThrows(IllegalArgumentException.class, () -> store.get("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.get("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.put("originals/../../x", new byte[0], "image/png"));
    }
}
