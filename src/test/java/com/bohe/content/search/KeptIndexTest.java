package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An index kept in a directory opens where its last commit left it, with the change-log position recorded there;
 * one written in another format, one without a position and one that cannot be read start empty and say why.
 */
class KeptIndexTest {

    private static final String FORMAT = ArticleIndex.format("model-a");
    private static final Instant LOOK_BACK = Instant.parse("2026-12-01T08:00:00Z");
    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("kept-index-test");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static IndexedArticle article(long id, float[] vector) {
        return new IndexedArticle(id, "a-" + id, "面瘫的治疗 " + id, "正文 " + id, Instant.parse("2026-01-01T00:00:00Z"),
                0, null, null, null, null, null, List.of(), null, List.of(), vector);
    }

    private void keep(long position) {
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            index.putBulk(List.of(article(1, null), article(2, unit(512)), article(3, null)));
            index.commit(position, LOOK_BACK, "db-1");
            // Changed after the commit, and not checkpointed: closing writes it, under the same position.
            index.remove(List.of(3L));
        }
    }

    private static float[] unit(int dimensions) {
        float[] v = new float[dimensions];
        v[0] = 1;
        return v;
    }

    @Test
    void shouldOpenWhereTheLastCommitLeftOff() {
        keep(41);
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            ArticleIndex.Restored restored = index.restored();
            assertNotNull(restored, index.rebuildReason());
            assertNull(index.rebuildReason());
            assertTrue(index.kept());
            assertEquals(41, restored.position());
            assertEquals(LOOK_BACK, restored.lookBackFrom());
            assertEquals("db-1", restored.database());
            assertEquals(2, index.documents());
            assertTrue(index.contains(1L) && index.contains(2L));
            assertFalse(index.contains(3L), "the removal written on close is kept");
            assertEquals(List.of(1L), index.idsWithoutVector());
            assertEquals(2, index.search("面瘫", null, ArticleFilters.NONE, 0, 10, Instant.now()).total());
            // A checkpoint moves the position on without a bulk merge.
            index.put(List.of(article(4, null)));
            index.checkpoint(57, LOOK_BACK.plusSeconds(60), "db-1");
        }
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            assertEquals(57, index.restored().position());
            assertEquals(LOOK_BACK.plusSeconds(60), index.restored().lookBackFrom());
            assertTrue(index.contains(4L));
        }
    }

    @Test
    void shouldStartEmptyAndSayWhyWhenWrittenInAnotherFormat() {
        keep(41);
        try (ArticleIndex index = new ArticleIndex(dir, ArticleIndex.format("model-b"))) {
            assertNull(index.restored());
            assertTrue(index.rebuildReason().contains("model=model-a") && index.rebuildReason().contains("model=model-b"),
                    index.rebuildReason());
            assertEquals(0, index.documents());
        }
    }

    @Test
    void shouldStartEmptyWhenNoPositionWasRecorded() {
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            index.putBulk(List.of(article(1, null)));
            index.commit();
        }
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            assertNull(index.restored());
            assertTrue(index.rebuildReason().contains("no change-log position"), index.rebuildReason());
            assertEquals(0, index.documents());
        }
    }

    @Test
    void shouldStartEmptyWhenTheIndexCannotBeRead() throws IOException {
        keep(41);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            }
        }
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            assertNull(index.restored());
            assertTrue(index.rebuildReason().contains("could not be read"), index.rebuildReason());
            assertEquals(0, index.documents());
            index.putBulk(List.of(article(9, null)));
            index.commit(1, LOOK_BACK, "db-1");
        }
        try (ArticleIndex index = new ArticleIndex(dir, FORMAT)) {
            assertNotNull(index.restored(), "rebuilt, it is kept again");
            assertEquals(1, index.documents());
        }
    }

    @Test
    void shouldLeaveADirectoryInUseToItsOwner() {
        keep(41);
        try (ArticleIndex owner = new ArticleIndex(dir, FORMAT); ArticleIndex other = new ArticleIndex(dir, FORMAT)) {
            assertTrue(owner.kept());
            assertFalse(other.kept());
            assertNull(other.restored());
            assertTrue(other.rebuildReason().contains("in use"), other.rebuildReason());
            other.put(List.of(article(5, null)));
            assertFalse(owner.contains(5L), "the other writes to a directory of its own");
        }
        assertTrue(Files.exists(dir.resolve("write.lock")) || Files.isDirectory(dir), "the kept directory stays");
    }
}
