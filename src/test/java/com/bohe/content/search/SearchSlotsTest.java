package com.bohe.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;


class SearchSlotsTest {

    private static SearchSlots slots(int size, Duration queueTimeout) {
        SearchSlots slots = new SearchSlots();
        slots.config = new SearchConfig() {
            @Override
            public Backend backend() {
                return Backend.lucene;
            }

            @Override
            public Duration catchUpInterval() {
                return Duration.ofSeconds(2);
            }

            @Override
            public boolean blockingBuild() {
                return false;
            }

            @Override
            public boolean readyWhileBuilding() {
                return false;
            }

            @Override
            public OptionalInt concurrency() {
                return OptionalInt.of(size);
            }

            @Override
            public Duration queueTimeout() {
                return queueTimeout;
            }
        };
        slots.init();
        return slots;
    }

    @Test
    void shouldRunAtMostTheConfiguredNumberAtOnce() throws Exception {
        SearchSlots slots = slots(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.List<Future<Integer>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                done.add(pool.submit(() -> slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return n;
                })));
            }
            int sum = 0;
            for (Future<Integer> f : done) {
                sum += f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(120, sum, "every search ran once and answered");
            assertEquals(2, most.get(), "never more than two at once, and two did run together");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseASearchThatWaitedTooLongAndServeOnceASlotIsFree() throws Exception {
        SearchSlots slots = slots(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> slots.run(() -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            long started = System.nanoTime();
            SearchesBusyException refused = assertThrows(SearchesBusyException.class, () -> slots.run(() -> "second"));
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(100), "it waited its turn first");
            assertEquals("Too many searches at once; try again shortly.", refused.getMessage());
            release.countDown();
            assertEquals("first", first.get(10, TimeUnit.SECONDS));
            assertEquals("third", slots.run(() -> "third"), "the slot was given back");
        } finally {
            pool.shutdownNow();
        }
    }
}
