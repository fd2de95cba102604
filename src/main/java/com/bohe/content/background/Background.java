package com.bohe.content.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;

import com.bohe.content.api.http.RouteOrder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Everything this instance does in the background, on one mechanism: the only place that starts a thread of the
 * application's own. A feature starts a {@link Worker} (a loop of {@link Step}s at a {@link Pace}) or a pool (for
 * work that runs side by side, such as webhook sends), and stops it when its order of shutdown matters; whatever is
 * still running stops on {@link ShutdownEvent}. Each is measured under its name ({@code worker} tag):
 * {@code content_background_rounds_total{outcome}}, {@code content_background_items_total},
 * {@code content_background_busy_seconds_total} and, when it says, {@code content_background_backlog}; and listed
 * by {@link #workers()}, shown at {@code /q/health/well} (docs/operations.md has the table of all of them).
 */
@Singleton
public class Background {

    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Background.class);

    private final MeterRegistry registry;

    private final Map<String, Worker> workers = new ConcurrentSkipListMap<>();
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentSkipListMap<>();
    private final Map<String, WorkerStats> stats = new ConcurrentHashMap<>();

    /** Whether this instance does the work any instance may do ({@link #startShared}); {@code CONTENT_BACKGROUND}. */
    private final boolean sharedWork;
    /**
     * The share of the cores that catch-up work (workers below the requests: embedding, related lists, renders,
     * warming, suggestions) may take in all: each round of such a worker holds one permit.
     */
    private final Budget budget;
    private final int cores;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int processors = Runtime.getRuntime().availableProcessors();
    /** Where the kernel tells how long threads wait for a core; null where it does not. */
    private final CpuPressure pressure = CpuPressure.open(PRESSURE_THRESHOLD);
    /** The share of the time with a thread waiting for a core at which readers are taken to queue. */
    static final double PRESSURE_THRESHOLD = 0.2;

    /** The application's, measured in its registry when Micrometer is there (a build may leave it out). */
    @Inject
    Background(Instance<MeterRegistry> registries,
            @ConfigProperty(name = "content.background", defaultValue = "true") boolean sharedWork,
            @ConfigProperty(name = "content.background.cores", defaultValue = "0") int cores,
            @ConfigProperty(name = "content.background.share-under-load", defaultValue = "0.1") double shareUnderLoad) { // Budget.SHARE_UNDER_LOAD
        this(registries.isResolvable() ? registries.get() : null, sharedWork, cores, shareUnderLoad);
    }

    /** One of a test's own, measured in the registry given, or not at all (null). */
    public Background(MeterRegistry registry) {
        this(registry, true, 0);
    }

    /** As {@link #Background(MeterRegistry, boolean, int, double)}, with the default share under load. */
    public Background(MeterRegistry registry, boolean sharedWork, int cores) {
        this(registry, sharedWork, cores, Budget.SHARE_UNDER_LOAD);
    }

    /**
     * @param sharedWork whether to run the work any instance may do
     * @param cores how many catch-up rounds may run at once; 0 for half the processors, at least one
     * @param shareUnderLoad the share of the time each of those rounds may take while readers queue
     */
    public Background(MeterRegistry registry, boolean sharedWork, int cores, double shareUnderLoad) {
        this.registry = registry;
        this.sharedWork = sharedWork;
        this.cores = cores > 0 ? cores : Math.max(1, processors / 2);
        this.budget = new Budget(this.cores, this::readersQueue, shareUnderLoad, System::nanoTime);
        if (registry != null) {
            Gauge.builder("content.background.readers", inFlight, AtomicInteger::get)
                    .description("Requests in flight on both ports, as the background's budget sees them: catch-up work keeps to "
                            + "its share under load while there are more than processors")
                    .register(registry);
        }
        LOG.debugf("Catch-up work yields to readers by %s", pressure == null ? "the requests in flight"
                : "the requests in flight and the CPU pressure in " + pressure.file());
        if (!sharedWork) {
            LOG.info("Embedding, related lists, kept renders and sweeps are left to other instances (CONTENT_BACKGROUND=false)");
        }
    }

    /**
     * Counts the requests in flight on the public port, so that catch-up rounds wait while readers queue: more
     * requests in flight than cores (see {@link #readersQueue()}).
     */
    void countReaders(@Observes Filters filters) {
        filters.register(this::countReader, RouteOrder.READERS_FILTER);
    }

    /** And on the management port: a probe or a scrape that waits for a core waits as a reader does. */
    void countManagementReaders(@Observes io.quarkus.vertx.http.ManagementInterface management) {
        management.router().route().order(RouteOrder.MANAGEMENT_READERS).handler(this::countReader);
    }

    private void countReader(io.vertx.ext.web.RoutingContext context) {
        inFlight.incrementAndGet();
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }

    /**
     * Whether requests wait for a core: more in flight than there are processors (readers that block), or threads
     * that waited for a core a fifth of the last 20 ms or more ({@link CpuPressure}, where the kernel tells it:
     * readers served on the event loops, which queue in their sockets and are never many in flight).
     */
    public boolean readersQueue() {
        if (inFlight.get() > processors) {
            return true;
        }
        try {
            return pressure != null && pressure.contended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this instance runs the work any instance may do (false: {@code CONTENT_BACKGROUND=false}). */
    public boolean sharedWork() {
        return sharedWork;
    }

    /** The share of the cores for catch-up work, for work that runs on threads of its own (the index's merges). */
    public Budget budget() {
        return budget;
    }

    /** The catch-up rounds that may run at once. */
    public int cores() {
        return cores;
    }

    /**
     * Starts a worker for work that any instance may do, because what it reads and writes is in the database
     * (embeddings, related lists, kept renders, sweeps): with {@code CONTENT_BACKGROUND=false} this instance leaves it
     * to the others, and the worker is listed as off.
     */
    public Worker startShared(String name, Pace pace, Step step, IntSupplier backlog) {
        if (sharedWork) {
            return start(name, pace, step, backlog);
        }
        Worker off = new Worker(name, pace, step, backlog, stats(name, backlog != null), Worker.Clock.SYSTEM);
        off.off();
        workers.put(name, off);
        return off;
    }

    /** Starts a worker that runs {@code step} at {@code pace}; names are unique among the workers running. */
    public Worker start(String name, Pace pace, Step step) {
        return start(name, pace, step, null);
    }

    /** As {@link #start(String, Pace, Step)}, with what waits for it, for the listing and the backlog gauge. */
    public Worker start(String name, Pace pace, Step step, IntSupplier backlog) {
        Worker worker = new Worker(name, pace, step, backlog, stats(name, backlog != null), Worker.Clock.SYSTEM,
                pace.belowRequests() ? budget : null);
        Worker previous = workers.put(name, worker);
        if (previous != null && previous.running()) {
            workers.put(name, previous);
            throw new IllegalStateException("A background worker named " + name + " is running already");
        }
        worker.start();
        return worker;
    }

    /** Runs a job once, in the background; after a failure, again after {@code retry}, until it succeeds. */
    public Worker once(String name, Duration retry, Runnable job) {
        return start(name, Pace.once(retry), () -> {
            job.run();
            return Step.FINISHED;
        });
    }

    /** A pool of {@code threads} daemon threads for tasks that run side by side; shut it down when done with it. */
    public ExecutorService pool(String name, int threads) {
        WorkerStats s = stats(name, true);
        AtomicInteger n = new AtomicInteger();
        ThreadLocal<Long> started = new ThreadLocal<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                started.set(System.nanoTime());
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                long busy = System.nanoTime() - started.get();
                if (t == null) {
                    s.worked(busy, 1);
                } else {
                    s.failed(busy, t);
                }
            }
        };
        ThreadPoolExecutor previous = pools.put(name, pool);
        if (previous != null && !previous.isShutdown()) {
            pools.put(name, previous);
            pool.shutdownNow();
            throw new IllegalStateException("A background pool named " + name + " is running already");
        }
        return pool;
    }

    /** Every worker and pool started, by name: what runs in the background and what it has cost. */
    public List<WorkerStatus> workers() {
        List<WorkerStatus> all = new ArrayList<>();
        workers.values().forEach(w -> all.add(w.status()));
        pools.forEach((name, pool) -> all.add(new WorkerStatus(name, pool.isShutdown() ? "stopped" : "pool", 1,
                stats.get(name).worked.sum(), 0, stats.get(name).failed.sum(), stats.get(name).items.sum(),
                stats.get(name).busySeconds(), pool.getQueue().size() + pool.getActiveCount(), null)));
        all.sort(java.util.Comparator.comparing(WorkerStatus::name));
        return all;
    }

    /** Whatever its feature has not stopped already, after the features' own ordered stops (priority 1). */
    void stopAll(@Observes ShutdownEvent event) {
        workers.values().forEach(w -> w.stop(STOP_WAIT));
        pools.values().forEach(ThreadPoolExecutor::shutdownNow);
    }

    private WorkerStats stats(String name, boolean backlog) {
        return stats.computeIfAbsent(name, n -> {
            WorkerStats s = new WorkerStats();
            if (registry == null) {
                return s;
            }
            for (String outcome : List.of("worked", "idle", "failed")) {
                FunctionCounter.builder("content.background.rounds", s, x -> switch (outcome) {
                    case "worked" -> x.worked.sum();
                    case "idle" -> x.idle.sum();
                    default -> x.failed.sum();
                }).tags("worker", n, "outcome", outcome)
                        .description("Rounds of background work, by worker and outcome (worked, idle: found nothing, failed)")
                        .register(registry);
            }
            FunctionCounter.builder("content.background.items", s, x -> x.items.sum()).tag("worker", n)
                    .description("Items settled by background work (articles embedded, views written, deliveries sent...)")
                    .register(registry);
            FunctionCounter.builder("content.background.busy", s, WorkerStats::busySeconds).baseUnit("seconds").tag("worker", n)
                    .description("Time background work spent in its rounds: its cost in core time, at most")
                    .register(registry);
            if (backlog) {
                Gauge.builder("content.background.backlog", this, b -> b.backlog(n)).tag("worker", n)
                        .description("What waits for a background worker (items, or tasks of a pool)").register(registry);
            }
            return s;
        });
    }

    private double backlog(String name) {
        Worker worker = workers.get(name);
        if (worker != null) {
            int backlog = worker.status().backlog();
            return backlog < 0 ? Double.NaN : backlog;
        }
        ThreadPoolExecutor pool = pools.get(name);
        return pool != null ? pool.getQueue().size() + pool.getActiveCount() : Double.NaN;
    }
}
