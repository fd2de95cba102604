#!/usr/bin/env bash
# Two API instances on one OpenSearch index (issue 35), on the packaged jar, PostgreSQL and a real OpenSearch node:
# - A (background work on) builds the index; B (CONTENT_BACKGROUND=false) starts after it: how long until B is
#   ready, and whether its first search is complete (no index build of its own);
# - a write on one instance, searched through the other: how long until it is found (ROUNDS each way);
# - an outage: OpenSearch stopped for OUTAGE seconds while both instances take a write a second; then every write
#   is found, and OpenSearch counts every published article.
# Usage: bench/opensearch-sharing.sh        Env: ROUNDS (20), OUTAGE (30)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55437}
APP_PORT=${APP_PORT:-8190}
ROUNDS=${ROUNDS:-20}
OUTAGE=${OUTAGE:-30}
source bench/lib.sh
need jq || { apt-get install -y -qq jq >/dev/null; }
keep_results opensearch-sharing
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
start_pg
build_jar
start_opensearch
COMMON=(CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_SEARCH_BACKEND=opensearch CONTENT_OPENSEARCH_URL="$OPENSEARCH_URL" CONTENT_OPENSEARCH_REPLICAS=0)
started=$(date +%s%N)
start_app "${COMMON[@]}"
echo "A (background on) ready in $(( ($(date +%s%N) - started) / 1000000 )) ms: the feed built the index; $(curl -sf "$MGMT/q/health/ready" | jq -c '.checks[] | select(.name == "opensearch") | .data')"
A=http://127.0.0.1:$APP_PORT; A_PID=$APP_PID; A_MGMT=$MGMT
# B: a second instance on its own ports, with no background work.
APP_PORT=$((APP_PORT + 2)); MGMT_PORT=$((APP_PORT + 1)); MGMT="http://127.0.0.1:$MGMT_PORT"
started=$(date +%s%N)
APP_PID=
start_app "${COMMON[@]}" CONTENT_BACKGROUND=false CONTENT_DEMO_LOAD=false
B=http://127.0.0.1:$APP_PORT; B_PID=$APP_PID; APP_PID=$A_PID
trap 'kill "$B_PID" 2>/dev/null; wait "$B_PID" 2>/dev/null || true; cleanup' EXIT
echo "B (background off) ready in $(( ($(date +%s%N) - started) / 1000000 )) ms; its log says: $(grep -o 'Search index built.*' "$WORK/app.log" | tail -n 1)"
published=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'")
echo "B's first search for 面瘫: total $(curl -sf -G "$B/articles" --data-urlencode q=面瘫 | jq .total), A's: $(curl -sf -G "$A/articles" --data-urlencode q=面瘫 | jq .total); $published published articles"

write() { # write BASE TITLE -> id
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"$2\",\"body\":\"$2 的正文。\",\"status\":\"published\",\"tags\":[\"共享测试\"]}" "$1/articles" | jq .id
}
found_within() { # found_within BASE Q ID -> ms until found, or "never" after 10 s
  local t0=$(date +%s%N)
  while [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 10000 ]; do
    curl -sf -G "$1/articles" --data-urlencode "q=$2" --data-urlencode size=50 | jq -e ".items | map(.id) | index($3)" >/dev/null \
      && { echo $(( ($(date +%s%N) - t0) / 1000000 )); return; }
    sleep 0.05
  done
  echo never
}
words=(蓝鲸 海豚 北极熊 企鹅 考拉 袋鼠 熊猫 猎豹 斑马 河马 犀牛 骆驼 松鼠 刺猬 水獭 海狸 狐狸 孔雀 鹦鹉 猫头鹰)
for direction in "A B" "B A"; do
  set -- $direction
  from=${!1}; to=${!2}; times=()
  for i in $(seq 1 "$ROUNDS"); do
    w="${words[$(( (i - 1) % ${#words[@]} ))]}共享$1$i号"
    id=$(write "$from" "$w")
    times+=("$(found_within "$to" "$w" "$id")")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "written on $1, found through $2 ($ROUNDS writes), ms: $(tr '\n' ' ' <<<"$sorted")"
done

echo "== outage: OpenSearch stopped for $OUTAGE s, a write a second on each instance"
kill "$OS_PID"; wait "$OS_PID" 2>/dev/null || true; OS_PID=
ids=(); failed=0; searches=""
for i in $(seq 1 "$OUTAGE"); do
  for side in A B; do
    id=$(write "${!side}" "停机写入$side$i号") || { failed=$((failed + 1)); continue; }
    ids+=("$id")
  done
  [ "$i" = 5 ] && searches="search during the outage: $(curl -s -o /dev/null -w '%{http_code}, Retry-After %header{retry-after}' -G "$A/articles" --data-urlencode q=停机写入)"
  sleep 1
done
echo "writes during the outage: ${#ids[@]} accepted, $failed failed; $searches"
echo "readiness during the outage: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$A_MGMT/q/health/ready"), opensearch $(curl -s "$A_MGMT/q/health/ready" | jq -c '.checks[] | select(.name == "opensearch") | .data')"
back=$(date +%s%N)
start_opensearch
missing=${#ids[@]}
until [ "$missing" = 0 ]; do
  missing=0
  for id in "${ids[@]}"; do
    curl -sf "$OPENSEARCH_URL/content-articles/_doc/$id" | jq -e .found >/dev/null || missing=$((missing + 1))
  done
  [ $(( ($(date +%s%N) - back) / 1000000000 )) -gt 120 ] && break
  sleep 1
done
published=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'")
echo "after OpenSearch returned: $(( ${#ids[@]} - missing )) of ${#ids[@]} outage writes indexed $(( ($(date +%s%N) - back) / 1000000 )) ms after its restart began; OpenSearch counts $(curl -sf "$OPENSEARCH_URL/content-articles/_count" | jq .count) articles, PostgreSQL $published published"
echo "search through B after the outage: total $(curl -sf -G "$B/articles" --data-urlencode q=停机写入 | jq .total) for 停机写入"
echo "metrics of A: $(curl -sf "$A_MGMT/q/metrics" | grep -E '^content_opensearch_(bulk_failures_total|feed_lag_seconds|feed_leader)' | tr '\n' ' ')"
write_results
