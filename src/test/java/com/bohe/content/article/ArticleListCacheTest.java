package com.bohe.content.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Related lists are recomputed behind the reader: an old list is answered at once, and replaced when ready. */
@QuarkusTest
class ArticleListCacheTest {

    @Inject
    ArticleListCache cache;

    @Test
    void shouldAnswerAnOldRelatedListAtOnceAndRecomputeItInTheBackground() throws Exception {
        long id = 900_000_000L + System.nanoTime() % 1_000_000;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        RelatedArticles first = new RelatedArticles(List.of());
        RelatedArticles second = new RelatedArticles(List.of());
        Supplier<RelatedArticles> load = () -> {
            if (loads.incrementAndGet() == 1) {
                return first;
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return second;
        };
        cache.related(id, 3, load);
        cache.related(id, 3, load);
        assertEquals(1, loads.get(), "cached");

        Thread.sleep(2_100); // content.related.fresh-for is 2 s in tests
        // The recomputation waits on the latch: a read that waited for it would not come back before it opens.
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> cache.related(id, 3, load).items().size());
        assertEquals(0, read.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100 && loads.get() < 2; i++) {
            Thread.sleep(50);
        }
        assertEquals(2, loads.get(), "recomputed in the background");
        release.countDown();
        for (int i = 0; i < 100 && cache.relatedComputedFor(id, 3) != second; i++) {
            Thread.sleep(50);
        }
        assertSame(second, cache.relatedComputedFor(id, 3), "replaced by the recomputed list");
        cache.related(id, 3, load);
        assertEquals(2, loads.get(), "no second recomputation while the list is fresh");
    }
}
