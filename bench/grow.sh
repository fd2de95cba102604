#!/usr/bin/env bash
# Grows a kept benchmark database to ARTICLES published articles by copying the embedded ones it has (not a test):
# each copy has the original's title, summary, body, department, tags and diseases, a slug of its own and a
# published date a second earlier per round, a copy of its stored embedding (the text is the same, so the vector is
# current and nothing is embedded again) and of its stored related list (naming the originals). For the measurements that need many articles with their
# vectors, such as a restart at 100,000 (bench/restart.sh), when embedding them for real would take an hour of a
# core. Search relevance is not measured on such a database: each text is there several times.
#
# Usage: SOURCE_PGDATA=/path/filled/by/suite.sh BENCH_PGDATA=/path/to/new/copy ARTICLES=100000 bench/grow.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${SOURCE_PGDATA:-}/PG_VERSION" ] || { echo "SOURCE_PGDATA must name a data directory filled by bench/suite.sh"; exit 2; }
[ -n "${BENCH_PGDATA:-}" ] && [ ! -e "$BENCH_PGDATA" ] || { echo "BENCH_PGDATA must name a directory to create"; exit 2; }
ARTICLES=${ARTICLES:-100000}
PGPORT=${PGPORT:-55475}
APP_PORT=${APP_PORT:-8224}
source bench/lib.sh
cp -a "$SOURCE_PGDATA" "$BENCH_PGDATA"
rm -f "$BENCH_PGDATA/postmaster.pid"
chown -R postgres "$BENCH_PGDATA"
start_pg
"${DB[@]}" <<SQL
CREATE TEMP TABLE copies AS
  WITH source AS (SELECT a.id, row_number() OVER (ORDER BY a.id) AS n, count(*) OVER () AS total FROM article a
                  WHERE a.status = 'published' AND EXISTS (SELECT 1 FROM article_embedding e WHERE e.article_id = a.id)),
       wanted AS (SELECT greatest(0, $ARTICLES - (SELECT count(*) FROM article WHERE status = 'published')) AS k)
  SELECT nextval('article_id_seq') AS id, s.id AS source_id, 1 + (g - 1) / s.total AS round
  FROM wanted, generate_series(1, wanted.k) g JOIN source s ON s.n = 1 + (g - 1) % s.total;
INSERT INTO article (id, slug, title, summary, auto_summary, body, status, published_at, view_count, department_id, tags)
  SELECT c.id, left(a.slug, 180) || '-copy-' || c.round, a.title, a.summary, a.auto_summary, a.body, 'published',
         a.published_at - c.round * interval '1 second', a.view_count, a.department_id, a.tags
  FROM copies c JOIN article a ON a.id = c.source_id;
INSERT INTO article_disease (article_id, disease_id)
  SELECT c.id, d.disease_id FROM copies c JOIN article_disease d ON d.article_id = c.source_id;
INSERT INTO article_embedding (article_id, content_hash, model, dimension, vector)
  SELECT c.id, e.content_hash, e.model, e.dimension, e.vector FROM copies c JOIN article_embedding e ON e.article_id = c.source_id;
INSERT INTO article_related (article_id, related_ids, scores, reasons, with_vector, computed_at)
  SELECT c.id, r.related_ids, r.scores, r.reasons, r.with_vector, r.computed_at FROM copies c JOIN article_related r ON r.article_id = c.source_id;
ANALYZE;
SELECT 'published articles: ' || count(*) FROM article WHERE status = 'published';
SELECT 'stored embeddings: ' || count(*) FROM article_embedding;
SQL
