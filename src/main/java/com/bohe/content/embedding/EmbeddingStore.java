package com.bohe.content.embedding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The vectors in PostgreSQL, one row per article with the hash of the text it was computed from and the model's
 * name. Plain JDBC: a vector is a byte array, and the background work stays out of Hibernate's sessions.
 */
public class EmbeddingStore {

    /** A stored vector and what it was computed from. */
    public record Stored(long articleId, String contentHash, String model, float[] vector) {
    }

    /** The text of a published article that its vector is computed from. */
    public record Source(long articleId, String text) {

        public String hash() {
            return EmbeddingStore.hash(text);
        }
    }

    private final DataSource dataSource;

    public EmbeddingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<Long, Stored> find(Collection<Long> ids) throws SQLException {
        Map<Long, Stored> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT article_id, content_hash, model, vector FROM article_embedding WHERE article_id = ANY (?)")) {
            s.setArray(1, longs(c, ids));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong(1), new Stored(rows.getLong(1), rows.getString(2).strip(), rows.getString(3),
                            floats(rows.getBytes(4))));
                }
            }
        }
        return found;
    }

    /** The texts of those of the ids that are published articles. */
    public List<Source> sources(Collection<Long> ids) throws SQLException {
        List<Source> sources = new ArrayList<>();
        if (ids.isEmpty()) {
            return sources;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, title, summary, body FROM article "
                        + "WHERE id = ANY (?) AND status = 'published' ORDER BY id")) {
            s.setArray(1, longs(c, ids));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    sources.add(new Source(rows.getLong(1), EmbeddingText.of(rows.getString(2), rows.getString(3), rows.getString(4))));
                }
            }
        }
        return sources;
    }

    /** Inserts or replaces vectors, in one transaction. */
    public void save(List<Stored> vectors) throws SQLException {
        if (vectors.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO article_embedding "
                    + "(article_id, content_hash, model, dimension, vector, embedded_at) SELECT ?, ?, ?, ?, ?, now() "
                    + "WHERE EXISTS (SELECT 1 FROM article WHERE id = ?) "
                    + "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, model = excluded.model, "
                    + "dimension = excluded.dimension, vector = excluded.vector, embedded_at = excluded.embedded_at")) {
                for (Stored v : vectors) {
                    s.setLong(1, v.articleId());
                    s.setString(2, v.contentHash());
                    s.setString(3, v.model());
                    s.setInt(4, v.vector().length);
                    s.setBytes(5, bytes(v.vector()));
                    s.setLong(6, v.articleId());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Marks the articles as embedded in the imports that wrote them. */
    public void markEmbedded(Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE import_article SET embedded = true WHERE article_id = ANY (?) AND NOT embedded")) {
            s.setArray(1, longs(c, ids));
            s.executeUpdate();
        }
    }

    private static Array longs(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray(Long[]::new));
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }
}
