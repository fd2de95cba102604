package com.bohe.content.background;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What one worker (by name, across restarts) has done: read by the metrics and the listing. */
final class WorkerStats {

    final LongAdder worked = new LongAdder();
    final LongAdder idle = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder items = new LongAdder();
    final AtomicLong busyNanos = new AtomicLong();
    private volatile String lastError;

    void worked(long busy, int done) {
        worked.increment();
        items.add(done);
        busyNanos.addAndGet(busy);
    }

    void idle(long busy) {
        idle.increment();
        busyNanos.addAndGet(busy);
    }

    void failed(long busy, Throwable e) {
        failed.increment();
        busyNanos.addAndGet(busy);
        lastError = describe(e);
    }

    double busySeconds() {
        return busyNanos.get() / 1e9;
    }

    WorkerStatus status(String name, Worker.State state, Pace pace, int backlog) {
        return new WorkerStatus(name, state.name().toLowerCase(java.util.Locale.ROOT), pace.duty(), worked.sum(), idle.sum(),
                failed.sum(), items.sum(), busySeconds(), backlog, lastError);
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
