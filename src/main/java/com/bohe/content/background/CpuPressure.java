package com.bohe.content.background;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Whether threads wait for a core, from Linux's pressure stall information: the share of the time, since the last
 * look, during which at least one runnable task of the container (its cgroup's {@code cpu.pressure}) or of the
 * machine ({@code /proc/pressure/cpu}) had no core to run on. A reader served on an event loop is never "in flight"
 * for long, so counting requests misses readers that queue in the sockets; the kernel sees them wait.
 * <p>
 * A running task is not waiting: catch-up work alone on a free core shows no pressure, and readers that take every
 * core do. Not every kernel has it (macOS, kernels built without PSI): {@link #open} is null there.
 */
final class CpuPressure {

    static final List<Path> FILES = List.of(Path.of("/sys/fs/cgroup/cpu.pressure"), Path.of("/proc/pressure/cpu"));
    /** The shortest time a share is measured over; a look sooner gets the last answer. */
    static final long WINDOW_NANOS = 20_000_000;
    /** A look longer than this after the last one measures a fresh window first (the long gap says nothing of now). */
    static final long STALE_NANOS = 500_000_000;

    private final Path file;
    private final double threshold;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long lastTotalMicros;
    private long lastAt;
    private boolean contended;

    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    CpuPressure(Path file, double threshold, LongSupplier clock, Sleeper sleeper) throws IOException {
        this.file = file;
        this.threshold = threshold;
        this.clock = clock;
        this.sleeper = sleeper;
        this.lastTotalMicros = someTotalMicros();
        this.lastAt = clock.getAsLong();
    }

    /** The first of {@link #FILES} that can be read, or null when the kernel says nothing of CPU pressure. */
    static CpuPressure open(double threshold) {
        for (Path file : FILES) {
            try {
                return new CpuPressure(file, threshold, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000));
            } catch (IOException | RuntimeException unreadable) {
                // the next one
            }
        }
        return null;
    }

    Path file() {
        return file;
    }

    /** Whether, over the last window, something waited for a core at least {@code threshold} of the time. */
    synchronized boolean contended() throws InterruptedException {
        long now = clock.getAsLong();
        if (now - lastAt > STALE_NANOS) {
            lastTotalMicros = readOr(lastTotalMicros);
            lastAt = now;
            sleeper.sleep(WINDOW_NANOS);
            now = clock.getAsLong();
        } else if (now - lastAt < WINDOW_NANOS) {
            return contended;
        }
        long total = readOr(-1);
        if (total < 0) {
            return contended;
        }
        double share = (total - lastTotalMicros) * 1_000.0 / (now - lastAt);
        lastTotalMicros = total;
        lastAt = now;
        contended = share >= threshold;
        return contended;
    }

    private long readOr(long otherwise) {
        try {
            return someTotalMicros();
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    /** The {@code total=} of the {@code some} line: microseconds during which some task waited, since boot. */
    private long someTotalMicros() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (line.startsWith("some ")) {
                int at = line.indexOf("total=");
                if (at >= 0) {
                    return Long.parseLong(line.substring(at + 6).trim());
                }
            }
        }
        throw new IOException(file + " has no 'some ... total=' line");
    }
}
