#!/usr/bin/env bash
# The benchmark suite (not a test). Starts the packaged jar against a PostgreSQL of its own, imports N articles
# (default 100,000; realistic text from the development set when it is there, see bench/import-lines.py),
# waits until their embeddings, related lists and rendered details are computed, restarts the jar to measure
# time to ready, then measures with wrk at 32 connections, in one run, warm and cold:
# - warm: article by id (cached ids), list page 1 and deep pages (offset and cursor), 304 revalidation, related
#   (ids read before), search and POST views;
# - cold: article by id and related list, each id asked for once, never before (the oldest articles, which the
#   cache warm-up does not reach), after a JIT warm-up on other ids;
# - reads of other articles while an import of 20,000 articles runs;
# against two references: GET /q/health/live on the same server (the HTTP ceiling) and pgbench -M prepared
# selecting an article by random id on the same database (the database's ceiling).
# The jar runs with the JVM options the Dockerfile ships (JAVA_OPTS), in a 512 MiB memory cgroup, as in a
# container with that limit. Prints req/s, p50 and p99 of each case, the ratios to both references, RSS and the
# cgroup's peak, and writes the table to bench/results/suite-latest.md.
#
# Usage: bench/suite.sh [corpus.jsonl]
# Env: ARTICLES (100000), CONNECTIONS (32), DURATION (10s), COLD_DURATION (5s), IMPORT_ARTICLES (20000),
# APP_JAVA_OPTS (the Dockerfile's JAVA_OPTS), MEMORY_LIMIT (512M; empty: none), BENCH_PGDATA (a data directory
# kept between runs: the import, embeddings and related lists are paid once), WAIT_MAX (3600 s for embeddings
# and related lists), FILL_DUTY (1: related lists are computed at full speed until the measurements start),
# FILL_ONLY (1: stop once the database is filled, e.g. to copy BENCH_PGDATA and measure two builds on equal copies),
# RESULTS (bench/results/suite-latest.md: where the table goes)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
ARTICLES=${ARTICLES:-100000}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
PGPORT=${PGPORT:-55435}
APP_PORT=${APP_PORT:-8184}
source bench/lib.sh
COLD_DURATION=${COLD_DURATION:-5s}
IMPORT_ARTICLES=${IMPORT_ARTICLES:-20000}
WAIT_MAX=${WAIT_MAX:-3600}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS
export MEMORY_LIMIT=${MEMORY_LIMIT-512M}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
BASE="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
# Loading and filling run without the memory limit (they are the preparation, not what is measured); the
# measured start, and the import during reads, run within it.
MEMORY_LIMIT= start_app CONTENT_ADMIN_TOKEN="$TOKEN"

HAVE=$("${DB[@]}" -c "SELECT count(*) FROM article" 2>/dev/null || echo 0)
if [ "$HAVE" -ge "$ARTICLES" ]; then
  echo "== $HAVE articles in the kept database: no import"
elif [ -f "$SOURCE" ]; then
  echo "== loading $ARTICLES articles"
  python3 bench/import-lines.py --source "$SOURCE" --articles "$ARTICLES" > "$WORK/content.ndjson"
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$WORK/content.ndjson" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  while [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -r .status)" = running ]; do sleep 2; done
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, linesRead, created, failed}'
else
  echo "== loading $ARTICLES articles ($SOURCE not found: made from the demo bodies in SQL)"
  "${DB[@]}" -c "WITH demo AS (SELECT array_agg(title ORDER BY id) t, array_agg(body ORDER BY id) b, count(*)::int n
      FROM article WHERE status = 'published')
    INSERT INTO article (slug, title, auto_summary, body, status, published_at, view_count)
    SELECT 'gen-' || g, t[1 + g % n] || ' ' || g, '摘要', b[1 + g % n] || E'\n\n' || b[1 + (g * 7) % n], 'published',
           now() - (g % 700) * interval '1 day' - g * interval '1 second', g % 5000
    FROM demo, generate_series(1, $ARTICLES) g"
fi
"${DB[@]}" -c "ANALYZE" >/dev/null

# Embeddings, related lists and rendered details of every article, as a site that has run for a while has them.
stop_app
: > "$WORK/app.log"
MEMORY_LIMIT= start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_RELATED_DUTY="${FILL_DUTY:-1}" CONTENT_CACHE_RENDER_DUTY="${FILL_DUTY:-1}"
MISSING_SQL="SELECT (SELECT count(*) FROM article a WHERE status = 'published' AND published_at <= now()
    AND NOT EXISTS (SELECT 1 FROM article_embedding e WHERE e.article_id = a.id)) || ' ' ||
  (SELECT count(*) FROM article a WHERE status = 'published' AND published_at <= now()
    AND NOT EXISTS (SELECT 1 FROM article_related r WHERE r.article_id = a.id)) || ' ' ||
  (SELECT count(*) FROM article a WHERE status = 'published' AND NOT EXISTS (SELECT 1 FROM article_rendered r
    WHERE r.article_id = a.id AND r.version = a.version AND r.generation = (SELECT value FROM render_generation)))"
waited=0
while :; do
  read -r no_vector no_list no_render <<<"$("${DB[@]}" -c "$MISSING_SQL")"
  [ "$no_vector" = 0 ] && [ "$no_list" = 0 ] && [ "$no_render" = 0 ] && break
  [ "$waited" -ge "$WAIT_MAX" ] && break
  [ $((waited % 60)) = 0 ] && echo "  waiting: $no_vector articles without a vector, $no_list without a related list, $no_render without a rendered detail"
  sleep 10; waited=$((waited + 10))
done
FILLED="after ${waited} s of filling, $no_vector public articles had no embedding, $no_list no stored related list and $no_render no rendered detail"
echo "== $FILLED"
[ "${FILL_ONLY:-0}" = 1 ] && exit 0

MEASURED_ARTICLES=$("${DB[@]}" -c "SELECT count(*) FROM article")
echo "== restart: time to ready with $MEASURED_ARTICLES articles"
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
WARMED=$(grep -o 'Article cache warmed: [0-9]*' "$WORK/app.log" | awk '{print $4}')

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
# Id lists, public articles by age: the newest (cached by the warm-up) for warm reads, the oldest (never cached
# before they are asked for) for cold reads, in bands that no other case touches.
"${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now() ORDER BY published_at, id" > "$WORK/by-age.txt"
TOTAL_PUBLIC=$(wc -l < "$WORK/by-age.txt")
BAND=$(( (TOTAL_PUBLIC - ${WARMED:-0}) / 3 ))
[ "$BAND" -gt 25000 ] && BAND=25000
[ "$BAND" -lt 1000 ] && echo "(only $BAND never-cached articles per cold band: the cold cases stop early)"
[ "$BAND" -lt 1 ] && BAND=1
sed -n "1,${BAND}p" "$WORK/by-age.txt" > "$WORK/cold-detail.txt"
sed -n "$((BAND + 1)),$((2 * BAND))p" "$WORK/by-age.txt" > "$WORK/cold-related.txt"
sed -n "$((2 * BAND + 1)),$((3 * BAND))p" "$WORK/by-age.txt" > "$WORK/cold-warmup.txt"
tail -n 20000 "$WORK/by-age.txt" > "$WORK/warm.txt"
head -n 200 "$WORK/warm.txt" | paste -sd, > "$WORK/related-warm.txt"
RELATED_IDS=$(cat "$WORK/related-warm.txt")

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
  BASE=$MGMT run "GET /q/health/live (HTTP ceiling, management port)" "/q/health/live"
  run "GET /articles/{id}, warm (newest 20,000)" "/articles/{id}" IDS_FILE="$WORK/warm.txt"
  run "GET /articles/{id}, 304 revalidation" "/articles/$HOT" IF_NONE_MATCH="$ETAG"
  run "GET /articles page 1" "/articles?size=20"
  run "GET /articles?page=$PAGES (offset)" "/articles?size=20&page=$((PAGES - 1))"
  run "GET /articles?cursor= page 1 (limit 10)" "/articles?cursor=&limit=10"
  run "GET /articles?cursor= page $DEEP_PAGE" "/articles?cursor=$DEEP_CURSOR&limit=10"
  run "GET /articles/{id}/related, warm (200 ids)" "/articles/{id}/related" IDS="$RELATED_IDS"
  run "GET /articles?q= (search)" "/articles?q={q}"
  run "POST /articles/{id}/views" "/articles/{id}/views" METHOD=POST
}
# cold NAME PATH_TEMPLATE IDS_FILE: every id once, for at most COLD_DURATION; appends as run does.
cold() {
  local name=$1 template=$2 file=$3 out rate p50 p99 bad count
  out=$(env PATH_TEMPLATE="$template" IDS_FILE="$file" SEQUENTIAL=1 THREADS=2 \
    wrk -t2 -c"$CONNECTIONS" -d"$COLD_DURATION" --latency -s bench/paths.lua "$BASE")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  count=$(awk '/requests in/ {print $1}' <<<"$out")
  # Every id asked before the time was up: wrk divides by the whole duration, so the rate is a lower bound.
  [ "$count" -ge "$(wc -l < "$file")" ] && name="$name, all asked: req/s a lower bound"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name ($count ids)" "$rate" "$p50" "$p99" "${bad:-0}" >> "$results"
  printf '  %-40s %10.0f req/s  p50 %8s  p99 %8s  non-2xx/3xx %s  (%s ids, each once)\n' "$name" "$rate" "$p50" "$p99" "${bad:-0}" "$count"
}

echo "== warming up: every case for 3 s"
WARMUP=1 cases
echo "  and the cold paths, on ids of their own"
env PATH_TEMPLATE="/articles/{id}" IDS_FILE="$WORK/cold-warmup.txt" SEQUENTIAL=1 wrk -t2 -c"$CONNECTIONS" -d3s -s bench/paths.lua "$BASE" >/dev/null
env PATH_TEMPLATE="/articles/{id}/related" IDS_FILE="$WORK/cold-warmup.txt" wrk -t2 -c"$CONNECTIONS" -d3s -s bench/paths.lua "$BASE" >/dev/null
echo "== measuring: wrk, $CONNECTIONS connections, $DURATION each"
cases
cold "GET /articles/{id}, cold" "/articles/{id}" "$WORK/cold-detail.txt"
cold "GET /articles/{id}/related, cold" "/articles/{id}/related" "$WORK/cold-related.txt"

echo "== reads of other articles during an import of $IMPORT_ARTICLES articles"
if [ -f "$SOURCE" ]; then
  python3 bench/import-lines.py --source "$SOURCE" --articles "$IMPORT_ARTICLES" | sed 's/"gen-/"imp-'"$$"'-/g' > "$WORK/during.ndjson"
  import_started=$(date +%s)
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$WORK/during.ndjson" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  # The reads start once the job reads lines (its first batch may take a while), so that they run beside it.
  for _ in $(seq 1 120); do
    [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -r 'if .status == "running" and .linesRead == 0 then "wait" else "go" end')" = go ] && break
    sleep 0.5
  done
  before=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, linesRead}')
  run "GET /articles/{id} during an import" "/articles/{id}" IDS_FILE="$WORK/by-age.txt"
  during="$before when the reads started and $(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, linesRead}')"
  while [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -r .status)" = running ]; do sleep 1; done
  IMPORT_NOTE="the import was $during when the reads ended; it took $(( $(date +%s) - import_started )) s in all: $(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, linesRead, created, failed}')"
  echo "  $IMPORT_NOTE"
else
  IMPORT_NOTE="no import during reads ($SOURCE not found)"
fi

echo "== pgbench -M prepared: SELECT ... FROM article WHERE id = :id, random ids"
printf '\\set id random(%s, %s)\nSELECT id, slug, title, summary, body, view_count FROM article WHERE id = :id;\n' \
  "$FIRST" "$LAST" > "$WORK/select.sql"
PG_OUT=$(pgbench -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" \
  -r -f "$WORK/select.sql" bench 2>/dev/null)
PG_TPS=$(awk '/^tps/ {print $3; exit}' <<<"$PG_OUT")
PG_LAT=$(awk '/^latency average/ {print $4 "ms"; exit}' <<<"$PG_OUT")
printf '  %-40s %10.0f tps    average latency %s\n' "pgbench select by id" "$PG_TPS" "$PG_LAT"
MEMORY=$(memory_report)

LIVE=$(awk -F'\t' 'NR == 1 {print $2}' "$results")
RESULTS=${RESULTS:-bench/results/suite-latest.md}
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Benchmark suite: latest run"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM;"
  echo "$MEASURED_ARTICLES articles (before the import case added $IMPORT_ARTICLES); wrk, $CONNECTIONS connections, $DURATION per case after a 3 s warm-up;"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') and the packaged jar on the same machine, JVM options \`$APP_JAVA_OPTS\`${MEMORY_LIMIT:+, in a $MEMORY_LIMIT memory cgroup};"
  echo "every warm case warmed up in a first pass; cold cases ask for each id once (the oldest articles, not reached by the cache warm-up of $WARMED articles), after a JIT warm-up on other ids, for at most $COLD_DURATION. Reproduce: \`bash bench/suite.sh\`."
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
  echo "Time to ready with all articles: ${READY_MS} ms; in the background then: $(grep -o 'Search index built.*' "$WORK/app.log" || echo 'index build not logged'); $(grep -o 'Article cache warm.*' "$WORK/app.log" || echo 'cache warm-up not logged'). Before the restart, $FILLED."
  echo
  echo "Reads during the import: $IMPORT_NOTE."
  echo
  echo "Memory after the run: $MEMORY; OutOfMemoryError in the log: $(grep -c OutOfMemoryError "$WORK/app.log" || true)."
} > "$RESULTS"
echo
cat "$RESULTS"
