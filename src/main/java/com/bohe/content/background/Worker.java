package com.bohe.content.background;

import java.time.Duration;
import java.util.function.IntSupplier;

import org.jboss.logging.Logger;

/**
 * A thread that runs one {@link Step} after another at its {@link Pace}: resting by its duty cycle while it has
 * work, waiting (doubling, until woken) while it has none, backing off (doubling) while it fails, until stopped or
 * its step says it has finished. Made by {@link Background}, which lists every worker and measures it.
 */
public final class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    public enum State { STARTING, WORKING, RESTING, WAITING, BACKING_OFF, FINISHED, STOPPED, OFF }

    /** Time and waiting, so that a test can run the loop on a clock of its own. */
    interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void waitOn(Object monitor, long nanos) throws InterruptedException {
                monitor.wait(Math.max(1, nanos / 1_000_000));
            }
        };

        long nanoTime();

        /** Waits on the monitor (held by the caller) for up to this long, or until notified. */
        void waitOn(Object monitor, long nanos) throws InterruptedException;
    }

    private final String name;
    private final Pace pace;
    private final Step step;
    private final IntSupplier backlog;
    private final WorkerStats stats;
    private final Clock clock;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean stopping;
    private volatile State state = State.STARTING;
    private Thread thread;
    /** The background's share of the cores, taken for each round; null when the worker does not count against it. */
    private final Budget budget;
    /** The turn a round within the budget holds, given back when the round ends. */
    private Budget.Turn turn;

    Worker(String name, Pace pace, Step step, IntSupplier backlog, WorkerStats stats, Clock clock) {
        this(name, pace, step, backlog, stats, clock, null);
    }

    Worker(String name, Pace pace, Step step, IntSupplier backlog, WorkerStats stats, Clock clock, Budget budget) {
        this.name = name;
        this.pace = pace;
        this.step = step;
        this.backlog = backlog;
        this.stats = stats;
        this.clock = clock;
        this.budget = budget;
    }

    /** Marks a worker that this instance does not run (its work is left to other instances). */
    void off() {
        state = State.OFF;
    }

    /**
     * A worker within the budget waits for its turn before a round ({@link Budget#take}), which {@link #runStep}
     * gives back. The wait is not part of the round: neither its busy time nor its duty cycle counts it.
     */
    private void awaitTurn() throws InterruptedException {
        if (budget != null) {
            turn = budget.take();
        }
    }

    /** One round; the share of the cores taken by {@link #awaitTurn} goes back as soon as it ends, failed or not. */
    private int runStep() throws Exception {
        try {
            return step.run();
        } finally {
            if (turn != null) {
                turn.close();
                turn = null;
            }
        }
    }

    void start() {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        if (pace.belowRequests()) {
            thread.setPriority(Thread.MIN_PRIORITY);
        }
        thread.start();
    }

    public String name() {
        return name;
    }

    /** Ends a wait for work at once: something was queued. A wake during a round makes another round follow it. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops the worker: the round running is interrupted; waits up to {@code wait} for the thread to end. */
    public void stop(Duration wait) {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            join(t, wait);
        }
    }

    /**
     * Stops the worker without interrupting the round running (a flush that must not be cut short): it ends that
     * round and starts no other; waits up to {@code wait}, then interrupts.
     */
    public void stopGently(Duration wait) {
        stopping = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        Thread t = thread;
        if (t != null) {
            join(t, wait);
            t.interrupt();
        }
    }

    private static void join(Thread t, Duration wait) {
        try {
            t.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public WorkerStatus status() {
        return stats.status(name, state, pace, backlog == null ? -1 : backlog.getAsInt());
    }

    /** The loop; package-private so that a test runs it on its own thread and clock. */
    void loop() {
        long idle = pace.idle().toNanos();
        long retry = pace.retry().toNanos();
        long lastEnd = clock.nanoTime() - pace.gap().toNanos();
        int failuresInARow = 0;
        try {
            while (!stopping) {
                pause(lastEnd + pace.gap().toNanos() - clock.nanoTime(), false);
                synchronized (signal) {
                    woken = false;
                }
                awaitTurn();
                state = State.WORKING;
                long started = clock.nanoTime();
                int done;
                try {
                    done = runStep();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception | LinkageError e) {
                    lastEnd = clock.nanoTime();
                    stats.failed(lastEnd - started, e);
                    if (stopping) {
                        break;
                    }
                    failuresInARow++;
                    if (failuresInARow == 1) {
                        LOG.warnf("Background worker %s failed, retrying in %d ms: %s", name, retry / 1_000_000, WorkerStats.describe(e));
                    } else {
                        LOG.debugf("Background worker %s failed again (%d in a row): %s", name, failuresInARow, WorkerStats.describe(e));
                    }
                    state = State.BACKING_OFF;
                    pause(retry, false);
                    retry = Math.min(retry * 2, pace.maxRetry().toNanos());
                    continue;
                }
                lastEnd = clock.nanoTime();
                long busy = lastEnd - started;
                if (failuresInARow > 0) {
                    LOG.infof("Background worker %s works again after %d failures", name, failuresInARow);
                    failuresInARow = 0;
                }
                retry = pace.retry().toNanos();
                if (done == Step.FINISHED) {
                    stats.worked(busy, 0);
                    state = State.FINISHED;
                    return;
                }
                if (done == 0) {
                    stats.idle(busy);
                    state = State.WAITING;
                    pause(idle, true);
                    idle = Math.min(idle * 2, pace.maxIdle().toNanos());
                } else {
                    stats.worked(busy, done);
                    idle = pace.idle().toNanos();
                    state = State.RESTING;
                    pause((long) (busy * (1 - pace.duty()) / pace.duty()), false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = State.STOPPED;
    }

    /** Waits this long, unless stopped; a wait for work also ends when woken (or woken during the round before). */
    private void pause(long nanos, boolean forWork) throws InterruptedException {
        long deadline = clock.nanoTime() + nanos;
        synchronized (signal) {
            while (!stopping && !(forWork && woken)) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    return;
                }
                clock.waitOn(signal, left);
            }
        }
    }
}
