package com.bohe.content.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that queue for the cores, as the kernel tells it (cpu.pressure): the share of a window during which some
 * task waited, against a threshold, on a file and a clock of the test's own.
 */
class CpuPressureTest {

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));

    private Path file(long someTotalMicros) throws IOException {
        Path file = dir.resolve("cpu.pressure");
        Files.writeString(file, "some avg10=51.68 avg60=32.86 avg300=26.53 total=" + someTotalMicros + "\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        return file;
    }

    @Test
    void shouldTellContentionByTheShareOfTheWindowSomethingWaited() throws Exception {
        Path file = file(1_000_000);
        CpuPressure pressure = new CpuPressure(file, 0.2, now::get, nanos -> now.addAndGet(nanos));

        now.addAndGet(ms(20));
        file(1_000_000 + 10_000); // 10 ms of 20 waited
        assertTrue(pressure.contended(), "half the window");

        now.addAndGet(ms(5));
        assertTrue(pressure.contended(), "within the window: the last answer (read again, 5 ms without a wait would be no)");

        now.addAndGet(ms(15));
        assertFalse(pressure.contended(), "no wait over the 20 ms since the last look");

        now.addAndGet(ms(20));
        file(1_010_000 + 3_000);
        assertFalse(pressure.contended(), "3 ms of 20: below a fifth");
        now.addAndGet(ms(20));
        file(1_013_000 + 4_000);
        assertTrue(pressure.contended(), "4 ms of 20: a fifth");
    }

    @Test
    void shouldMeasureAFreshWindowAfterALongGap() throws Exception {
        Path file = file(5_000);
        // Long waits happened during the gap; the window measured now has none.
        CpuPressure pressure = new CpuPressure(file, 0.2, now::get, nanos -> now.addAndGet(nanos));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        file(5_000 + 9_000_000);
        assertFalse(pressure.contended(), "the gap's waits are not now's");

        long[] total = { 9_005_000 };
        CpuPressure busy = new CpuPressure(file, 0.2, now::get, nanos -> {
            now.addAndGet(nanos);
            total[0] += TimeUnit.NANOSECONDS.toMicros(nanos); // waiting all along the fresh window
            try {
                file(total[0]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertTrue(busy.contended(), "waits during the fresh window");
    }

    @Test
    void shouldNotOpenWhatHasNoSomeLine() throws Exception {
        Path file = dir.resolve("cpu.pressure");
        Files.writeString(file, "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        assertThrows(IOException.class, () -> new CpuPressure(file, 0.2, now::get, nanos -> { }));
        assertThrows(IOException.class, () -> new CpuPressure(dir.resolve("absent"), 0.2, now::get, nanos -> { }));
        CpuPressure opened = CpuPressure.open(0.2);
        if (opened != null) {
            assertTrue(CpuPressure.FILES.contains(opened.file()));
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
