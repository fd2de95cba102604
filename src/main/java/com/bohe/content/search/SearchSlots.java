package com.bohe.content.search;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Lets a few searches run at once, by default one per processor; the others wait their turn, first come first
 * served, and one that waits longer than {@code content.search.queue-timeout} is refused ({@link SearchesBusyException};
 * the API answers 503 with Retry-After). A
 * search is CPU work from end to end (the question's embedding, the index, the ranking): 32 of them at once on two
 * cores took as long in all, and each held its garbage sixteen times longer, into the old generation.
 *
 * <p>With OpenSearch a search here is the question's embedding, then mostly waiting for the node: the default is
 * {@link #OPENSEARCH_PER_PROCESSOR} per processor, so that embeddings here and rankings there overlap. At 100,000
 * articles on 2 cores, new questions at 32 connections went from 11 to 18 completed searches a second with 16
 * slots instead of 2 (bench/results/search-load-opensearch.md).
 */
@ApplicationScoped
public class SearchSlots {

    @Inject
    SearchConfig config;

    public static final int OPENSEARCH_PER_PROCESSOR = 8;

    private Semaphore slots;
    private int size;

    @PostConstruct
    void init() {
        int perProcessor = config.backend() == SearchConfig.Backend.opensearch ? OPENSEARCH_PER_PROCESSOR : 1;
        size = config.concurrency().orElse(perProcessor * Runtime.getRuntime().availableProcessors());
        slots = new Semaphore(size, true);
    }

    /** Runs a search in a slot, waiting for one if all are taken. */
    public <T> T run(Supplier<T> search) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(config.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new SearchesBusyException();
        }
        try {
            return search.get();
        } finally {
            slots.release();
        }
    }

    /** How many searches may run at once. */
    public int size() {
        return size;
    }
}
