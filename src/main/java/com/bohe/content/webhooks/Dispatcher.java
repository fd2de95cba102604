package com.bohe.content.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import com.bohe.content.editing.ContentWritten;
import com.bohe.content.importing.ImportFinished;

/**
 * Delivers the outbox: fans each new event out to the subscribers that asked for it (one delivery row each), then
 * claims due deliveries and POSTs them, signed, on a few sender threads of its own, so a slow or absent receiver
 * never holds a write or a read. Every instance may run it: events and deliveries are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and a claimed delivery is leased (its next attempt moved a lease ahead) before it
 * is sent, so no other instance sends it meanwhile; if this one dies mid-send, another retries after the lease.
 * At least once, then: receivers drop duplicates by webhook-id.
 * <p>
 * The loop does the database work in few statements, so that a busy stream of deliveries costs the writes little:
 * it claims a few deliveries per sender at once and hands them out as senders free up, records what the senders
 * finished in one batch, fans out only when events were written (or at the poll), and commits without waiting for
 * the WAL flush. That is safe here: a claim, fan-out or record lost in a crash is done again, and the worst it
 * causes is a duplicate delivery, which receivers already drop.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int FAN_OUT_BATCH = 500;
    /** Deliveries claimed ahead per sender; with a 5 s answer timeout they start well within a one-minute lease. */
    private static final int CLAIM_AHEAD = 4;

    private static final String FAN_OUT = """
            WITH batch AS (
                SELECT id, type, import_line, occurred_at FROM webhook_event WHERE NOT fanned_out
                ORDER BY occurred_at LIMIT ? FOR UPDATE SKIP LOCKED
            ), deliveries AS (
                INSERT INTO webhook_delivery (webhook_id, event_id, event_type, next_attempt_at, created_at)
                SELECT w.id, b.id, b.type, now(), now() FROM batch b JOIN webhook w
                  ON w.events && ARRAY[b.type, split_part(b.type, '.', 1) || '.*', '*']::text[]
                 AND (NOT b.import_line OR w.line_events) AND w.created_at <= b.occurred_at
                ORDER BY b.occurred_at
                ON CONFLICT DO NOTHING
            )
            UPDATE webhook_event SET fanned_out = true WHERE id IN (SELECT id FROM batch)
            """;

    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = now(),
                       next_attempt_at = now() + ? * interval '1 millisecond'
                WHERE d.id IN (SELECT id FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= now()
                               ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.webhook_id, d.event_id, d.attempts
            )
            SELECT c.id, c.attempts, w.url, w.secret, e.id, e.payload FROM claimed c
              JOIN webhook w ON w.id = c.webhook_id JOIN webhook_event e ON e.id = c.event_id
            ORDER BY e.occurred_at, c.id
            """;

    private static final String RECORD = """
            UPDATE webhook_delivery SET status = ?, next_attempt_at = now() + ? * interval '1 millisecond',
                   last_status = ?, last_error = ?, last_response = ?
            WHERE id = ? AND attempts = ?
            """;

    private static final String FORGET = """
            DELETE FROM webhook_event e WHERE e.fanned_out AND e.occurred_at < now() - ? * interval '1 millisecond'
              AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.status = 'pending')
            """;

    /** One claimed attempt. */
    record Attempt(long deliveryId, int attempt, String url, String secret, UUID eventId, String payload) {
    }

    /** What an attempt came to. */
    record Result(boolean succeeded, Integer status, String error, String response) {
    }

    /** An attempt made, waiting to be recorded. */
    record Sent(Attempt attempt, Result result) {
    }

    private final AgroalDataSource dataSource;
    private final WebhooksConfig config;
    private final HttpClient client;
    private final Semaphore slots;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Events may be waiting to be fanned out: raised by writes, pings and the poll. */
    private final AtomicBoolean eventsWritten = new AtomicBoolean(true);
    /** Claimed and leased, in event-time order, not started yet. */
    private final Queue<Attempt> claimed = new ConcurrentLinkedQueue<>();
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong wokenCycles = new AtomicLong();
    private volatile ScheduledExecutorService loop;
    private ExecutorService senders;

    Dispatcher(AgroalDataSource dataSource, WebhooksConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.slots = new Semaphore(config.senders());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void start(@Observes StartupEvent event) {
        senders = Executors.newFixedThreadPool(config.senders(), daemon("webhook-sender"));
        loop = Executors.newSingleThreadScheduledExecutor(daemon("webhook-dispatcher"));
        if (config.dispatch()) {
            // At once first: what was written before this start (the demo content, an import resumed) woke no loop.
            long interval = config.pollInterval().toMillis();
            loop.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
            loop.scheduleWithFixedDelay(this::forgetQuietly, 1, 60, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        loop.shutdownNow();
        senders.shutdown();
        // Attempts in flight end within their timeout; one cut short is retried by any instance after its lease.
        senders.awaitTermination(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        try {
            recordSent();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not record the last webhook deliveries (sent again after their lease): %s", e.getMessage());
        }
    }

    /** After a commit that wrote events: look at once rather than at the next poll. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentWritten write) {
        wake();
    }

    void importFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) ImportFinished finished) {
        wake();
    }

    /** Events were written (a ping, a replay): fan them out and send them now rather than at the next poll. */
    void wake() {
        eventsWritten.set(true);
        nudge();
    }

    private void poll() {
        // Other instances write events too; only the poll sees those.
        eventsWritten.set(true);
        cycleQuietly();
    }

    /**
     * Runs a cycle on the loop soon, unless one is already waiting to run. The flag is raised only when a cycle is
     * really queued: raised before the loop existed (a write during start-up) or when the loop refused the task, it
     * would stay up, and every later wake would be dropped, leaving deliveries to the poll.
     */
    private void nudge() {
        ScheduledExecutorService current = loop;
        if (!config.dispatch() || current == null || !woken.compareAndSet(false, true)) {
            return;
        }
        try {
            current.execute(() -> {
                woken.set(false);
                wokenCycles.incrementAndGet();
                cycleQuietly();
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: the next instance's dispatcher takes what is left.
            woken.set(false);
        }
    }

    /** Cycles run because something woke the loop (not the poll) since start. */
    long wokenCycles() {
        return wokenCycles.get();
    }

    /** Deliveries being sent now on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    private void cycleQuietly() {
        try {
            cycle();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Webhook dispatch failed, tried again at the next poll: %s", e.getMessage());
        }
    }

    /**
     * Records what senders finished, fans out new events when some were written, claims more due deliveries when
     * few are left in hand, and starts as many as there are free senders; each sender that finishes nudges the loop
     * again, so a backlog is worked through at the senders' pace, not the poll's. Safe to call from several threads.
     *
     * @return the deliveries started
     */
    int cycle() throws SQLException {
        recordSent();
        if (eventsWritten.getAndSet(false)) {
            while (fanOut() == FAN_OUT_BATCH) {
                // more events waiting
            }
        }
        int ahead = config.senders() * CLAIM_AHEAD;
        if (claimed.size() < config.senders()) {
            claimed.addAll(claim(ahead - claimed.size()));
        }
        int started = 0;
        while (!claimed.isEmpty() && slots.tryAcquire()) {
            Attempt attempt = claimed.poll();
            if (attempt == null) {
                slots.release();
                break;
            }
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    sent.add(new Sent(attempt, send(attempt)));
                } finally {
                    inFlight.decrementAndGet();
                    slots.release();
                    nudge();
                }
            });
            started++;
        }
        return started;
    }

    /** @return the events fanned out */
    int fanOut() throws SQLException {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FAN_OUT)) {
                statement.setInt(1, FAN_OUT_BATCH);
                return statement.executeUpdate();
            }
        });
    }

    List<Attempt> claim(int limit) throws SQLException {
        return inTransaction(connection -> {
            List<Attempt> attempts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                statement.setLong(1, config.lease().toMillis());
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(new Attempt(rows.getLong(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                                rows.getObject(5, UUID.class), rows.getString(6)));
                    }
                }
            }
            return attempts;
        });
    }

    /** Records the attempts senders finished, in one batch; lost ones are sent again after their lease. */
    void recordSent() throws SQLException {
        List<Sent> batch = new ArrayList<>();
        for (Sent next = sent.poll(); next != null; next = sent.poll()) {
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            record(batch);
        }
    }

    /** One POST, signed anew (the timestamp is the attempt's); never throws. */
    Result send(Attempt attempt) {
        var refusal = UrlGuard.refusal(attempt.url(), config.allowPrivate());
        if (refusal.isPresent()) {
            return new Result(false, null, "refused: the URL " + refusal.get(), null);
        }
        long timestamp = Instant.now().getEpochSecond();
        String id = attempt.eventId().toString();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(attempt.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "content-api-webhooks/1")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(attempt.secret(), id, timestamp, attempt.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Result(false, null, "refused: the URL is not valid", null);
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(config.responseLimit()), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new Result(ok, status, ok ? null : "HTTP " + status, body.isEmpty() ? null : body);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Result(false, null, "timed out after " + config.timeout().toMillis() + " ms", null);
        } catch (IOException e) {
            return new Result(false, null, "could not connect or read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted by shutdown", null);
        }
    }

    void record(List<Sent> batch) throws SQLException {
        List<Duration> delays = config.retryDelays();
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
                for (Sent one : batch) {
                    Attempt attempt = one.attempt();
                    Result result = one.result();
                    String status;
                    long nextInMillis = 0;
                    if (result.succeeded()) {
                        status = "succeeded";
                    } else if (attempt.attempt() > delays.size()) {
                        status = "failed";
                    } else {
                        status = "pending";
                        nextInMillis = jittered(delays.get(attempt.attempt() - 1));
                    }
                    statement.setString(1, status);
                    statement.setLong(2, nextInMillis);
                    statement.setObject(3, result.status());
                    statement.setString(4, truncate(result.error(), 500));
                    statement.setString(5, truncate(result.response(), 1000));
                    statement.setLong(6, attempt.deliveryId());
                    statement.setInt(7, attempt.attempt());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** Work of the dispatcher's own, committed without waiting for the WAL flush (see the class comment). */
    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement local = connection.createStatement()) {
                    local.execute("SET LOCAL synchronous_commit TO off");
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A delay shortened or stretched by up to a fifth, so that retries of many deliveries spread out. */
    static long jittered(Duration delay) {
        long millis = delay.toMillis();
        return millis + (long) (millis * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    }

    private void forgetQuietly() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setLong(1, Duration.ofDays(7).toMillis());
            int forgotten = statement.executeUpdate();
            if (forgotten > 0) {
                LOG.debugf("Forgot %d webhook events older than 7 days", forgotten);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not forget old webhook events: %s", e.getMessage());
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
