#!/usr/bin/env bash
# Search and related lists under load, through HTTP (not a test): the packaged jar, with the Dockerfile's JAVA_OPTS,
# on a database that already holds many articles (run bench/suite.sh with BENCH_PGDATA first, which imports
# 100,000 and computes their embeddings and related lists). Natural questions are the development set's asks.
# Measures with wrk at 32 connections, in one run, against GET /q/health/live:
# - search, new questions: each ask once, nothing cached (neither its embedding nor its page);
# - search, questions asked before: 200 asks, repeated (query embedding and page cached);
# - search, the ten popular words of bench/suite.sh;
# - related lists of random articles (stored lists; the items partly cached).
# Each CONCURRENCY (values of CONTENT_SEARCH_CONCURRENCY, "default" for the shipped one) restarts the jar, and so
# does each of BACKENDS: "lucene opensearch" measures both in one run, the second against a real OpenSearch node
# (bench/lib.sh start_opensearch, on the same cores) once its feed has indexed every article; then
# bench/knn-recall.py measures the recall of its approximate neighbours against exact ones.
#
# Usage: BENCH_PGDATA=/kept/dir bench/search-load.sh [corpus.jsonl]
# Env: CONNECTIONS (32), DURATION (10s), CONCURRENCY ("default"; e.g. "64 default"), MEMORY_LIMIT (none),
#      BACKENDS ("lucene"; e.g. "lucene opensearch"), OS_HEAP (1g), READY_TIMEOUT (600)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
CONCURRENCY=${CONCURRENCY:-default}
BACKENDS=${BACKENDS:-lucene}
export READY_TIMEOUT=${READY_TIMEOUT:-600}
PGPORT=${PGPORT:-55435}
APP_PORT=${APP_PORT:-8184}
[ -n "${BENCH_PGDATA:-}" ] || { echo "set BENCH_PGDATA to a database filled by bench/suite.sh"; exit 2; }
source bench/lib.sh
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
BASE="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
echo "== $("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'") published articles, \
$("${DB[@]}" -c "SELECT count(*) FROM article_embedding") embeddings, $("${DB[@]}" -c "SELECT count(*) FROM article_related") related lists"

python3 - "$SOURCE" "$WORK" <<'PY'
import json, random, sys, urllib.parse
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
asks = list(dict.fromkeys(r["ask"][:200] for r in rows))
random.Random(7).shuffle(asks)
paths = ["/articles?size=10&q=" + urllib.parse.quote(a) for a in asks]
open(sys.argv[2] + "/asked.paths", "w").write("\n".join(paths[:200]) + "\n")
open(sys.argv[2] + "/warmup.paths", "w").write("\n".join(paths[200:1200]) + "\n")
open(sys.argv[2] + "/new.paths", "w").write("\n".join(paths[1200:]) + "\n")
PY
"${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now() ORDER BY random() LIMIT 5000" \
  | paste -sd, > "$WORK/related.ids"
cat > "$WORK/live.lua" <<'LUA'
request = function() return wrk.format("GET", "/q/health/live") end
LUA

measure() {
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$BASE" 2>&1)
  local refused
  refused=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "${refused:-0}"
}

published=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published' AND published_at <= now()")
for backend in $BACKENDS; do
for slots in $CONCURRENCY; do
  extra=(CONTENT_SEARCH_BACKEND="$backend")
  [ "$slots" != default ] && extra+=(CONTENT_SEARCH_CONCURRENCY="$slots")
  if [ "$backend" = opensearch ]; then
    [ -n "$OS_PID" ] || start_opensearch
    extra+=(CONTENT_OPENSEARCH_URL="$OPENSEARCH_URL" CONTENT_OPENSEARCH_REPLICAS=0)
  fi
  : > "$WORK/app.log"
  launched=$(date +%s)
  start_app CONTENT_DEMO_LOAD=false "${extra[@]}"
  if [ "$backend" = opensearch ]; then
    until [ "$(curl -sf "$OPENSEARCH_URL/content-articles/_count" | jq .count)" = "$published" ] \
      && curl -sf "$MGMT/q/health/ready" | jq -e '.checks[] | select(.name == "opensearch") | .data.lagSeconds == 0' >/dev/null; do
      sleep 1
    done
    indexed=$(( $(date +%s) - launched ))
    # The merges that follow a bulk build (segments and their HNSW graphs) take both cores for minutes: measured
    # during them, search is what it costs right after a rebuild, not in steady state.
    for _ in $(seq 1 450); do
      [ "$(curl -sf "$OPENSEARCH_URL/_nodes/stats/indices/merge" | jq '[.nodes[].indices.merges.current] | add')" = 0 ] && break
      sleep 2
    done
    built="$(grep -o 'OpenSearch index .* built.*' "$WORK/app.log" | tail -n 1); every article indexed $indexed s after launch, \
merges done $(( $(date +%s) - launched )) s after; \
node RSS $(( $(ps -o rss= -p "$OS_PID") / 1024 )) MiB, index $(curl -sf "$OPENSEARCH_URL/_cat/indices/content-articles*?h=store.size" | head -n 1)"
  else
    until grep -q "Search index built" "$WORK/app.log"; do sleep 0.5; done
    built=$(grep -o 'Search index built.*' "$WORK/app.log")
  fi
  until curl -sf "$MGMT/q/health/ready" | jq -e '.checks[] | select(.name == "embeddings") | .data.loaded' >/dev/null; do sleep 0.5; done
  echo
  echo "== CONTENT_SEARCH_BACKEND=$backend, CONTENT_SEARCH_CONCURRENCY=$slots; $built"
  # The JIT warms up on other questions and on the 200 that the cached case asks again.
  PATHS_FILE="$WORK/warmup.paths" wrk -t2 -c"$CONNECTIONS" -d10s -s bench/path-list.lua "$BASE" >/dev/null 2>&1
  PATHS_FILE="$WORK/asked.paths" wrk -t2 -c"$CONNECTIONS" -d3s -s bench/path-list.lua "$BASE" >/dev/null 2>&1
  echo "| case | req/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  BASE=$MGMT measure "GET /q/health/live" -s "$WORK/live.lua"
  PATHS_FILE="$WORK/new.paths" measure "search, new questions (nothing cached)" -s bench/path-list.lua
  PATHS_FILE="$WORK/asked.paths" measure "search, 200 questions asked before" -s bench/path-list.lua
  TERMS="头痛,高血压,胃炎,失眠,糖尿病,咳嗽,肝炎,心悸,腹泻,甲状腺" PATH_TEMPLATE="/articles?q={q}" \
    measure "search, 10 popular words (as bench/suite.sh)" -s bench/paths.lua
  IDS="$(cat "$WORK/related.ids")" PATH_TEMPLATE="/articles/{id}/related?limit=10" measure "related, 5,000 random articles" -s bench/paths.lua
  echo "$(memory_report); full collections: $(jstat -gcutil "$APP_PID" | awk 'NR == 2 {print $9 " (" $10 " s)"}')"
  if [ "$backend" = opensearch ]; then
    echo "node RSS $(( $(ps -o rss= -p "$OS_PID") / 1024 )) MiB; the approximate neighbours against exact ones:"
    python3 bench/knn-recall.py --url "$OPENSEARCH_URL"
  fi
  stop_app
done
done
