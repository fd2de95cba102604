package com.bohe.content.article.read;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.database.PlainReads;
import com.bohe.content.related.StoredList;

/**
 * Related lists rendered once at the default limit and kept in PostgreSQL ({@code article_related_rendered}), so
 * that a first read on any instance is one statement and no rendering: with the stored list, the items and the
 * JSON rendered again, the surrogate keys parsed from it and the items loaded were 80 % of a cold list's CPU, by JFR
 * ({@code bench/results/cold-related-ab.md}). A row serves while the list it was rendered from, the render
 * generation, the format, every item shown (same version, public now) and every item passed over (still not public)
 * are as they were; the items' view counts come with it, live. Other limits are rendered in memory only: a row per
 * article and limit would let any client make an instance write fifty rows for each article.
 */
@ApplicationScoped
class RenderedRelated {

    /** The limit whose answers are kept: the route's default. */
    static final int LIMIT = 10;
    /** Bump when what a related list's JSON holds changes: rows of another format are rendered again. */
    private static final String FORMAT = "related-1:" + LIMIT;

    @Inject
    PlainReads plain;
    @Inject
    ObjectMapper json;

    /** A current render: its JSON, the items it shows with their stored counts now, and when it was made. */
    record Render(ReadyJson json, long[] ids, long[] counts, Instant renderedAt) {
    }

    /**
     * A public article's stored view count, the render generation, and its current render, or else its stored list
     * (null when none is stored yet) to render from.
     */
    record Found(long viewCount, long generation, Render render, StoredList list) {
    }

    /** The article, with its render when current, else its stored list, in one plain statement; null when it is not public. */
    Found find(long id) {
        return plain.list(FIND, statement -> {
            statement.setString(1, FORMAT);
            statement.setLong(2, id);
        }, row -> {
            long viewCount = row.getLong(1);
            long generation = row.getLong(15);
            java.sql.Array counts = row.getArray(14);
            if (counts != null) {
                Long[] ids = (Long[]) row.getArray(13).getArray();
                Long[] stored = (Long[]) counts.getArray();
                Integer[] cuts = (Integer[]) row.getArray(9).getArray();
                ReadyJson ready = ReadyJson.restore(row.getBytes(7), row.getInt(8),
                        java.util.Arrays.stream(cuts).mapToInt(Integer::intValue).toArray(), row.getString(10), row.getString(11));
                return new Found(viewCount, generation, new Render(ready, unbox(ids), unbox(stored),
                        row.getObject(12, OffsetDateTime.class).toInstant()), null);
            }
            String ids = row.getString(3);
            return new Found(viewCount, generation, null, ids == null ? null : StoredList.read(id, ids, row.getString(4), row.getString(5),
                    row.getBoolean(6), row.getObject(2, OffsetDateTime.class).toInstant(), json));
        }).stream().findFirst().orElse(null);
    }

    /**
     * Whether the render is current: every item it shows is public at the version rendered (their counts come
     * back, in order), and none it passed over is public now. A row of the lateral join only when both hold (an
     * empty render, all of whose items were passed over, has no counts and is current while none is public).
     */
    private static final String FIND = "SELECT a.view_count, l.computed_at, "
            + "CASE WHEN c.counts IS NULL THEN array_to_string(l.related_ids, ',') END, "
            + "CASE WHEN c.counts IS NULL THEN array_to_string(l.scores, ',') END, "
            + "CASE WHEN c.counts IS NULL THEN l.reasons END, l.with_vector, "
            + "r.packed, r.plain_length, r.count_at, r.hash, r.surrogate_key, r.rendered_at, r.item_ids, c.counts, g.value "
            + "FROM article a CROSS JOIN render_generation g "
            + "LEFT JOIN article_related l ON l.article_id = a.id "
            + "LEFT JOIN article_related_rendered r ON r.article_id = a.id AND r.computed_at = l.computed_at "
            + "AND r.generation = g.value AND r.format = ? "
            + "LEFT JOIN LATERAL (SELECT coalesce(array_agg(i.view_count ORDER BY x.n), '{}') counts "
            + "FROM unnest(r.item_ids, r.item_versions) WITH ORDINALITY x(id, v, n) "
            + "JOIN article i ON i.id = x.id AND i.version = x.v AND i.status = 'published' AND i.published_at <= now() "
            + "HAVING count(*) = cardinality(r.item_ids) AND NOT EXISTS (SELECT 1 FROM article p "
            + "WHERE p.id = ANY (r.passed_ids) AND p.status = 'published' AND p.published_at <= now())) c ON true "
            + "WHERE a.id = ? AND a.status = 'published' AND a.published_at <= now()";

    /**
     * What a render is made of: the items shown, with their versions, the ids passed over, and the render generation
     * read before them.
     */
    record Rendering(List<ItemCache.Fresh> shown, List<Long> passed, long generation) {
    }

    /**
     * Keeps a render of an article's list for the next first read, by any instance; replaces any other. Returns whether it was kept (not when the article is gone).
     *
     * @param computedAt when the stored list rendered was computed, as read from the database
     */
    boolean save(long articleId, Instant computedAt, Rendering rendering, ReadyJson ready, String surrogateKey) {
        if (!ready.packed() || ready.counts() != rendering.shown().size()) {
            throw new IllegalArgumentException("a related list is kept packed, with one count per item");
        }
        return plain.update(SAVE, statement -> {
            var c = statement.getConnection();
            statement.setLong(1, articleId);
            statement.setObject(2, computedAt.atOffset(ZoneOffset.UTC));
            statement.setLong(3, rendering.generation());
            statement.setString(4, FORMAT);
            statement.setArray(5, c.createArrayOf("bigint", rendering.shown().stream().map(f -> f.item().id()).toArray()));
            statement.setArray(6, c.createArrayOf("bigint", rendering.shown().stream().map(ItemCache.Fresh::version).toArray()));
            statement.setArray(7, c.createArrayOf("bigint", rendering.passed().toArray()));
            statement.setBytes(8, ready.stored());
            statement.setInt(9, ready.plainLength());
            statement.setArray(10, c.createArrayOf("integer", java.util.Arrays.stream(ready.cuts()).boxed().toArray()));
            statement.setString(11, ready.hash());
            statement.setString(12, surrogateKey);
            statement.setLong(13, articleId);
        }) > 0;
    }

    private static final String SAVE = "INSERT INTO article_related_rendered (article_id, computed_at, generation, format, "
            + "item_ids, item_versions, passed_ids, packed, plain_length, count_at, hash, surrogate_key) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM article WHERE id = ?) "
            + "ON CONFLICT (article_id) DO UPDATE SET computed_at = EXCLUDED.computed_at, generation = EXCLUDED.generation, "
            + "format = EXCLUDED.format, item_ids = EXCLUDED.item_ids, item_versions = EXCLUDED.item_versions, "
            + "passed_ids = EXCLUDED.passed_ids, packed = EXCLUDED.packed, plain_length = EXCLUDED.plain_length, "
            + "count_at = EXCLUDED.count_at, hash = EXCLUDED.hash, surrogate_key = EXCLUDED.surrogate_key, rendered_at = now()";

    /**
     * Up to n public articles whose stored list has no current render of its own (none, another list's, another
     * format's or generation's), newest first. Items changed since a render are not looked for here: the first read
     * finds them.
     */
    List<Long> missing(int n) {
        return plain.list(MISSING, statement -> {
            statement.setString(1, FORMAT);
            statement.setInt(2, n);
        }, row -> row.getLong(1));
    }

    private static final String MISSING = "SELECT a.id FROM article_related l JOIN article a ON a.id = l.article_id "
            + "CROSS JOIN render_generation g LEFT JOIN article_related_rendered r ON r.article_id = l.article_id "
            + "WHERE a.status = 'published' AND a.published_at <= now() AND cardinality(l.related_ids) > 0 "
            + "AND (r.article_id IS NULL OR r.computed_at <> l.computed_at OR r.generation <> g.value OR r.format <> ?) "
            + "ORDER BY a.published_at DESC, a.id DESC LIMIT ?";

    private static long[] unbox(Long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
