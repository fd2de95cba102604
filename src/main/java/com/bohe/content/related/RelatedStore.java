package com.bohe.content.related;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.database.PlainReads;
import com.bohe.content.search.RelatedHit;

/** Related lists in PostgreSQL (article_related), one row per article. Plain JDBC. */
class RelatedStore {

    private final DataSource dataSource;
    private final PlainReads plain;
    private final ObjectMapper json;

    RelatedStore(DataSource dataSource, PlainReads plain, ObjectMapper json) {
        this.dataSource = dataSource;
        this.plain = plain;
        this.json = json;
    }

    /**
     * A public article's stored view count and list (null when it has none), in one plain statement
     * ({@link PlainReads}), or null when the article is not public.
     */
    StoredList.Found find(long articleId) {
        return plain.list(FIND, statement -> statement.setLong(1, articleId), row -> {
            long viewCount = row.getLong(6);
            String idList = row.getString(1);
            return new StoredList.Found(viewCount, idList == null ? null : StoredList.read(articleId, idList, row.getString(2),
                    row.getString(3), row.getBoolean(4), row.getObject(5, java.time.OffsetDateTime.class).toInstant(), json));
        }).stream().findFirst().orElse(null);
    }

    private static final String FIND = "SELECT array_to_string(r.related_ids, ','), array_to_string(r.scores, ','), "
            + "r.reasons, r.with_vector, r.computed_at, a.view_count FROM article a "
            + "LEFT JOIN article_related r ON r.article_id = a.id "
            + "WHERE a.id = ? AND a.status = 'published' AND a.published_at <= now()";

    /** Writes the lists (replacing older ones) of the articles that still exist. */
    void save(Collection<StoredList> lists) throws SQLException {
        if (lists.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO article_related "
                        + "(article_id, related_ids, scores, reasons, with_vector, computed_at) "
                        + "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM article WHERE id = ?) "
                        + "ON CONFLICT (article_id) DO UPDATE SET related_ids = excluded.related_ids, scores = excluded.scores, "
                        + "reasons = excluded.reasons, with_vector = excluded.with_vector, computed_at = excluded.computed_at")) {
            for (StoredList list : lists) {
                s.setLong(1, list.articleId());
                s.setArray(2, c.createArrayOf("bigint", list.hits().stream().map(RelatedHit::id).toArray()));
                s.setArray(3, c.createArrayOf("real", list.hits().stream().map(h -> (float) h.score()).toArray()));
                s.setString(4, json.writeValueAsString(list.hits().stream().map(RelatedHit::reasons).toList()));
                s.setBoolean(5, list.withVector());
                s.setTimestamp(6, Timestamp.from(list.computedAt()));
                s.setLong(7, list.articleId());
                s.addBatch();
            }
            s.executeBatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first n ids of the stored lists of these articles. */
    List<Long> heads(Collection<Long> articleIds, int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        if (articleIds.isEmpty()) {
            return ids;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT related_ids[1:?] FROM article_related WHERE article_id = ANY (?)")) {
            s.setInt(1, n);
            s.setArray(2, longs(c, articleIds));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    for (Long id : (Long[]) rows.getArray(1).getArray()) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    void delete(Collection<Long> articleIds) throws SQLException {
        if (articleIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM article_related WHERE article_id = ANY (?)")) {
            s.setArray(1, longs(c, articleIds));
            s.executeUpdate();
        }
    }

    /**
     * Public articles whose list is missing, older than maxAgeSeconds, or computed without their embedding, which
     * was stored after: newest first, at most limit. With vectorsFirst, an article without a list waits for its
     * embedding (which enqueues it when it arrives), so that its list is computed once, with meaning.
     */
    List<Long> due(long maxAgeSeconds, boolean vectorsFirst, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT a.id FROM article a "
                        + "LEFT JOIN article_related r ON r.article_id = a.id "
                        + "WHERE a.status = 'published' AND a.published_at <= now() AND ("
                        + "(r.article_id IS NULL AND (NOT ? OR EXISTS (SELECT 1 FROM article_embedding e WHERE e.article_id = a.id))) "
                        + "OR r.computed_at < now() - make_interval(secs => ?) "
                        + "OR (NOT r.with_vector AND EXISTS (SELECT 1 FROM article_embedding e "
                        + "WHERE e.article_id = a.id AND e.embedded_at > r.computed_at))) "
                        + "ORDER BY a.published_at DESC, a.id DESC LIMIT ?")) {
            s.setBoolean(1, vectorsFirst);
            s.setDouble(2, maxAgeSeconds);
            s.setInt(3, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static Array longs(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }
}
