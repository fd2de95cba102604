package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ArticleIndexTest {

    private static IndexedArticle article(long id) {
        return new IndexedArticle(id, "a-" + id, "头痛的原因 " + id, "正文 " + id, Instant.parse("2026-01-01T00:00:00Z"),
                0, null, null, null, null, null, List.of(), null, List.of());
    }

    @Test
    void shouldMakeEveryPutSearchableWhenItReturnsWhileOthersPutAtOnce() throws Exception {
        try (ArticleIndex index = new ArticleIndex()) {
            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> seen = new ArrayList<>();
                for (long id = 1; id <= 400; id++) {
                    long mine = id;
                    seen.add(writers.submit(() -> {
                        index.put(List.of(article(mine)));
                        return index.contains(mine);
                    }));
                }
                for (Future<Boolean> each : seen) {
                    assertTrue(each.get(), "a put is searchable when it returns");
                }
            } finally {
                writers.shutdown();
            }
            assertEquals(400, index.documents());
            index.remove(List.of(7L));
            assertFalse(index.contains(7L), "a removal is seen when it returns");
        }
    }

    @Test
    void shouldKeepABulkLoadUnseenUntilItIsCommitted() {
        try (ArticleIndex index = new ArticleIndex()) {
            index.putBulk(List.of(article(1), article(2)));
            assertFalse(index.contains(1L));
            index.commit();
            assertTrue(index.contains(1L));
            assertEquals(2, index.documents());
        }
    }
}
