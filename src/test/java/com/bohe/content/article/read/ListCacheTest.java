package com.bohe.content.article.read;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.article.ArticleQuery;
import com.bohe.content.article.ArticleSummary;

/** Kept pages: readers of a page that is loading wait for that load instead of starting their own. */
@QuarkusTest
class ListCacheTest {

    @Inject
    ListCache lists;

    @Test
    void shouldLoadAPageOnceForReadersThatAskWhileItLoads() throws Exception {
        ListKey key = key("coalesced" + System.nanoTime());
        AtomicInteger loads = new AtomicInteger();
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ListCache.CachedPage<Page<ArticleSummary>>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    readers.add(Thread.currentThread());
                    return lists.page(key, () -> {
                        loads.incrementAndGet();
                        // The load goes on until the seven other readers have asked and wait for it.
                        await().atMost(Duration.ofSeconds(10)).until(() -> readers.size() == 8 && readers.stream()
                                .filter(reader -> reader != Thread.currentThread())
                                .allMatch(reader -> reader.getState() == Thread.State.WAITING
                                        || reader.getState() == Thread.State.TIMED_WAITING));
                        return Page.of(List.of(), new PageParams(0, 20, null), 0);
                    });
                }));
            }
            ListCache.CachedPage<Page<ArticleSummary>> first = answers.get(0).get(10, TimeUnit.SECONDS);
            for (Future<ListCache.CachedPage<Page<ArticleSummary>>> answer : answers) {
                assertSame(first, answer.get(10, TimeUnit.SECONDS), "every reader got the one page loaded");
            }
            assertEquals(1, loads.get(), "loaded once for eight readers");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldGiveAFailedLoadsErrorToItsReaderAndLoadAgainNextTime() {
        ListKey key = key("failing" + System.nanoTime());
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> lists.page(key, () -> {
                    throw new IllegalStateException("the index is away");
                }));
        assertEquals("the index is away", failure.getMessage());
        AtomicInteger loads = new AtomicInteger();
        lists.page(key, () -> {
            loads.incrementAndGet();
            return Page.of(List.of(), new PageParams(0, 20, null), 0);
        });
        assertEquals(1, loads.get(), "nothing was kept of the failed load");
    }

    private static ListKey key(String q) {
        return new ListKey(new ArticleQuery.Canonical(q, null, null, null, null, ArticleQuery.PUBLISHED), 0, 20, null, null);
    }
}
