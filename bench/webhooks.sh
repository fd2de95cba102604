#!/usr/bin/env bash
# The write path with webhook subscribers (not a test): PATCH /articles/{id} on 200 articles with wrk (CONNECTIONS,
# 8 by default), with no subscriber (each write still writes its outbox row) and with three subscribers of every
# event (three loopback receivers answering at once), alternately, ROUNDS times each, DURATION each, on the packaged
# jar and a PostgreSQL of its own. Prints the median ratio of writes per second with subscribers to without, and
# what was delivered. Writes its results to bench/results/webhooks-latest.md.
# Usage: bench/webhooks.sh    Env: ROUNDS (12), DURATION (15s), WARMUP (90s, each case), CONNECTIONS (8), SKIP_BUILD (0)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55450}
APP_PORT=${APP_PORT:-8197}
ROUNDS=${ROUNDS:-12}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-90s}
CONNECTIONS=${CONNECTIONS:-8}
source bench/lib.sh
keep_results webhooks
need jq || apt-get install -y -qq jq >/dev/null
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
BASE="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
# The write path alone: no embeddings or related lists compete for the cores.
start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_WEBHOOKS_ALLOW_PRIVATE=true CONTENT_EMBEDDINGS_ENABLED=false \
  CONTENT_RELATED_BACKGROUND=false CONTENT_CACHE_RENDER_BACKGROUND=false
# Three receivers on loopback that answer 204 at once: nginx, so that the receivers take as little as possible of
# the two cores the application shares with them (in production a receiver is another machine).
need nginx || apt-get install -y -qq nginx-light >/dev/null
cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;  # nginx makes it its workers' own: not $WORK, which PostgreSQL must still enter
  server { listen 127.0.0.1:8291; listen 127.0.0.1:8292; listen 127.0.0.1:8293; location / { return 204; } }
}
EOF
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
RECEIVERS=$!
trap 'kill $RECEIVERS 2>/dev/null; cleanup' EXIT

IDS=$(for i in $(seq 1 200); do
  curl -sf -X POST "$BASE/articles" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\": \"网络钩子写入测试 $i\", \"body\": \"正文 $i。\", \"status\": \"published\"}" | jq -r .id
done | paste -sd,)
subscribe() {
  for port in 8291 8292 8293; do
    curl -sf -X POST "$BASE/webhooks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"url\": \"http://127.0.0.1:$port/hook\", \"events\": [\"*\"]}" | jq -r .id
  done
}
unsubscribe() { for id in "$@"; do curl -sf -X DELETE "$BASE/webhooks/$id" -H "Authorization: Bearer $TOKEN"; done; }
measure() { env IDS="$IDS" TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"$1" -s bench/patch.lua "$BASE" | awk '/Requests\/sec/ {print $2}'; }
# Everything written while subscribed is delivered before the next case, so the other case does not pay for it.
drain() {
  for _ in $(seq 1 240); do
    pending=$("${DB[@]}" -c "SELECT count(*) FROM webhook_delivery WHERE status = 'pending'")
    waiting=$("${DB[@]}" -c "SELECT count(*) FROM webhook_event WHERE NOT fanned_out")
    [ "$pending" = 0 ] && [ "$waiting" = 0 ] && return 0
    sleep 0.5
  done
}
# The write path keeps getting faster for minutes (JIT on two cores), and the delivery path is cold until the
# first subscriber: both cases are warmed, or the first case with subscribers pays for it.
echo "== warm-up ($WARMUP with three subscribers, then $WARMUP without)"
hooks=$(subscribe | paste -sd' ')
measure "$WARMUP" >/dev/null
drain
# shellcheck disable=SC2086
unsubscribe $hooks
measure "$WARMUP" >/dev/null
: > "$WORK/rates.tsv"
delivered=0
backlogs=
for round in $(seq 1 "$ROUNDS"); do
  for variant in $( [ $((round % 2)) = 1 ] && echo "none three" || echo "three none"); do
    if [ "$variant" = three ]; then
      hooks=$(subscribe | paste -sd' ')
      rate=$(measure "$DURATION")
      # Deliveries keep pace with the writes, or they would only have been put off until the drain:
      backlog=$("${DB[@]}" -c "SELECT count(*) FROM webhook_event WHERE NOT fanned_out")
      backlogs="$backlogs $backlog"
      drain
      delivered=$((delivered + $("${DB[@]}" -c "SELECT count(*) FROM webhook_delivery WHERE status = 'succeeded'")))
      # shellcheck disable=SC2086
      unsubscribe $hooks
    else
      rate=$(measure "$DURATION")
    fi
    printf '%s\t%s\t%s\n' "$round" "$variant" "$rate" | tee -a "$WORK/rates.tsv"
  done
done
python3 - "$WORK/rates.tsv" <<'PY'
import collections, math, statistics, sys
# Student's t at 97.5% by degrees of freedom (ROUNDS - 1); between two listed, the smaller's (the wider interval).
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 11: 2.20, 12: 2.18,
       13: 2.16, 14: 2.14, 15: 2.13, 19: 2.09, 23: 2.07, 29: 2.05, 35: 2.03}
rate = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    r, variant, value = line.split()
    rate[r][variant] = float(value)
ratios = sorted(v["three"] / v["none"] for v in rate.values())
none = statistics.median(v["none"] for v in rate.values())
three = statistics.median(v["three"] for v in rate.values())
print(f"PATCH /articles/{{id}}: without subscribers {none:.0f} writes/s, with three {three:.0f} writes/s (medians)")
print(f"with three / without, per round: {', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}x")
# The cases alternate (none-three, three-none, ...), so a rate that drifts during the run cancels out of the sums.
pooled = sum(v["three"] for v in rate.values()) / sum(v["none"] for v in rate.values())
print(f"all writes with three / all writes without (alternating order cancels drift): {pooled:.2f}x")
# Single rounds swing far (search-index merges, the JIT): how sure the run is of the ratio, from its rounds'
# spread (geometric mean of the per-round ratios, 95% interval by Student's t).
logs = [math.log(x) for x in ratios]
mean = statistics.fmean(logs)
half = T95[max(k for k in T95 if k <= len(logs) - 1)] * statistics.stdev(logs) / math.sqrt(len(logs)) if len(logs) > 1 else float("nan")
print(f"per-round ratio, geometric mean {math.exp(mean):.2f}x, 95% interval {math.exp(mean - half):.2f}x to {math.exp(mean + half):.2f}x")
PY
echo "deliveries that succeeded while subscribed: $delivered; events written: $("${DB[@]}" -c "SELECT count(*) FROM webhook_event")"
echo "events not yet sent when each round with subscribers ended (a backlog left for the drain):$backlogs"
write_results
