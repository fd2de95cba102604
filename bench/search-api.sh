#!/usr/bin/env bash
# Search and related lists through the HTTP API of the packaged jar on PostgreSQL (not a test). Imports the
# development set as articles (title, with the answer as body) through POST /import, times how long the
# background embedding takes until the import status counts every article embedded, then runs bench/search-eval.py
# (known item: each row's ask as a search; related lists: department P@10) and wrk with 32 connections over the
# same searches, first pass (query embeddings not cached) and again (cached), with /q/health/live in the same run.
#
# SEARCH_BACKEND=opensearch runs the same against a real OpenSearch node (bench/lib.sh start_opensearch), and waits
# for the feed to have indexed every change before it measures. SEARCH_BACKEND="lucene opensearch" measures both
# in one run, on one import: the jar is restarted with the next backend on the same database.
#
# Usage: bench/search-api.sh [path/to/toyhom-neike-sample.jsonl]
# Env: ARTICLES (0 = the set as is), QUERIES (1000), SEARCH_BACKEND (lucene; or "lucene opensearch")
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
ARTICLES=${ARTICLES:-0}
QUERIES=${QUERIES:-1000}
PGPORT=${PGPORT:-55435}
APP_PORT=${APP_PORT:-8184}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
need jq || { apt-get install -y -qq jq >/dev/null; }
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
SEARCH_BACKEND=${SEARCH_BACKEND:-lucene}
start_pg
build_jar
# The environment of the jar for a backend (starting the OpenSearch node the first time).
backend_env() {
  BACKEND=(CONTENT_SEARCH_BACKEND="$1")
  if [ "$1" = opensearch ]; then
    [ -n "$OS_PID" ] || start_opensearch
    BACKEND+=(CONTENT_OPENSEARCH_URL="$OPENSEARCH_URL" CONTENT_OPENSEARCH_REPLICAS=0)
  fi
  CURRENT=$1
  echo "== search backend: $1"
}
backend_env "${SEARCH_BACKEND%% *}"
start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_DEMO_LOAD=false "${BACKEND[@]}"
# With OpenSearch: until the feed has indexed every change (the embeddings among them).
caught_up() {
  [ "$CURRENT" != opensearch ] && return 0
  until curl -sf "$MGMT/q/health/ready" | jq -e '.checks[] | select(.name == "opensearch") | .data.lagSeconds == 0' >/dev/null \
    && [ "$(curl -sf "$OPENSEARCH_URL/content-articles/_count" | jq .count)" = "$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'")" ]; do
    sleep 1
  done
  echo "OpenSearch caught up: $(curl -sf "$OPENSEARCH_URL/content-articles/_count" | jq .count) articles; RSS of the node: $(( $(ps -o rss= -p "$OS_PID") / 1024 )) MiB"
}
BASE="http://127.0.0.1:$APP_PORT"

python3 bench/import-lines.py --source "$SOURCE" --body answer --articles "$ARTICLES" > "$WORK/articles.ndjson"
echo "== import: $(wc -l < "$WORK/articles.ndjson") lines"
started=$(date +%s%N)
location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
  --data-binary "@$WORK/articles.ndjson" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
imported=
while :; do
  status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location")
  if [ -z "$imported" ] && [ "$(jq -r .status <<<"$status")" != running ]; then
    imported=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "imported in $((imported / 1000)) s: $(jq -c '{status, created, failed, articles, embedded}' <<<"$status")"
  fi
  if [ -n "$imported" ] && [ "$(jq -r .embedded <<<"$status")" = "$(jq -r .articles <<<"$status")" ]; then
    break
  fi
  sleep 2
done
total=$(( ($(date +%s%N) - started) / 1000000 ))
articles=$(jq -r .articles <<<"$status")
echo "every article embedded $((total / 1000)) s after the import started: $articles articles, \
$(( (total - imported) * 1000 / (articles > 0 ? articles : 1) / 1000 )) ms each after the import ended; \
$(curl -sf "$MGMT/q/health/ready" | jq -c '.checks[] | select(.name == "embeddings") | .data')"
echo "RSS of the server: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MiB"

for backend in $SEARCH_BACKEND; do
if [ "$backend" != "$CURRENT" ]; then
  stop_app
  # The related lists stored by the previous backend go: this one's are computed when read (and stored then).
  "${DB[@]}" -c "DELETE FROM article_related_rendered; DELETE FROM article_related" >/dev/null
  backend_env "$backend"
  : > "$WORK/app.log"
  start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_DEMO_LOAD=false "${BACKEND[@]}"
fi
caught_up

python3 bench/search-eval.py --base "$BASE" --corpus "$SOURCE" --queries "$QUERIES" --paths "$WORK/sample.paths" \
  --other-paths "$WORK/other.paths"

echo "== wrk, $CONNECTIONS connections"
measure() {
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" "$@" --latency "$BASE" 2>&1)
  printf '%-44s %8s req/s  p50 %8s  p99 %8s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
cat > "$WORK/live.lua" <<'LUA'
request = function() return wrk.format("GET", "/q/health/live") end
LUA
BASE=$MGMT measure "/q/health/live" -d10s -s "$WORK/live.lua"
# Restarted, so that no query embedding and no search page is cached: the first pass is what a new question costs.
builds=$(( $(grep -c 'Search index built' "$WORK/app.log") + 1 ))
stop_app
start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_DEMO_LOAD=false "${BACKEND[@]}"
# Readiness does not wait for the search index: wait for its build (the next in the log) and for the model.
until [ "$(grep -c 'Search index built' "$WORK/app.log")" -ge "$builds" ]; do sleep 0.5; done
grep -o 'Search index built.*' "$WORK/app.log" | tail -n 1
until curl -sf "$MGMT/q/health/ready" | jq -e '.checks[] | select(.name == "embeddings") | .data.loaded' >/dev/null; do sleep 0.5; done
# The JIT warms up on the sample's searches, which the cached case asks again; the new questions are the others.
PATHS_FILE="$WORK/sample.paths" wrk -t2 -c"$CONNECTIONS" -d8s -s bench/path-list.lua "$BASE" >/dev/null 2>&1
PATHS_FILE="$WORK/other.paths" measure "search, new questions (nothing cached)" -d5s -s bench/path-list.lua
PATHS_FILE="$WORK/sample.paths" measure "search, questions asked before (cached)" -d10s -s bench/path-list.lua
ids=$("${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' ORDER BY random() LIMIT 2000" | tr '\n' ',')
IDS="$ids" PATH_TEMPLATE="/articles/{id}/related?limit=10" measure "related, random articles" -d10s -s bench/paths.lua
done
