package com.bohe.content.article.read;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.article.ArticleConfig;
import com.bohe.content.database.PlainReads;


import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Article details rendered once and kept in PostgreSQL ({@code article_rendered}), so that a first read on any
 * instance, after a restart or an eviction, is one statement and no rendering (Markdown blocks, JSON, hashing and
 * compression were half of a cold read's CPU, by JFR). A row serves while the article's version, the render
 * generation (bumped by a trigger when a department, disease, doctor or hospital changes) and the format are the
 * ones it was rendered with; the generation is read before the data rendered, so a row is never newer than it
 * claims. Statements go through Hibernate, so that a request's statements are counted alike.
 */
@ApplicationScoped
class RenderedDetails {

    /** Bump when what a detail's JSON holds changes: rows of another format are rendered again. */
    private static final String FORMAT_VERSION = "detail-2";

    @Inject
    ArticleConfig config;
    @Inject
    PlainReads plain;

    private String format;

    /** A published article's row: its render when current, else null and the generation to render with. */
    record Found(long id, String slug, Instant publishedAt, long viewCount, long version, long generation,
            Instant lastModified, ReadyJson json) {
    }

    @PostConstruct
    void init() {
        format = FORMAT_VERSION + ":" + HttpCaching.hash((FORMAT_VERSION + "\n" + config.disclaimer()).getBytes(StandardCharsets.UTF_8));
    }

    /** The article with its current render, in one plain statement ({@link PlainReads}); null when it is not published. */
    Found find(long id) {
        return plain.list(FIND, statement -> {
            statement.setString(1, format);
            statement.setLong(2, id);
        }, row -> {
            byte[] packed = row.getBytes(6);
            ReadyJson json = packed == null ? null : ReadyJson.restore(packed, row.getInt(7), new int[] { row.getInt(8) }, row.getString(9));
            return new Found(id, row.getString(1), instant(row.getObject(2, OffsetDateTime.class)), row.getLong(3), row.getLong(4),
                    row.getLong(5), instant(row.getObject(10, OffsetDateTime.class)), json);
        }).stream().findFirst().orElse(null);
    }

    /** As {@link #find} for many: the published ones among these ids, in one statement, in no order. */
    List<Found> findAll(Collection<Long> ids) {
        return plain.list(FIND_ALL, statement -> {
            statement.setString(1, format);
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", ids.toArray()));
        }, row -> {
            byte[] packed = row.getBytes(7);
            ReadyJson json = packed == null ? null : ReadyJson.restore(packed, row.getInt(8), new int[] { row.getInt(9) }, row.getString(10));
            return new Found(row.getLong(1), row.getString(2), instant(row.getObject(3, OffsetDateTime.class)), row.getLong(4),
                    row.getLong(5), row.getLong(6), instant(row.getObject(11, OffsetDateTime.class)), json);
        });
    }

    private static final String FIND_ALL = "SELECT a.id, a.slug, a.published_at, a.view_count, "
            + "a.version, g.value, r.packed, r.plain_length, r.count_at, r.hash, r.last_modified "
            + "FROM article a CROSS JOIN render_generation g LEFT JOIN article_rendered r ON r.article_id = a.id "
            + "AND r.version = a.version AND r.generation = g.value AND r.format = ? "
            + "WHERE a.id = ANY (?) AND a.status = 'published'";

    private static final String FIND = "SELECT a.slug, a.published_at, a.view_count, "
            + "a.version, g.value, r.packed, r.plain_length, r.count_at, r.hash, r.last_modified "
            + "FROM article a CROSS JOIN render_generation g LEFT JOIN article_rendered r ON r.article_id = a.id "
            + "AND r.version = a.version AND r.generation = g.value AND r.format = ? "
            + "WHERE a.id = ? AND a.status = 'published'";

    /** Up to n published articles, newest first, with no current render. */
    List<Long> missing(int n) {
        List<?> rows = Panache.getEntityManager().createNativeQuery("SELECT a.id FROM article a CROSS JOIN render_generation g "
                + "LEFT JOIN article_rendered r ON r.article_id = a.id "
                + "WHERE a.status = 'published' AND (r.article_id IS NULL OR r.version <> a.version "
                + "OR r.generation <> g.value OR r.format <> ?1) ORDER BY a.published_at DESC, a.id DESC LIMIT ?2")
                .setParameter(1, format)
                .setParameter(2, n)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** The render generation now: read it before the data to be rendered. */
    long generation() {
        return ((Number) Panache.getEntityManager().createNativeQuery("SELECT value FROM render_generation").getSingleResult()).longValue();
    }

    /**
     * Keeps a render of an article at this version, begun at this generation, unless the article changed or went
     * since, or a newer render is there; in its own transaction (the caller's). Returns whether it was kept.
     */
    boolean save(long id, long version, long generation, Instant lastModified, ReadyJson json) {
        if (!json.packed() || json.counts() != 1) {
            throw new IllegalArgumentException("a detail is kept packed, with one count");
        }
        return Panache.getEntityManager().createNativeQuery("INSERT INTO article_rendered (article_id, version, generation, "
                + "format, packed, plain_length, count_at, hash, last_modified) "
                + "SELECT a.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS TIMESTAMPTZ) FROM article a, render_generation g "
                + "WHERE a.id = ?1 AND a.version = ?2 AND g.value = ?3 "
                + "ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, generation = EXCLUDED.generation, "
                + "format = EXCLUDED.format, packed = EXCLUDED.packed, plain_length = EXCLUDED.plain_length, "
                + "count_at = EXCLUDED.count_at, hash = EXCLUDED.hash, last_modified = EXCLUDED.last_modified, rendered_at = now() "
                + "WHERE (article_rendered.version, article_rendered.generation) <= (EXCLUDED.version, EXCLUDED.generation) "
                + "OR article_rendered.format <> EXCLUDED.format")
                .setParameter(1, id)
                .setParameter(2, version)
                .setParameter(3, generation)
                .setParameter(4, format)
                .setParameter(5, json.stored())
                .setParameter(6, json.plainLength())
                .setParameter(7, json.cuts()[0])
                .setParameter(8, json.hash())
                .setParameter(9, lastModified == null ? null : lastModified.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate() > 0;
    }

    /** One render to keep: {@link #save}'s arguments. */
    record Render(long id, long version, long generation, Instant lastModified, ReadyJson json) {
    }

    /**
     * Keeps many renders in one statement, each as {@link #save} would (unless its article changed or went since,
     * or a newer render is there), in the caller's transaction. Returns how many were kept.
     */
    int saveAll(List<Render> renders) {
        if (renders.isEmpty()) {
            return 0;
        }
        int n = renders.size();
        Long[] ids = new Long[n];
        Long[] versions = new Long[n];
        Long[] generations = new Long[n];
        byte[][] packed = new byte[n][];
        Integer[] lengths = new Integer[n];
        Integer[] counts = new Integer[n];
        String[] hashes = new String[n];
        String[] modified = new String[n];
        for (int i = 0; i < n; i++) {
            Render r = renders.get(i);
            if (!r.json().packed() || r.json().counts() != 1) {
                throw new IllegalArgumentException("a detail is kept packed, with one count");
            }
            ids[i] = r.id();
            versions[i] = r.version();
            generations[i] = r.generation();
            packed[i] = r.json().stored();
            lengths[i] = r.json().plainLength();
            counts[i] = r.json().cuts()[0];
            hashes[i] = r.json().hash();
            modified[i] = r.lastModified() == null ? null : r.lastModified().toString();
        }
        // Through the session's JDBC coordinator, as every statement here: counted in Hibernate's statistics.
        JdbcCoordinator jdbc = Panache.getEntityManager().unwrap(SharedSessionContractImplementor.class).getJdbcCoordinator();
        PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(SAVE_ALL);
        try {
            Connection connection = statement.getConnection();
            statement.setString(1, format);
            statement.setArray(2, connection.createArrayOf("bigint", ids));
            statement.setArray(3, connection.createArrayOf("bigint", versions));
            statement.setArray(4, connection.createArrayOf("bigint", generations));
            statement.setArray(5, connection.createArrayOf("bytea", packed));
            statement.setArray(6, connection.createArrayOf("integer", lengths));
            statement.setArray(7, connection.createArrayOf("integer", counts));
            statement.setArray(8, connection.createArrayOf("text", hashes));
            statement.setArray(9, connection.createArrayOf("text", modified));
            return jdbc.getResultSetReturn().executeUpdate(statement, SAVE_ALL);
        } catch (SQLException e) {
            throw jdbc.getJdbcSessionOwner().getJdbcSessionContext().getJdbcServices().getSqlExceptionHelper()
                    .convert(e, "Could not keep renders", SAVE_ALL);
        } finally {
            jdbc.getLogicalConnection().getResourceRegistry().release(statement);
            jdbc.afterStatementExecution();
        }
    }

    private static final String SAVE_ALL = "INSERT INTO article_rendered (article_id, version, generation, format, packed, "
            + "plain_length, count_at, hash, last_modified) "
            + "SELECT v.id, v.version, v.generation, ?, v.packed, v.plain_length, v.count_at, v.hash, "
            + "CAST(v.last_modified AS TIMESTAMPTZ) "
            + "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bytea[], ?::integer[], ?::integer[], ?::text[], ?::text[]) "
            + "AS v(id, version, generation, packed, plain_length, count_at, hash, last_modified) "
            + "JOIN article a ON a.id = v.id AND a.version = v.version JOIN render_generation g ON g.value = v.generation "
            + "ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, generation = EXCLUDED.generation, "
            + "format = EXCLUDED.format, packed = EXCLUDED.packed, plain_length = EXCLUDED.plain_length, "
            + "count_at = EXCLUDED.count_at, hash = EXCLUDED.hash, last_modified = EXCLUDED.last_modified, rendered_at = now() "
            + "WHERE (article_rendered.version, article_rendered.generation) <= (EXCLUDED.version, EXCLUDED.generation) "
            + "OR article_rendered.format <> EXCLUDED.format";

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof OffsetDateTime at ? at.toInstant() : (Instant) value;
    }
}
