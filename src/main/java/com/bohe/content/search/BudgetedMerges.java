package com.bohe.content.search;

import java.io.IOException;
import java.util.concurrent.ExecutorService;

import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeScheduler;
import org.apache.lucene.index.MergeTrigger;

import com.bohe.content.background.Budget;

/**
 * Lucene's merges within the background budget: one at a time, on a thread of the background's, each holding a
 * turn of the budget ({@code CONTENT_BACKGROUND_CORES}) while it runs. Merging segments that hold vectors rebuilds
 * their HNSW graphs; after a large import that cost as much CPU as the embedding, on Lucene's own threads, which
 * no budget bounded.
 *
 * <p>Writers never wait for merges (Lucene's {@code ConcurrentMergeScheduler} stalls them when merges fall
 * behind): a writer may be a worker holding the budget's only turn, which the merge it waited for would need.
 * Segments pile up for a while instead, and the merges catch up as turns come free. While {@link #urgent} (a build
 * merging to one segment before it is searchable), merges run without waiting for a turn.
 */
final class BudgetedMerges extends MergeScheduler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BudgetedMerges.class);

    private final Budget budget;
    private final ExecutorService thread;
    private volatile Runnable afterMerges = () -> { };
    private volatile boolean urgent;

    /**
     * @param thread a single thread (Background.pool) that runs the merges
     */
    BudgetedMerges(Budget budget, ExecutorService thread) {
        this.budget = budget;
        this.thread = thread;
    }

    /** What to do once the merges asked for are done (reopen the searcher, so that it sees fewer segments). */
    void afterMerges(Runnable action) {
        this.afterMerges = action;
    }

    /** Whether merges skip the budget (a build, or the writer closing, waits for them). */
    void urgent(boolean urgent) {
        this.urgent = urgent;
    }

    @Override
    public void merge(MergeSource source, MergeTrigger trigger) {
        if (!source.hasPendingMerges()) {
            return;
        }
        try {
            thread.execute(() -> drain(source));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The background has stopped (shutdown) and the writer closes: what it waits for runs here.
            urgent = true;
            drain(source);
        }
    }

    private void drain(MergeSource source) {
        boolean merged = false;
        MergePolicy.OneMerge merge;
        while ((merge = source.getNextMerge()) != null) {
            Budget.Turn turn = null;
            try {
                turn = urgent ? null : budget.take();
                source.merge(merge);
                merged = true;
            } catch (InterruptedException e) {
                // Shutting down: the merge is handed back undone, and the writer forgets it.
                source.onMergeFinished(merge);
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // The writer has recorded the failure (a waiting forceMerge throws it); the segments stay as they were.
                LOG.warnf("A merge of the search index failed: %s", e.toString());
            } finally {
                if (turn != null) {
                    turn.close();
                }
            }
        }
        if (merged) {
            afterMerges.run();
        }
    }

    @Override
    public void close() {
        // The thread belongs to the background, which stops it at shutdown.
    }
}
