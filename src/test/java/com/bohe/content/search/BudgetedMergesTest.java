package com.bohe.content.search;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bohe.content.background.Budget;

/** The search index's merges run one at a time within the background budget, and never hold writers up. */
class BudgetedMergesTest {

    private final Budget budget = new Budget(1, () -> false);
    private ExecutorService thread;
    private ArticleIndex index;

    @BeforeEach
    void open() {
        thread = Executors.newSingleThreadExecutor();
        index = new ArticleIndex(null, null, new BudgetedMerges(budget, thread));
    }

    @AfterEach
    void close() {
        index.close();
        thread.shutdownNow();
    }

    private static IndexedArticle article(long id) {
        return new IndexedArticle(id, "a-" + id, "头痛的原因 " + id, "正文 " + id, Instant.parse("2026-01-01T00:00:00Z"),
                0, null, null, null, null, null, List.of(), null, List.of());
    }

    /** Each put is searchable when it returns, so each flushes a segment of its own. */
    private void putOneByOne(long from, long to) {
        for (long id = from; id <= to; id++) {
            index.put(List.of(article(id)));
        }
    }

    @Test
    void shouldMergeAQuietIndexIntoOneSegmentOnlyWithATurnOfTheBudget() throws Exception {
        putOneByOne(1, 8);
        int before = index.segments();
        assertTrue(before > 4, "eight single puts leave several segments: " + before);
        Budget.Turn held = budget.take();
        try {
            assertTrue(index.mergeWhenQuiet(Duration.ZERO, 4), "a merge is asked for");
            Thread.sleep(500);
            index.refreshQuietly();
            assertEquals(before, index.segments(), "no merge runs while the budget's only turn is taken");
        } finally {
            held.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> index.segments() == 1);
        assertEquals(8, index.documents());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> budget.take().close(), "the merge gave its turn back");
    }

    @Test
    void shouldAskForAMergeOnlyAfterAQuietSpellAndOncePerWrite() {
        putOneByOne(1, 6);
        assertFalse(index.mergeWhenQuiet(Duration.ofHours(1), 4), "written just now");
        assertFalse(index.mergeWhenQuiet(Duration.ZERO, 100), "few enough segments");
        assertTrue(index.mergeWhenQuiet(Duration.ZERO, 4));
        assertFalse(index.mergeWhenQuiet(Duration.ZERO, 4), "asked once until the next write");
        await().atMost(Duration.ofSeconds(30)).until(() -> index.segments() == 1);
        index.put(List.of(article(7)));
        assertFalse(index.mergeWhenQuiet(Duration.ZERO, 4), "two segments are few enough");
    }

    @Test
    void shouldNeverHoldAWriterUpWhileMergesWaitForTheBudget() throws Exception {
        Budget.Turn held = budget.take();
        try {
            // Lucene's own scheduler stalls writers once merges fall behind; a writer holding the only turn would
            // then wait for a merge that waits for it.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> putOneByOne(1, 60));
            assertEquals(60, index.documents());
        } finally {
            held.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            index.mergeWhenQuiet(Duration.ZERO, 1);
            return index.segments() == 1;
        });
    }

    @Test
    void shouldMergeABuildWithoutWaitingForTheBudget() {
        Budget.Turn held;
        try {
            held = budget.take();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        try {
            index.putBulk(List.of(article(1), article(2)));
            index.put(List.of(article(3)));
            index.putBulk(List.of(article(4)));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> index.commit(), "a build's merge is not background work");
            assertEquals(1, index.segments());
            assertEquals(4, index.documents());
        } finally {
            held.close();
        }
    }
}
