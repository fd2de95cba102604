package com.bohe.content.views;

import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This instance's view counter: a {@link ViewAggregator} flushed on a fixed interval, and once more, until it
 * succeeds or time runs out, when the application shuts down gracefully.
 */
@ApplicationScoped
public class ViewCounter {

    private static final Logger LOG = Logger.getLogger(ViewCounter.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(60);

    private final ViewsConfig config;
    private final ViewAggregator aggregator;
    private final Background background;
    private Worker flusher;
    private volatile long nextForget;

    ViewCounter(AgroalDataSource dataSource, ViewsConfig config, Background background) {
        this.config = config;
        this.background = background;
        this.aggregator = new ViewAggregator(dataSource, Clock.system(ZoneId.of(config.zone())),
                config.maxPendingEntries(), config.batchSize());
    }

    void start(@Observes StartupEvent event) {
        nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
        // Every interval; while the database is away, again at each interval (the worker logs the first failure and
        // the recovery), the views staying in memory.
        flusher = background.start("view-flusher", Pace.every(config.flushInterval()), this::round, () -> (int) pendingViews());
    }

    private int round() throws SQLException {
        if (System.nanoTime() - nextForget >= 0) {
            nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
            forgetOldBatches();
        }
        return (int) Math.min(Integer.MAX_VALUE, flush().views());
    }

    /** Runs before the datasource closes; HTTP has stopped taking requests by then. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        // A flush in flight ends first (not interrupted), then the final one.
        flusher.stopGently(config.shutdownFlushTimeout());
        long deadline = System.nanoTime() + config.shutdownFlushTimeout().toNanos();
        while (true) {
            try {
                ViewAggregator.FlushResult result = aggregator.flush();
                LOG.infof("Final view flush: %d views written", result.views());
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    LOG.errorf("Final view flush failed; %d article-days of views are lost: %s",
                            aggregator.pendingEntries(), e.getMessage());
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    /** @return false when the view was not counted because memory is full (the database has been away long) */
    public boolean record(long articleId) {
        boolean counted = aggregator.record(articleId);
        (counted ? accepted : refusedFull).increment();
        return counted;
    }

    /** A view not counted: the client is a crawler. */
    public void refusedAsBot() {
        refusedBots.increment();
    }

    /** What operators watch (see {@code operations/ContentMetrics}). */
    public record Stats(long accepted, long refusedBots, long refusedFull, long flushedViews, long flushes,
            long flushFailures) {
    }

    /** The counters since start: sums only, cheap to read for every meter of a scrape. */
    public Stats stats() {
        return new Stats(accepted.sum(), refusedBots.sum(), refusedFull.sum(), flushedViews.sum(), flushes.sum(),
                flushFailures.sum());
    }

    /** Views held in memory, not written yet (walks the pending entries). */
    public long pendingViews() {
        return aggregator.pendingViews();
    }

    /**
     * Seconds since the last flush that succeeded began when views are pending (they were all recorded after it:
     * an upper bound of the oldest one's age), else 0.
     */
    public double oldestPendingSeconds() {
        return aggregator.pendingEntries() == 0 ? 0 : (System.nanoTime() - lastGoodFlushStarted) / 1e9;
    }

    private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refusedBots = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refusedFull = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder flushedViews = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder flushes = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder flushFailures = new java.util.concurrent.atomic.LongAdder();
    private volatile long lastGoodFlushStarted = System.nanoTime();

    /** Registers the one party told of every delta written, e.g. a cache of stored counts. */
    public void onApplied(ViewAggregator.AppliedListener listener) {
        aggregator.onApplied(listener);
    }

    /** This instance's id in {@code view_flush}: other instances' flushes are the rows of other ids. */
    public java.util.UUID instance() {
        return aggregator.instance();
    }

    public long pending(long articleId) {
        return aggregator.pending(articleId);
    }

    /** Writes all pending views now; for tests and the shutdown path. */
    public ViewAggregator.FlushResult flush() throws SQLException {
        long started = System.nanoTime();
        try {
            ViewAggregator.FlushResult result = aggregator.flush();
            flushes.increment();
            flushedViews.add(result.views());
            lastGoodFlushStarted = started;
            return result;
        } catch (SQLException | RuntimeException e) {
            flushFailures.increment();
            throw e;
        }
    }

    private void forgetOldBatches() {
        try {
            aggregator.forgetOldBatches();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not delete old flush keys: %s", e.getMessage());
        }
    }
}
