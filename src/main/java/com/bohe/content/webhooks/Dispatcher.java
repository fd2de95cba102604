package com.bohe.content.webhooks;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.editing.ContentWritten;
import com.bohe.content.importing.ImportFinished;

/**
 * Delivers the outbox off the request threads, so a slow or absent receiver never holds a write or a read: the loop,
 * on a background worker, with a {@link DeliveryStore} (the SQL), a {@link WebhookSender} (the HTTP client) and a
 * {@link RetryPolicy} (when a failed delivery is tried again).
 * Every instance may run it; all claims are leased ({@code FOR UPDATE SKIP LOCKED}), so no two instances send the
 * same attempt, and what an instance that died was sending is sent by another after the lease. At least once, then:
 * receivers drop duplicates by webhook-id.
 * <p>
 * An event's first attempts go straight from the event: the dispatcher leases the event, sends it to each subscriber
 * that asked for it, and then writes each delivery once, with what the attempt came to; when all are written the
 * event is marked sent. So a delivery that succeeds at once costs the database one insert, not an insert and two
 * updates (pending, leased, done) with their index entries; the write-ahead log they would add is what costs writes
 * most on a shared machine. A redone event (its lease ran out) goes only to subscribers that have no delivery of it.
 * Later attempts (retries, replays, pings) are deliveries already written: claimed, leased, sent, updated.
 * <p>
 * The loop does the database work in few statements: it claims a few attempts per sender at once and hands them out
 * as senders free up, records what the senders finished in one batch, and looks at events only when some were
 * written (or at the poll). Its rounds are at least the batch window apart; a write, a ping or a sender that finishes
 * wakes it, and it polls (for other instances' events, retries come due and scheduled articles now due) every poll
 * interval.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Deliveries claimed ahead per sender; with a 5 s answer timeout they start well within a one-minute lease. */
    private static final int CLAIM_AHEAD = 4;
    private static final Duration FORGET_AFTER = Duration.ofDays(7);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(60);

    @Inject
    Outbox outbox;
    private final String name;
    private final WebhooksConfig config;
    private final Background background;
    private final DeliveryStore store;
    private final WebhookSender sender;
    private final Semaphore slots;
    /** Events may be waiting to be sent: raised by writes, pings and the poll. */
    private final AtomicBoolean eventsWritten = new AtomicBoolean(true);
    /** Written deliveries may be due (a ping, a replay, a retry's time, a lease run out): raised by them and the poll. */
    private final AtomicBoolean deliveriesDue = new AtomicBoolean(true);
    /** Claimed and leased, in event-time order, not started yet. */
    private final Queue<Attempt> claimed = new ConcurrentLinkedQueue<>();
    private final Queue<Attempt.Sent> sent = new ConcurrentLinkedQueue<>();
    /** Per event leased here, its first attempts not recorded yet: at none, the event is marked sent. */
    private final ConcurrentHashMap<UUID, AtomicInteger> unrecorded = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong wokenCycles = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private volatile long nextPoll;
    private volatile long nextForget;
    private volatile Worker loop;
    private volatile ExecutorService senders;

    @Inject
    Dispatcher(AgroalDataSource dataSource, WebhooksConfig config, Vertx vertx, Background background) {
        this("webhook", dataSource, config, vertx, background);
    }

    /** A dispatcher whose threads are named after {@code name}: a second one in a test stands for another instance. */
    Dispatcher(String name, AgroalDataSource dataSource, WebhooksConfig config, Vertx vertx, Background background) {
        this.name = name;
        this.config = config;
        this.background = background;
        this.store = new DeliveryStore(dataSource, config.lease(), new RetryPolicy(config.retryDelays()));
        this.sender = new WebhookSender(config, vertx);
        this.slots = new Semaphore(config.senders());
    }

    void start(@Observes StartupEvent event) {
        // Senders only resolve, check and sign; the exchange itself runs on the event loops.
        senders = background.pool(name + "-sender", Math.min(config.senders(), 4));
        if (config.dispatch()) {
            // At once first: what was written before this start (the demo content, an import resumed) woke no loop.
            nextPoll = System.nanoTime();
            nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
            Duration poll = config.pollInterval();
            loop = background.start(name + "-dispatcher", new Pace(1, config.batchWindow(), poll, poll, poll, poll, false),
                    this::round, inFlight::get);
        }
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        Worker current = loop;
        if (current != null) {
            current.stop(Duration.ofSeconds(1));
        }
        if (senders != null) {
            senders.shutdown();
        }
        // Attempts in flight end within their timeout; one cut short is retried by any instance after its lease.
        long deadline = System.nanoTime() + config.timeout().toNanos() + config.connectTimeout().toNanos() + 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sender.close();
        try {
            recordSent();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not record the last webhook deliveries (sent again after their lease): %s", e.getMessage());
        }
    }

    /** After a commit that wrote events: look at once rather than at the next poll. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentWritten write) {
        eventsWritten.set(true);
        nudge();
    }

    void importFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) ImportFinished finished) {
        eventsWritten.set(true);
        nudge();
    }

    /** Events or deliveries were written (a ping, a replay): send them now rather than at the next poll. */
    void wake() {
        eventsWritten.set(true);
        deliveriesDue.set(true);
        nudge();
    }

    /** Has the loop run a round soon (after the batch window), rather than at the next poll. */
    private void nudge() {
        Worker current = loop;
        if (current != null) {
            current.wake();
        }
    }

    /**
     * The loop's round: at the poll, scheduled articles now due are announced and everything is looked at (other
     * instances write events too, and retries come due: only the poll sees those); otherwise it was woken. Old events
     * are forgotten hourly. A failed round is tried again at the next poll.
     */
    private int round() throws SQLException {
        if (System.nanoTime() - nextPoll >= 0) {
            nextPoll = System.nanoTime() + config.pollInterval().toNanos();
            announceDueQuietly();
            eventsWritten.set(true);
            deliveriesDue.set(true);
            polls.incrementAndGet();
        } else {
            wokenCycles.incrementAndGet();
        }
        if (System.nanoTime() - nextForget >= 0) {
            nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
            forgetQuietly();
        }
        return cycle();
    }

    private void announceDueQuietly() {
        try {
            store.announceDue(outbox);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not announce the scheduled articles now due, tried again at the next poll: %s", e.getMessage());
        }
    }

    private void forgetQuietly() {
        try {
            int forgotten = store.forget(FORGET_AFTER);
            if (forgotten > 0) {
                LOG.debugf("Forgot %d webhook events older than 7 days", forgotten);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not forget old webhook events: %s", e.getMessage());
        }
    }

    /** Cycles run because something woke the loop (not the poll) since start. */
    long wokenCycles() {
        return wokenCycles.get();
    }

    /** Polls begun since start: a test waits for some rather than for time. */
    long polls() {
        return polls.get();
    }

    /** Deliveries being sent now on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Records what senders finished; when few attempts are left in hand, claims due deliveries (retries, replays,
     * pings) if some may be due and then, when events were written, leases new events for their first attempts
     * (in the transaction that records); starts as many as there are free senders. Each sender that finishes starts
     * the next attempt in hand and nudges the loop (which records it within the batch window), so a backlog is worked
     * through at the senders' pace, not the poll's. Safe to call from several threads.
     *
     * @return the deliveries started
     */
    int cycle() throws SQLException {
        List<Attempt.Sent> finished = takeSent();
        int ahead = config.senders() * CLAIM_AHEAD;
        if (claimed.size() < config.senders()) {
            if (deliveriesDue.getAndSet(false)) {
                int limit = ahead - claimed.size();
                List<Attempt> due = store.claim(limit);
                claimed.addAll(due);
                if (due.size() == limit) {
                    deliveriesDue.set(true); // more may be due
                }
            }
            while (claimed.size() < ahead && eventsWritten.getAndSet(false)) {
                int limit = ahead - claimed.size();
                DeliveryStore.EventClaim events = recordAndClaim(finished, limit);
                finished = List.of();
                claimed.addAll(events.attempts());
                if (events.events() == limit) {
                    eventsWritten.set(true); // more may be waiting
                }
            }
        }
        if (!finished.isEmpty()) {
            recordAndClaim(finished, 0);
        }
        return startSends();
    }

    /**
     * Starts attempts in hand, in order, on as many senders as are free. Run by the cycle and by each sender that
     * finishes, so attempts already claimed go out at the receivers' pace, not the batch window's.
     *
     * @return the attempts started
     */
    private int startSends() {
        int started = 0;
        while (!claimed.isEmpty() && slots.tryAcquire()) {
            Attempt attempt = claimed.poll();
            if (attempt == null) {
                slots.release();
                break;
            }
            inFlight.incrementAndGet();
            Instant at = Instant.now();
            try {
                // On a sender: the URL's host is resolved (and checked) there, never on the loop or an event loop.
                senders.execute(() -> sender.sendQuietly(attempt).onComplete(result -> {
                    sent.add(new Attempt.Sent(attempt, result.succeeded() ? result.result() : Attempt.Result.failure(result.cause()), at));
                    inFlight.decrementAndGet();
                    slots.release();
                    startSends();
                    nudge();
                }));
            } catch (RejectedExecutionException e) {
                // Shutting down: the attempt stays leased and is made by any instance after the lease.
                inFlight.decrementAndGet();
                slots.release();
                break;
            }
            started++;
        }
        return started;
    }

    /** Records the attempts senders finished, in one batch; lost ones are sent again after their lease. */
    void recordSent() throws SQLException {
        List<Attempt.Sent> batch = takeSent();
        if (!batch.isEmpty()) {
            recordAndClaim(batch, 0);
        }
    }

    private List<Attempt.Sent> takeSent() {
        List<Attempt.Sent> batch = new ArrayList<>();
        for (Attempt.Sent next = sent.poll(); next != null; next = sent.poll()) {
            batch.add(next);
        }
        return batch;
    }

    private DeliveryStore.EventClaim recordAndClaim(List<Attempt.Sent> batch, int eventLimit) throws SQLException {
        List<UUID> eventsSent = new ArrayList<>();
        for (Attempt.Sent one : batch) {
            if (one.attempt().first()) {
                AtomicInteger left = unrecorded.get(one.attempt().eventId());
                if (left != null && left.decrementAndGet() == 0) {
                    unrecorded.remove(one.attempt().eventId());
                    eventsSent.add(one.attempt().eventId());
                }
            }
        }
        DeliveryStore.EventClaim claim = store.recordAndClaim(batch, eventsSent, eventLimit);
        Map<UUID, Integer> perEvent = new HashMap<>();
        claim.attempts().forEach(attempt -> perEvent.merge(attempt.eventId(), 1, Integer::sum));
        perEvent.forEach((event, count) -> unrecorded.put(event, new AtomicInteger(count)));
        return claim;
    }
}
