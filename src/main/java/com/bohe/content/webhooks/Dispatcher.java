package com.bohe.content.webhooks;

import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import com.bohe.content.editing.ContentWritten;
import com.bohe.content.importing.ImportFinished;

/**
 * Delivers the outbox on an HTTP client of its own, off the request threads, so a slow or absent receiver never
 * holds a write or a read.
 * Every instance may run it; all claims use {@code FOR UPDATE SKIP LOCKED} and a lease, so no two instances send the
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
 * as senders free up, records what the senders finished in one batch, looks at events only when some were written
 * (or at the poll), and commits without waiting for the WAL flush. That is safe here: a claim or record lost in a
 * crash is done again, and the worst it causes is a duplicate delivery, which receivers already drop.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Deliveries claimed ahead per sender; with a 5 s answer timeout they start well within a one-minute lease. */
    private static final int CLAIM_AHEAD = 4;

    /**
     * Leases the oldest events not yet sent and returns each with the active subscribers that asked for it and have
     * no delivery of it yet; an event nobody asked for is marked done at once. Only an event leased before (its
     * instance died mid-send) can have deliveries, so only such an event's are looked up: written as a join for
     * every event, PostgreSQL's plan for any values (the driver prepares the statement), made when the table was
     * empty, read every delivery for each event and subscriber, seen at 3 ms per claim instead of 0.3 ms.
     */
    private static final String CLAIM_EVENTS = """
            WITH batch AS (
                SELECT id, type, import_line, occurred_at, payload, leased_until FROM webhook_event
                WHERE NOT fanned_out AND (leased_until IS NULL OR leased_until <= now())
                ORDER BY occurred_at LIMIT ? FOR UPDATE SKIP LOCKED
            ), pairs AS (
                SELECT b.id AS event_id, b.type, b.occurred_at, b.payload, w.id AS webhook_id, w.url, w.secret
                FROM batch b JOIN webhook w
                  ON w.events && ARRAY[b.type, split_part(b.type, '.', 1) || '.*', '*']::text[]
                 AND (NOT b.import_line OR w.line_events) AND w.active AND w.active_since <= b.occurred_at
                WHERE CASE WHEN b.leased_until IS NULL THEN true
                           ELSE NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = b.id AND d.webhook_id = w.id)
                      END
            ), nobody AS (
                UPDATE webhook_event SET fanned_out = true, leased_until = NULL
                WHERE id IN (SELECT id FROM batch) AND id NOT IN (SELECT event_id FROM pairs)
            ), leased AS (
                UPDATE webhook_event SET leased_until = now() + ? * interval '1 millisecond'
                WHERE id IN (SELECT event_id FROM pairs)
            )
            SELECT b.id, p.webhook_id, p.type, p.url, p.secret, p.payload FROM batch b
              LEFT JOIN pairs p ON p.event_id = b.id
            ORDER BY b.occurred_at, b.id, p.webhook_id
            """;

    /**
     * First attempts, each written once with its outcome (unless its webhook was deleted meanwhile), in one go; the
     * events whose first attempts are all written are marked sent in the same statement.
     */
    private static final String RECORD_FIRST = """
            WITH sent AS (
                UPDATE webhook_event SET fanned_out = true, leased_until = NULL WHERE id = ANY (?::uuid[])
            )
            INSERT INTO webhook_delivery (webhook_id, event_id, event_type, status, attempts, next_attempt_at,
                                          last_attempt_at, last_status, last_error, last_response)
            SELECT r.webhook_id, r.event_id, r.event_type, r.status, 1, now() + r.next_ms * interval '1 millisecond',
                   to_timestamp(r.at_ms / 1000.0), r.last_status, r.last_error, r.last_response
            FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::text[],
                        ?::text[])
                 AS r (webhook_id, event_id, event_type, status, next_ms, at_ms, last_status, last_error, last_response)
            JOIN webhook w ON w.id = r.webhook_id
            ON CONFLICT DO NOTHING
            """;

    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = now(),
                       next_attempt_at = now() + ? * interval '1 millisecond'
                WHERE (d.webhook_id, d.id) IN (SELECT webhook_id, id FROM webhook_delivery
                                               WHERE status = 'pending' AND next_attempt_at <= now()
                                               ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.webhook_id, d.event_id, d.attempts
            )
            SELECT c.id, c.attempts, c.webhook_id, e.id, e.type, w.url, w.secret, e.payload FROM claimed c
              JOIN webhook w ON w.id = c.webhook_id JOIN webhook_event e ON e.id = c.event_id
            ORDER BY e.occurred_at, c.id
            """;

    private static final String RECORD = """
            UPDATE webhook_delivery SET status = ?, next_attempt_at = now() + ? * interval '1 millisecond',
                   last_status = ?, last_error = ?, last_response = ?
            WHERE webhook_id = ? AND id = ? AND attempts = ?
            """;

    private static final String FORGET = """
            DELETE FROM webhook_event e WHERE e.fanned_out AND e.occurred_at < now() - ? * interval '1 millisecond'
              AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.status = 'pending')
            """;

    /**
     * One attempt in hand: an event's first to one subscriber, straight from the leased event (its delivery is
     * written once it is made), or the next of a delivery already written (a retry, a replay, a ping).
     */
    record Attempt(Long deliveryId, int attempt, long webhookId, UUID eventId, String eventType, String url,
                   String secret, String payload) {

        boolean first() {
            return deliveryId == null;
        }
    }

    /** Events leased, and their first attempts. */
    record EventClaim(int events, List<Attempt> attempts) {
    }

    /** What an attempt came to. */
    record Result(boolean succeeded, Integer status, String error, String response) {
    }

    /** An attempt made, waiting to be recorded. */
    record Sent(Attempt attempt, Result result, Instant at) {
    }

    @jakarta.inject.Inject
    Outbox outbox;
    private final AgroalDataSource dataSource;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final HttpClient client;
    private final Semaphore slots;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Events may be waiting to be sent: raised by writes, pings and the poll. */
    private final AtomicBoolean eventsWritten = new AtomicBoolean(true);
    /** Written deliveries may be due (a ping, a replay, a retry's time, a lease run out): raised by them and the poll. */
    private final AtomicBoolean deliveriesDue = new AtomicBoolean(true);
    /** Claimed and leased, in event-time order, not started yet. */
    private final Queue<Attempt> claimed = new ConcurrentLinkedQueue<>();
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    /** Per event leased here, its first attempts not recorded yet: at none, the event is marked sent. */
    private final ConcurrentHashMap<UUID, AtomicInteger> unrecorded = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong wokenCycles = new AtomicLong();
    /** Cycles woken by writes and answers are at least this far apart (the batch window). */
    private final long cycleSpacingNanos;
    private volatile long lastCycleNanos;
    private volatile ScheduledExecutorService loop;
    private ExecutorService senders;

    Dispatcher(AgroalDataSource dataSource, WebhooksConfig config, Vertx vertx) {
        this.dataSource = dataSource;
        this.config = config;
        this.vertx = vertx;
        this.slots = new Semaphore(config.senders());
        this.cycleSpacingNanos = config.batchWindow().toNanos();
        this.lastCycleNanos = System.nanoTime() - cycleSpacingNanos;
        // Vert.x's client, on the event loops the application already runs: an attempt costs a few callbacks, not a
        // thread parked on it, and keeps its connection to the receiver for the next.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.senders())
                .setVerifyHost(true)
                .setForceSni(true));
    }

    void start(@Observes StartupEvent event) {
        // Senders only resolve, check and sign; the exchange itself runs on the event loops.
        senders = Executors.newFixedThreadPool(Math.min(config.senders(), 4), daemon("webhook-sender"));
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
        long deadline = System.nanoTime() + config.timeout().toNanos() + config.connectTimeout().toNanos() + 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        client.close();
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

    private void poll() {
        announceDueQuietly();
        // Other instances write events too, and retries come due: only the poll sees those.
        eventsWritten.set(true);
        deliveriesDue.set(true);
        cycleQuietly();
    }

    /**
     * Scheduled articles that became due since the last poll get their article.published now: their marks are
     * cleared and their events written in one transaction, whose row locks make each written once, whichever
     * instance polls first. Plain JDBC, as all of the dispatcher's work.
     */
    private void announceDueQuietly() {
        try {
            inTransaction(connection -> {
                List<Outbox.Row> due = new ArrayList<>();
                try (Statement update = connection.createStatement();
                        ResultSet rows = update.executeQuery("UPDATE article SET announce_due = false WHERE announce_due "
                                + "AND status = 'published' AND published_at <= now() RETURNING id, slug")) {
                    while (rows.next()) {
                        due.add(outbox.becameDue(rows.getLong(1), rows.getString(2)));
                    }
                }
                if (due.isEmpty()) {
                    return 0;
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_event "
                        + "(id, type, occurred_at, payload, import_line, fanned_out) VALUES (?, ?, ?, ?, false, false)")) {
                    for (Outbox.Row row : due) {
                        insert.setObject(1, row.id());
                        insert.setString(2, row.type());
                        insert.setObject(3, row.occurredAt().atOffset(java.time.ZoneOffset.UTC));
                        insert.setString(4, row.payload());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return due.size();
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not announce the scheduled articles now due, tried again at the next poll: %s", e.getMessage());
        }
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
        Runnable cycle = () -> {
            woken.set(false);
            wokenCycles.incrementAndGet();
            cycleQuietly();
        };
        try {
            // Cycles are spaced: under a stream of writes and answers, each records and leases for several at once.
            long wait = lastCycleNanos + cycleSpacingNanos - System.nanoTime();
            if (wait <= 0) {
                current.execute(cycle);
            } else {
                current.schedule(cycle, wait, TimeUnit.NANOSECONDS);
            }
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
        lastCycleNanos = System.nanoTime();
        try {
            cycle();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Webhook dispatch failed, tried again at the next poll: %s", e.getMessage());
        }
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
        List<Sent> finished = takeSent();
        int ahead = config.senders() * CLAIM_AHEAD;
        if (claimed.size() < config.senders()) {
            if (deliveriesDue.getAndSet(false)) {
                int limit = ahead - claimed.size();
                List<Attempt> due = claim(limit);
                claimed.addAll(due);
                if (due.size() == limit) {
                    deliveriesDue.set(true); // more may be due
                }
            }
            while (claimed.size() < ahead && eventsWritten.getAndSet(false)) {
                int limit = ahead - claimed.size();
                EventClaim events = recordAndClaim(finished, limit);
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
                senders.execute(() -> sendQuietly(attempt).onComplete(result -> {
                    sent.add(new Sent(attempt, result.succeeded() ? result.result() : failure(result.cause()), at));
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

    List<Attempt> claim(int limit) throws SQLException {
        return inTransaction(connection -> {
            List<Attempt> attempts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                statement.setLong(1, config.lease().toMillis());
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(new Attempt(rows.getLong(1), rows.getInt(2), rows.getLong(3),
                                rows.getObject(4, UUID.class), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8)));
                    }
                }
            }
            return attempts;
        });
    }

    /** Records the attempts senders finished, in one batch; lost ones are sent again after their lease. */
    void recordSent() throws SQLException {
        List<Sent> batch = takeSent();
        if (!batch.isEmpty()) {
            recordAndClaim(batch, 0);
        }
    }

    private List<Sent> takeSent() {
        List<Sent> batch = new ArrayList<>();
        for (Sent next = sent.poll(); next != null; next = sent.poll()) {
            batch.add(next);
        }
        return batch;
    }

    /** {@link #send}, with anything it throws as a failed attempt: the sender slot is given back whatever happens. */
    private Future<Result> sendQuietly(Attempt attempt) {
        try {
            return send(attempt);
        } catch (RuntimeException e) {
            return Future.succeededFuture(failure(e));
        }
    }

    /**
     * One POST, signed anew (the timestamp is the attempt's), to the address the URL's host was checked at. Completes
     * with what it came to, never failed: within the timeout, after reading at most the response limit of the answer.
     */
    Future<Result> send(Attempt attempt) {
        UrlGuard.Checked target = UrlGuard.check(attempt.url(), config.allowPrivate());
        if (target.refusal() != null) {
            return Future.succeededFuture(new Result(false, null, "refused: the URL " + target.refusal(), null));
        }
        long timestamp = Instant.now().getEpochSecond();
        String id = attempt.eventId().toString();
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.uri().toURL())
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "content-api-webhooks/1")
                    .putHeader("webhook-id", id)
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", WebhookSignature.sign(attempt.secret(), id, timestamp, attempt.payload()));
        } catch (MalformedURLException | IllegalArgumentException e) {
            return Future.succeededFuture(new Result(false, null, "refused: the URL is not valid", null));
        }
        if (target.address() != null) {
            options.setServer(SocketAddress.inetSocketAddress(
                    new InetSocketAddress(target.address(), options.getPort())));
        }
        Promise<Result> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
        long timeout = config.timeout().toMillis();
        long timer = vertx.setTimer(timeout, fired -> {
            if (outcome.tryComplete(new Result(false, null, "timed out after " + timeout + " ms", null))
                    && sending.get() != null) {
                sending.get().reset();
            }
        });
        client.request(options).onFailure(cause -> outcome.tryComplete(failure(cause))).onSuccess(request -> {
            sending.set(request);
            request.send(Buffer.buffer(attempt.payload())).onFailure(cause -> outcome.tryComplete(failure(cause)))
                    .onSuccess(response -> read(request, response, outcome));
        });
        return outcome.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** Reads the answer up to the response limit; beyond it, the connection is dropped rather than read on. */
    private void read(HttpClientRequest request, HttpClientResponse response, Promise<Result> outcome) {
        int limit = config.responseLimit();
        Buffer body = Buffer.buffer();
        int status = response.statusCode();
        boolean ok = status >= 200 && status < 300;
        Runnable done = () -> {
            String text = utf8Prefix(body.getBytes());
            outcome.tryComplete(new Result(ok, status, ok ? null : "HTTP " + status, text.isEmpty() ? null : text));
        };
        response.exceptionHandler(cause -> outcome.tryComplete(failure(cause)));
        response.handler(chunk -> {
            body.appendBuffer(chunk, 0, Math.min(chunk.length(), limit - body.length()));
            if (body.length() >= limit) {
                done.run();
                request.reset();
            }
        });
        response.endHandler(end -> done.run());
    }

    /** The text of these bytes, less a character the limit cut in two. */
    static String utf8Prefix(byte[] bytes) {
        int end = bytes.length;
        int lead = end - 1;
        while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xc0) == 0x80) {
            lead--; // continuation bytes
        }
        if (lead >= 0) {
            int b = bytes[lead] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            if (lead + length > end) {
                end = lead;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static Result failure(Throwable cause) {
        return new Result(false, null, "could not connect or read: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null);
    }

    /**
     * In one transaction, records attempts and leases up to {@code eventLimit} of the oldest events waiting, with
     * their first attempts: one per subscriber that asked for the event and has no delivery of it yet (events nobody
     * asked for are marked sent in passing). A first attempt writes its delivery, a later one updates it, and an
     * event whose first attempts are all recorded is marked sent (its lease ends).
     */
    EventClaim recordAndClaim(List<Sent> batch, int eventLimit) throws SQLException {
        List<UUID> eventsSent = new ArrayList<>();
        for (Sent one : batch) {
            if (one.attempt().first()) {
                AtomicInteger left = unrecorded.get(one.attempt().eventId());
                if (left != null && left.decrementAndGet() == 0) {
                    unrecorded.remove(one.attempt().eventId());
                    eventsSent.add(one.attempt().eventId());
                }
            }
        }
        EventClaim claim = inTransaction(connection -> {
            if (!batch.isEmpty()) {
                record(connection, batch, eventsSent);
            }
            return eventLimit > 0 ? claimEvents(connection, eventLimit) : new EventClaim(0, List.of());
        });
        Map<UUID, Integer> perEvent = new HashMap<>();
        claim.attempts().forEach(attempt -> perEvent.merge(attempt.eventId(), 1, Integer::sum));
        perEvent.forEach((event, count) -> unrecorded.put(event, new AtomicInteger(count)));
        return claim;
    }

    private EventClaim claimEvents(Connection connection, int limit) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        Set<UUID> events = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(CLAIM_EVENTS)) {
            statement.setInt(1, limit);
            statement.setLong(2, config.lease().toMillis());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID event = rows.getObject(1, UUID.class);
                    events.add(event);
                    long webhook = rows.getLong(2);
                    if (!rows.wasNull()) {
                        attempts.add(new Attempt(null, 1, webhook, event, rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getString(6)));
                    }
                }
            }
        }
        return new EventClaim(events.size(), attempts);
    }

    private void record(Connection connection, List<Sent> batch, List<UUID> eventsSent) throws SQLException {
        List<Sent> firsts = batch.stream().filter(one -> one.attempt().first()).toList();
        if (!firsts.isEmpty()) {
            int n = firsts.size();
            Long[] webhooks = new Long[n];
            UUID[] events = new UUID[n];
            String[] types = new String[n];
            String[] statuses = new String[n];
            Long[] nextInMillis = new Long[n];
            Long[] atMillis = new Long[n];
            Integer[] lastStatuses = new Integer[n];
            String[] errors = new String[n];
            String[] responses = new String[n];
            for (int i = 0; i < n; i++) {
                Sent one = firsts.get(i);
                Outcome outcome = outcome(one.attempt(), one.result());
                webhooks[i] = one.attempt().webhookId();
                events[i] = one.attempt().eventId();
                types[i] = one.attempt().eventType();
                statuses[i] = outcome.status();
                nextInMillis[i] = outcome.nextInMillis();
                atMillis[i] = one.at().toEpochMilli();
                lastStatuses[i] = one.result().status();
                errors[i] = truncate(one.result().error(), 500);
                responses[i] = truncate(one.result().response(), 1000);
            }
            try (PreparedStatement first = connection.prepareStatement(RECORD_FIRST)) {
                first.setArray(1, connection.createArrayOf("uuid", eventsSent.toArray()));
                first.setArray(2, connection.createArrayOf("bigint", webhooks));
                first.setArray(3, connection.createArrayOf("uuid", events));
                first.setArray(4, connection.createArrayOf("text", types));
                first.setArray(5, connection.createArrayOf("text", statuses));
                first.setArray(6, connection.createArrayOf("bigint", nextInMillis));
                first.setArray(7, connection.createArrayOf("bigint", atMillis));
                first.setArray(8, connection.createArrayOf("int4", lastStatuses));
                first.setArray(9, connection.createArrayOf("text", errors));
                first.setArray(10, connection.createArrayOf("text", responses));
                first.executeUpdate();
            }
        }
        if (firsts.size() < batch.size()) {
            try (PreparedStatement next = connection.prepareStatement(RECORD)) {
                for (Sent one : batch) {
                    Attempt attempt = one.attempt();
                    if (attempt.first()) {
                        continue;
                    }
                    Result result = one.result();
                    Outcome outcome = outcome(attempt, result);
                    next.setString(1, outcome.status());
                    next.setLong(2, outcome.nextInMillis());
                    next.setObject(3, result.status());
                    next.setString(4, truncate(result.error(), 500));
                    next.setString(5, truncate(result.response(), 1000));
                    next.setLong(6, attempt.webhookId());
                    next.setLong(7, attempt.deliveryId());
                    next.setInt(8, attempt.attempt());
                    next.addBatch();
                }
                next.executeBatch();
            }
        }
    }

    /** What a delivery becomes after an attempt: its status, and when it is due again if still pending. */
    private record Outcome(String status, long nextInMillis) {
    }

    private Outcome outcome(Attempt attempt, Result result) {
        List<Duration> delays = config.retryDelays();
        if (result.succeeded()) {
            return new Outcome("succeeded", 0);
        }
        if (attempt.attempt() > delays.size()) {
            return new Outcome("failed", 0);
        }
        return new Outcome("pending", jittered(delays.get(attempt.attempt() - 1)));
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
