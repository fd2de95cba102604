#!/usr/bin/env bash
# The benchmark suite (not a test). Starts the packaged jar against a PostgreSQL of its own, imports N articles
# (default 100,000; realistic text from the development set when it is there, see bench/import-lines.py),
# restarts the jar to measure time to ready, then measures with wrk at 32 connections, in one run:
# article by id, list page 1 and deep pages (offset and cursor), 304 revalidation, related, search and POST views,
# against two references: GET /q/health/live on the same server (the HTTP ceiling) and pgbench -M prepared
# selecting an article by random id on the same database (the database's ceiling).
# Prints req/s, p50 and p99 of each, the ratios to both references and the server's RSS, and writes the table to
# bench/results/suite-latest.md.
#
# Usage: bench/suite.sh [corpus.jsonl]
# Env: ARTICLES (100000), CONNECTIONS (32), DURATION (10s), APP_JAVA_OPTS (the JVM of the production setup in the
# README: a 384 MB heap, G1, bounded code cache and metaspace), CONTENT_CACHE_ARTICLE_BYTES (150 MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
ARTICLES=${ARTICLES:-100000}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
PGPORT=${PGPORT:-55435}
APP_PORT=${APP_PORT:-8184}
source bench/lib.sh
export APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xmx384m -XX:+UseG1GC -XX:ReservedCodeCacheSize=96m -XX:MaxMetaspaceSize=160m}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export CONTENT_CACHE_ARTICLE_BYTES=${CONTENT_CACHE_ARTICLE_BYTES:-157286400}
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
BASE="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
start_app CONTENT_ADMIN_TOKEN="$TOKEN"

echo "== loading $ARTICLES articles"
if [ -f "$SOURCE" ]; then
  python3 bench/import-lines.py --source "$SOURCE" --articles "$ARTICLES" > "$WORK/content.ndjson"
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$WORK/content.ndjson" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  while [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -r .status)" = running ]; do sleep 2; done
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, linesRead, created, failed}'
else
  echo "($SOURCE not found: articles made from the demo bodies in SQL)"
  "${DB[@]}" -c "WITH demo AS (SELECT array_agg(title ORDER BY id) t, array_agg(body ORDER BY id) b, count(*)::int n
      FROM article WHERE status = 'published')
    INSERT INTO article (slug, title, auto_summary, body, status, published_at, view_count)
    SELECT 'gen-' || g, t[1 + g % n] || ' ' || g, '摘要', b[1 + g % n] || E'\n\n' || b[1 + (g * 7) % n], 'published',
           now() - (g % 700) * interval '1 day' - g * interval '1 second', g % 5000
    FROM demo, generate_series(1, $ARTICLES) g"
fi
"${DB[@]}" -c "ANALYZE" >/dev/null

echo "== restart: time to ready with $("${DB[@]}" -c "SELECT count(*) FROM article") articles"
stop_app
: > "$WORK/app.log"
started=$(date +%s%N)
start_app CONTENT_ADMIN_TOKEN="$TOKEN"
READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
for _ in $(seq 1 600); do
  grep -q "Search index built" "$WORK/app.log" && grep -q "Article cache warm" "$WORK/app.log" && break
  sleep 0.5
done
echo "ready after ${READY_MS} ms; $(grep -o 'Search index built.*' "$WORK/app.log"); $(grep -o 'Article cache warm.*' "$WORK/app.log")"

FIRST=$("${DB[@]}" -c "SELECT min(id) FROM article WHERE status = 'published'")
LAST=$("${DB[@]}" -c "SELECT max(id) FROM article WHERE status = 'published'")
HOT=$("${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' ORDER BY view_count DESC, id LIMIT 1")
PAGES=$(( ARTICLES / 20 ))
# The cursor of page 10,000 (limit 10), or of the deepest full page of a smaller set: the article just before it.
PUBLIC=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published' AND published_at <= now()")
DEEP_PAGE=$(( PUBLIC >= 100000 ? 10000 : PUBLIC / 10 ))
DEEP=$("${DB[@]}" -c "SELECT extract(epoch FROM date_trunc('second', published_at))::bigint || ':' ||
    (extract(microseconds FROM published_at)::bigint % 1000000) * 1000 || ':' || id
  FROM article WHERE status = 'published' AND published_at <= now()
  ORDER BY published_at DESC, id DESC OFFSET $(( (DEEP_PAGE - 1) * 10 - 1 )) LIMIT 1")
DEEP_CURSOR=$(printf 'a1:%s' "$DEEP" | base64 -w0 | tr '+/' '-_' | tr -d '=')
curl -sf "$BASE/articles?cursor=$DEEP_CURSOR&limit=10" | jq -e '.items | length == 10' >/dev/null \
  || { echo "the deep cursor does not work"; exit 1; }
ETAG=$(curl -sf -D - -o /dev/null "$BASE/articles/$HOT" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
TERMS="头痛,高血压,胃炎,失眠,糖尿病,咳嗽,肝炎,心悸,腹泻,甲状腺"
RELATED_IDS=$("${DB[@]}" -c "SELECT string_agg(id::text, ',') FROM (SELECT id FROM article
  WHERE status = 'published' AND published_at <= now() ORDER BY id LIMIT 200) a")

results="$WORK/results.tsv"
: > "$results"
# run NAME PATH_TEMPLATE [VAR=value...]: warm up 3 s, then measure; appends "name rate p50 p99 non2xx".
# With WARMUP=1 only the warm-up.
run() {
  local name=$1 template=$2; shift 2
  env PATH_TEMPLATE="$template" FIRST="$FIRST" LAST="$LAST" TERMS="$TERMS" "$@" \
    wrk -t2 -c"$CONNECTIONS" -d3s -s bench/paths.lua "$BASE" >/dev/null
  [ "${WARMUP:-0}" = 1 ] && return 0
  local out
  out=$(env PATH_TEMPLATE="$template" FIRST="$FIRST" LAST="$LAST" TERMS="$TERMS" "$@" \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/paths.lua "$BASE")
  local rate p50 p99 bad
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rate" "$p50" "$p99" "${bad:-0}" >> "$results"
  printf '  %-40s %10.0f req/s  p50 %8s  p99 %8s  non-2xx/3xx %s\n' "$name" "$rate" "$p50" "$p99" "${bad:-0}"
}

# Every case in turn, twice: first a pass that only warms up (the JIT compiles what each case runs, so that the
# first cases measured, the references among them, are not measured cold), then the pass that measures.
cases() {
  run "GET /q/health/live (HTTP ceiling)" "/q/health/live"
  run "GET /articles/{id}, random ids" "/articles/{id}"
  run "GET /articles/{id}, 304 revalidation" "/articles/$HOT" IF_NONE_MATCH="$ETAG"
  run "GET /articles page 1" "/articles?size=20"
  run "GET /articles?page=$PAGES (offset)" "/articles?size=20&page=$((PAGES - 1))"
  run "GET /articles?cursor= page 1 (limit 10)" "/articles?cursor=&limit=10"
  run "GET /articles?cursor= page $DEEP_PAGE" "/articles?cursor=$DEEP_CURSOR&limit=10"
  run "GET /articles/{id}/related (cached, 200 ids)" "/articles/{id}/related" IDS="$RELATED_IDS"
  run "GET /articles?q= (search)" "/articles?q={q}"
  run "POST /articles/{id}/views" "/articles/{id}/views" METHOD=POST
}
echo "== warming up: every case for 3 s"
WARMUP=1 cases
echo "== measuring: wrk, $CONNECTIONS connections, $DURATION each"
cases

echo "== pgbench -M prepared: SELECT ... FROM article WHERE id = :id, random ids"
printf '\\set id random(%s, %s)\nSELECT id, slug, title, summary, body, view_count FROM article WHERE id = :id;\n' \
  "$FIRST" "$LAST" > "$WORK/select.sql"
PG_OUT=$(pgbench -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" \
  -r -f "$WORK/select.sql" bench 2>/dev/null)
PG_TPS=$(awk '/^tps/ {print $3; exit}' <<<"$PG_OUT")
PG_LAT=$(awk '/^latency average/ {print $4 "ms"; exit}' <<<"$PG_OUT")
printf '  %-40s %10.0f tps    average latency %s\n' "pgbench select by id" "$PG_TPS" "$PG_LAT"
RSS_MB=$(( $(ps -o rss= -p "$APP_PID") / 1024 ))

LIVE=$(awk -F'\t' 'NR == 1 {print $2}' "$results")
mkdir -p bench/results
{
  echo "# Benchmark suite: latest run"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM;"
  echo "$("${DB[@]}" -c "SELECT count(*) FROM article") articles; wrk, $CONNECTIONS connections, $DURATION per case after a 3 s warm-up;"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') and the packaged jar on the same machine, JVM options \`$APP_JAVA_OPTS\`, article cache $((CONTENT_CACHE_ARTICLE_BYTES >> 20)) MiB;"
  echo "every case warmed up in a first pass. Reproduce: \`bash bench/suite.sh\`."
  echo
  echo "| case | req/s | p50 | p99 | × health/live | × pgbench | non-2xx/3xx |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name rate p50 p99 bad; do
    awk -v n="$name" -v r="$rate" -v p50="$p50" -v p99="$p99" -v l="$LIVE" -v pg="$PG_TPS" -v b="$bad" \
      'BEGIN { printf "| %s | %.0f | %s | %s | %.2f | %.2f | %s |\n", n, r, p50, p99, r / l, r / pg, b }'
  done < "$results"
  awk -v pg="$PG_TPS" -v l="$LIVE" -v lat="$PG_LAT" \
    'BEGIN { printf "| pgbench -M prepared, select by random id | %.0f tps | avg %s | | %.2f | 1.00 | |\n", pg, lat, pg / l }'
  echo
  echo "Time to ready with all articles: ${READY_MS} ms; in the background then: $(grep -o 'Search index built.*' "$WORK/app.log" || echo 'index build not logged'); $(grep -o 'Article cache warm.*' "$WORK/app.log" || echo 'cache warm-up not logged'). Server RSS after the run: ${RSS_MB} MB."
} > bench/results/suite-latest.md
echo
cat bench/results/suite-latest.md
