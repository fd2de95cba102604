#!/usr/bin/env bash
# Restarts with a kept search index (not a test): the packaged jar with CONTENT_INDEX_DIR on a copy of a database
# kept by bench/suite.sh (BENCH_PGDATA; copied, since starting migrates it). In one run:
# 1. a first start builds the index from the database (the time to ready, as every start took before);
# 2. a second start, nothing changed meanwhile, opens the index: a plain restart (a deploy);
# 3. articles are changed while it is stopped (CHANGED titles rewritten in SQL), as an import between deploys, and a
#    third start opens the index and applies the change log.
# For each start: the time from launch until readiness reports the index built, and until the index holds every
# published article and every current embedding (/q/health/ready's search-index data against the database); after
# the third, that a changed title is found.
# Usage: BENCH_PGDATA=/path/to/kept/data bench/restart.sh
# Env: CHANGED (2000), SKIP_BUILD (0)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${BENCH_PGDATA:-}/PG_VERSION" ] || { echo "BENCH_PGDATA must name a data directory filled by bench/suite.sh"; exit 2; }
PGPORT=${PGPORT:-55465}
APP_PORT=${APP_PORT:-8214}
CHANGED=${CHANGED:-2000}
KEPT=$BENCH_PGDATA
unset BENCH_PGDATA
source bench/lib.sh
copy_kept_pgdata "$KEPT"
keep_results restart
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
start_pg
build_jar
INDEX=$WORK/index
PUBLISHED=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'")
echo "== $PUBLISHED published articles, $("${DB[@]}" -c "SELECT count(*) FROM article_embedding") stored embeddings; jar with JAVA_OPTS \`$APP_JAVA_OPTS\`"

# Launches the jar and prints, in seconds since launch: when readiness reports the index built, and when the index
# holds every published article and as many embeddings as $1.
timed_start() {
  local want_vectors=$1; shift
  : > "$WORK/app.log"
  local t0 built="" complete="" data
  t0=$(date +%s.%N)
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT \
    CONTENT_DEMO_LOAD=false CONTENT_RATE_LIMIT_ENABLED=false CONTENT_INDEX_DIR="$INDEX" "$@" \
    java $APP_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 6000); do
    data=$(curl -s "$MGMT/q/health/ready" 2>/dev/null | jq -c '.checks[] | select(.name == "search-index") | .data' 2>/dev/null || true)
    if [ -n "$data" ] && [ -z "$built" ] && jq -e '.built' <<<"$data" >/dev/null; then
      built=$(echo "$(date +%s.%N) - $t0" | bc)
    fi
    if [ -n "$built" ] && jq -e --argjson a "$PUBLISHED" --argjson v "$want_vectors" '.articles >= $a and .withEmbedding >= $v' <<<"$data" >/dev/null; then
      complete=$(echo "$(date +%s.%N) - $t0" | bc)
      break
    fi
    sleep 0.1
  done
  printf 'index built (readiness) %.1f s after launch; complete (%s articles, %s with their embedding) %.1f s after launch\n' \
    "$built" "$(jq .articles <<<"$data")" "$(jq .withEmbedding <<<"$data")" "${complete:-0}"
  grep -o 'Search index \(built\|restored\|rebuilt\)[^"]*' "$WORK/app.log" | head -3 | sed 's/^/  log: /'
}

VECTORS=$("${DB[@]}" -c "SELECT count(*) FROM article_embedding e JOIN article a ON a.id = e.article_id WHERE a.status = 'published'")
echo
echo "== first start: no index in CONTENT_INDEX_DIR"
timed_start "$VECTORS"
stop_app
echo "index directory: $(du -sh "$INDEX" | cut -f1)"

echo
echo "== second start: the kept index, nothing changed meanwhile"
timed_start "$VECTORS"
stop_app

echo
echo "== $CHANGED titles changed while stopped"
"${DB[@]}" -c "UPDATE article SET title = title || ' 重启' WHERE id IN (SELECT id FROM article WHERE status = 'published' ORDER BY id DESC LIMIT $CHANGED)" >/dev/null
PROBE=$("${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' ORDER BY id DESC LIMIT 1")
"${DB[@]}" -c "UPDATE article SET title = '重启之后的探针标题' WHERE id = $PROBE" >/dev/null
# Changed titles make stored embeddings stale (their text changed): the index is complete with the others.
VECTORS=$("${DB[@]}" -c "SELECT count(*) FROM article_embedding e JOIN article a ON a.id = e.article_id WHERE a.status = 'published'") 
echo
echo "== third start: the kept index, caught up from the change log"
timed_start "$(( VECTORS - CHANGED - 1 ))"
FOUND=$(curl -s "http://127.0.0.1:$APP_PORT/articles?size=1&q=%E9%87%8D%E5%90%AF%E4%B9%8B%E5%90%8E%E7%9A%84%E6%8E%A2%E9%92%88%E6%A0%87%E9%A2%98" | jq '.items[0].id')
echo "the changed title is found: $([ "$FOUND" = "$PROBE" ] && echo yes || echo "no ($FOUND, wanted $PROBE)")"
stop_app
write_results
