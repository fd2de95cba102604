package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index directories left by processes that are gone are deleted; a live one is not. Readiness waits for the index. */
class IndexHousekeepingTest {

    @TempDir
    Path root;

    @Test
    void deletesTheIndexDirectoriesOfProcessesThatAreGone() throws Exception {
        Path orphan = Files.createDirectory(root.resolve("content-index111"));
        Files.writeString(orphan.resolve(IndexWriter.WRITE_LOCK_NAME), "");
        Files.writeString(orphan.resolve("_0.cfs"), "segment");
        Path live = Files.createDirectory(root.resolve("content-index222"));
        Path young = Files.createDirectory(root.resolve("content-index333"));
        Path other = Files.createDirectory(root.resolve("someone-else444"));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        try (FSDirectory directory = FSDirectory.open(live);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (Path p : new Path[] { orphan, live, other }) {
                Files.setLastModifiedTime(p, old);
            }
            assertEquals(1, ArticleIndex.sweepOrphans(root, Duration.ofMinutes(1)));
            assertFalse(Files.exists(orphan), "nobody holds its lock");
            assertTrue(Files.exists(live), "a writer holds its lock");
            assertTrue(Files.exists(young), "too young to judge: its writer may not have locked it yet");
            assertTrue(Files.exists(other), "not an index of ours");
        }
        Files.setLastModifiedTime(live, old);
        assertEquals(1, ArticleIndex.sweepOrphans(root, Duration.ofMinutes(1)), "once its writer closed");
        assertFalse(Files.exists(live));
    }

    @Test
    void readinessWaitsForTheIndexUnlessToldNotTo() {
        assertEquals(HealthCheckResponse.Status.DOWN, SearchHealth.status(false, false).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, SearchHealth.status(false, true).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, SearchHealth.status(true, false).getStatus());
        assertEquals(false, SearchHealth.status(false, true).getData().orElseThrow().get("built"));
    }
}
