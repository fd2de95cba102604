package com.bohe.content.views;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * Write-behind view counting for one application instance. Views add up in memory per article and day; a flush
 * applies them to PostgreSQL as relative updates, so any number of instances can count into one database.
 * <p>
 * Exactness rests on three rules: a delta leaves memory only after the transaction that applied it committed;
 * a batch whose commit outcome is unknown is retried under the same (instance, seq) key, which the database
 * accepts once; and the map subtracts exactly what was applied, never resets. Memory holds only articles with
 * pending views: an entry is removed, atomically, when its count returns to zero.
 */
public final class ViewAggregator {

    record Key(long articleId, int day) {
    }

    record Batch(long seq, List<Map.Entry<Key, Long>> deltas) {
    }

    public record FlushResult(int batches, long views) {
    }

    /** Told of every delta once its transaction committed. */
    @FunctionalInterface
    public interface AppliedListener {
        void applied(long articleId, long views);
    }

    private static final String CLAIM = "INSERT INTO view_flush (instance, seq) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String ADD_TO_ARTICLE = "UPDATE article SET view_count = view_count + ? WHERE id = ?";
    private static final String ADD_TO_DAY = """
            INSERT INTO article_view_day (article_id, day, views)
            SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM article WHERE id = ?)
            ON CONFLICT (article_id, day) DO UPDATE SET views = article_view_day.views + EXCLUDED.views""";

    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final AtomicInteger oldestDay;
    private final DataSource dataSource;
    private final Clock clock;
    private final int maxPendingEntries;
    private final int batchSize;
    private final UUID instance = UUID.randomUUID();
    private long nextSeq;
    private Batch unconfirmed;
    private volatile AppliedListener listener = (articleId, views) -> {
    };

    public ViewAggregator(DataSource dataSource, Clock clock, int maxPendingEntries, int batchSize) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxPendingEntries = maxPendingEntries;
        this.batchSize = batchSize;
        this.oldestDay = new AtomicInteger(today());
    }

    /** This instance's id in {@code view_flush}. */
    public UUID instance() {
        return instance;
    }

    public void onApplied(AppliedListener listener) {
        this.listener = listener;
    }

    /**
     * Counts one view of an article today.
     *
     * @return false, and counts nothing, when the memory bound is reached and this article has no pending views
     */
    public boolean record(long articleId) {
        int day = today();
        Key key = new Key(articleId, day);
        if (pending.size() >= maxPendingEntries && !pending.containsKey(key)) {
            return false;
        }
        oldestDay.accumulateAndGet(day, Math::min);
        pending.merge(key, 1L, Long::sum);
        return true;
    }

    /** Views of this article counted here and not yet in the database. */
    public long pending(long articleId) {
        long sum = 0;
        for (int day = oldestDay.get(), today = today(); day <= today; day++) {
            Long views = pending.get(new Key(articleId, day));
            if (views != null) {
                sum += views;
            }
        }
        return sum;
    }

    /** Views held in memory, not written yet. */
    public long pendingViews() {
        long sum = 0;
        for (long views : pending.values()) {
            sum += views;
        }
        return sum;
    }

    /** Number of article-days held in memory. */
    public int pendingEntries() {
        return pending.size();
    }

    /**
     * Applies everything pending, in batches. On failure the unapplied views stay in memory, and the batch in
     * flight is retried first next time, under the same key.
     */
    public synchronized FlushResult flush() throws SQLException {
        int batches = 0;
        long views = 0;
        if (unconfirmed != null) {
            views += settle(unconfirmed);
            batches++;
        }
        while (!pending.isEmpty()) {
            List<Map.Entry<Key, Long>> deltas = pending.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong((Map.Entry<Key, Long> e) -> e.getKey().articleId())
                            .thenComparingInt(e -> e.getKey().day()))
                    .limit(batchSize)
                    .toList();
            unconfirmed = new Batch(nextSeq++, deltas);
            views += settle(unconfirmed);
            batches++;
        }
        oldestDay.set(pending.keySet().stream().mapToInt(Key::day).min().orElse(today()));
        return new FlushResult(batches, views);
    }

    private long settle(Batch batch) throws SQLException {
        apply(batch);
        long views = 0;
        for (Map.Entry<Key, Long> delta : batch.deltas()) {
            long applied = delta.getValue();
            pending.computeIfPresent(delta.getKey(), (key, count) -> count == applied ? null : count - applied);
            listener.applied(delta.getKey().articleId(), applied);
            views += applied;
        }
        unconfirmed = null;
        return views;
    }

    /** Applies a batch in one transaction, or recognises that an earlier try already did. */
    private void apply(Batch batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement claim = connection.prepareStatement(CLAIM);
                    PreparedStatement article = connection.prepareStatement(ADD_TO_ARTICLE);
                    PreparedStatement day = connection.prepareStatement(ADD_TO_DAY)) {
                claim.setObject(1, instance);
                claim.setLong(2, batch.seq());
                if (claim.executeUpdate() == 0) {
                    connection.rollback();
                    return;
                }
                for (Map.Entry<Key, Long> delta : batch.deltas()) {
                    long id = delta.getKey().articleId();
                    article.setLong(1, delta.getValue());
                    article.setLong(2, id);
                    article.addBatch();
                    day.setLong(1, id);
                    day.setDate(2, Date.valueOf(LocalDate.ofEpochDay(delta.getKey().day())));
                    day.setLong(3, delta.getValue());
                    day.setLong(4, id);
                    day.addBatch();
                }
                article.executeBatch();
                day.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; closing it is all that is left.
        }
    }

    private int today() {
        return (int) LocalDate.now(clock).toEpochDay();
    }

    /** Deletes the dedup keys of batches older than a day: a retry never comes that late. */
    public void forgetOldBatches() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM view_flush WHERE flushed_at < now() - interval '1 day'")) {
            delete.executeUpdate();
        }
    }
}
