package com.bohe.content.files;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.bohe.content.api.problem.ServiceUnavailableException;

/**
 * Where pictures are decoded and written, with bounded work: a few at once (one per processor by default), and
 * at most {@code content.files.decode-budget-pixels} decoded pixels held by all of them together. A request that
 * waits longer than {@code content.files.queue-timeout} for its turn is refused (503 with Retry-After). Concurrent
 * requests for one variant share one transform: the first makes it, the others wait for its result. Measured as
 * {@code content_files_transforms_total{outcome=made|shared|refused}}: variants made, requests that waited for
 * another's, and requests refused for want of a slot.
 */
@ApplicationScoped
class Transforms {

    @Inject
    FilesConfig config;
    @Inject
    MeterRegistry registry;

    private Semaphore slots;
    private Semaphore budget;
    private int budgetUnits;
    private final ConcurrentHashMap<String, CompletableFuture<byte[]>> running = new ConcurrentHashMap<>();
    private Counter made;
    private Counter shared;
    private Counter refused;

    @PostConstruct
    void init() {
        int size = config.transforms().orElse(Runtime.getRuntime().availableProcessors());
        slots = new Semaphore(Math.max(1, size), true);
        budgetUnits = units(config.decodeBudgetPixels());
        budget = new Semaphore(budgetUnits, true);
        made = registry.counter("content_files_transforms_total", "outcome", "made");
        shared = registry.counter("content_files_transforms_total", "outcome", "shared");
        refused = registry.counter("content_files_transforms_total", "outcome", "refused");
    }

    /** The budget is counted in units of 1,024 pixels. */
    private static int units(long pixels) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (pixels + 1023) / 1024));
    }

    /** The most pixels one transform may decode: the whole budget. */
    long maxDecodedPixels() {
        return config.decodeBudgetPixels();
    }

    /**
     * Makes what {@code key} names, or waits for the transform of it already running.
     *
     * @param pixels what the transform will hold decoded, from the budget
     */
    byte[] shared(String key, long pixels, Supplier<byte[]> work) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            shared.increment();
            return await(theirs);
        }
        try {
            byte[] result = run(pixels, work);
            made.increment();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private byte[] await(CompletableFuture<byte[]> theirs) {
        try {
            return theirs.get(config.queueTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (TimeoutException e) {
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs one transform in a slot and within the budget, waiting for both up to the queue timeout. Counted as
     * made when it is a variant ({@link #shared}); an upload's placeholder is not.
     */
    byte[] run(long pixels, Supplier<byte[]> work) {
        long deadline = System.nanoTime() + config.queueTimeout().toNanos();
        int need = Math.min(budgetUnits, units(pixels));
        if (!acquire(slots, 1, deadline)) {
            throw busy();
        }
        try {
            if (!acquire(budget, need, deadline)) {
                throw busy();
            }
            try {
                return work.get();
            } finally {
                budget.release(need);
            }
        } finally {
            slots.release();
        }
    }

    private static boolean acquire(Semaphore semaphore, int permits, long deadline) {
        try {
            return semaphore.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ServiceUnavailableException busy() {
        refused.increment();
        return new ServiceUnavailableException("Every picture transform is busy; try again shortly.", 2);
    }
}
