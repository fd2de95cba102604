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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int FAN_OUT_BATCH = 500;

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

    private final AgroalDataSource dataSource;
    private final WebhooksConfig config;
    private final HttpClient client;
    private final Semaphore slots;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ScheduledExecutorService loop;
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
            long interval = config.pollInterval().toMillis();
            loop.scheduleWithFixedDelay(this::cycleQuietly, interval, interval, TimeUnit.MILLISECONDS);
            loop.scheduleWithFixedDelay(this::forgetQuietly, 1, 60, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        loop.shutdownNow();
        senders.shutdown();
        // Attempts in flight end within their timeout; one cut short is retried by any instance after its lease.
        senders.awaitTermination(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** After a commit that wrote events: look at once rather than at the next poll. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentWritten write) {
        wake();
    }

    void importFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) ImportFinished finished) {
        wake();
    }

    void wake() {
        if (config.dispatch() && woken.compareAndSet(false, true) && loop != null && !loop.isShutdown()) {
            try {
                loop.execute(() -> {
                    woken.set(false);
                    cycleQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Shutting down: the next instance's dispatcher takes what is left.
            }
        }
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
     * Fans out new events and starts the due deliveries that free senders can take; each sender that finishes wakes
     * the loop again.
     *
     * @return the deliveries started
     */
    int cycle() throws SQLException {
        while (fanOut() == FAN_OUT_BATCH) {
            // more events waiting
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        List<Attempt> attempts = claim(free);
        for (Attempt attempt : attempts) {
            slots.acquireUninterruptibly();
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    record(attempt, send(attempt));
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf("Could not record webhook delivery %d (retried after its lease): %s", attempt.deliveryId(),
                            e.getMessage());
                } finally {
                    inFlight.decrementAndGet();
                    slots.release();
                    // A sender is free: more may be due (a backlog is worked through at the senders' pace, not
                    // the poll's).
                    wake();
                }
            });
        }
        return attempts.size();
    }

    /** @return the events fanned out */
    int fanOut() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FAN_OUT)) {
            statement.setInt(1, FAN_OUT_BATCH);
            return statement.executeUpdate();
        }
    }

    List<Attempt> claim(int limit) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CLAIM)) {
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

    void record(Attempt attempt, Result result) throws SQLException {
        List<Duration> delays = config.retryDelays();
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setString(1, status);
            statement.setLong(2, nextInMillis);
            statement.setObject(3, result.status());
            statement.setString(4, truncate(result.error(), 500));
            statement.setString(5, truncate(result.response(), 1000));
            statement.setLong(6, attempt.deliveryId());
            statement.setInt(7, attempt.attempt());
            statement.executeUpdate();
        }
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
