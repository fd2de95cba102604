package com.bohe.content.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.bohe.content.api.problem.ServiceUnavailableException;

/** Slots and the decode budget: a transform that cannot start in time is refused, never queued without end. */
class TransformsTest {

    private static Transforms transforms(int slots, long budget, Duration timeout) {
        FilesConfig config = (FilesConfig) Proxy.newProxyInstance(FilesConfig.class.getClassLoader(),
                new Class<?>[] { FilesConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "transforms" -> Optional.of(slots);
                    case "decodeBudgetPixels" -> budget;
                    case "queueTimeout" -> timeout;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Transforms t = new Transforms();
        t.config = config;
        t.registry = new SimpleMeterRegistry();
        t.init();
        return t;
    }

    @Test
    void aTransformThatFindsNoSlotInTimeIsRefusedWithRetryAfter() throws Exception {
        Transforms t = transforms(1, 1_000_000, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> t.run(10, () -> {
            holding.countDown();
            await(release);
            return new byte[] { 1 };
        }));
        holding.await(5, TimeUnit.SECONDS);
        ServiceUnavailableException busy = assertThrows(ServiceUnavailableException.class, () -> t.run(10, () -> new byte[0]));
        assertEquals(2, busy.retryAfterSeconds());
        release.countDown();
        assertArrayEquals(new byte[] { 1 }, first.get(5, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] { 2 }, t.run(10, () -> new byte[] { 2 }));
    }

    @Test
    void transformsBeyondTheDecodeBudgetWaitForIt() throws Exception {
        // Two slots, but a budget for one of these decodes at a time.
        Transforms t = transforms(2, 1_000_000, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> t.run(800_000, () -> {
            holding.countDown();
            await(release);
            return new byte[] { 1 };
        }));
        holding.await(5, TimeUnit.SECONDS);
        assertThrows(ServiceUnavailableException.class, () -> t.run(800_000, () -> new byte[0]));
        // A small one fits beside it.
        assertArrayEquals(new byte[] { 3 }, t.run(100_000, () -> new byte[] { 3 }));
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        // One larger than the whole budget takes all of it, rather than waiting for ever.
        assertArrayEquals(new byte[] { 4 }, t.run(50_000_000, () -> new byte[] { 4 }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
