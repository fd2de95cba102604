#!/usr/bin/env bash
# The write path with webhook subscribers (not a test): PATCH /articles/{id} on 200 articles with wrk (CONNECTIONS,
# 8 by default) without a break, while three subscribers (three loopback receivers answering at once) are switched
# on and off every WINDOW seconds. Each write leaves its outbox row, stamped with its time, so the writes of every
# second are counted afterwards from the outbox; the rates just before and just after each switch are compared.
# Switched off, a subscriber asks only for import.finished (none happens here): nothing is delivered, nothing is
# deleted, and each write is the outbox row only. Prints the ratio of writes per second with subscribers to without,
# the machine's CPU per write in each state, and what was delivered. Writes bench/results/webhooks-latest.md.
#
# Why one load switched often rather than separate runs per case: on two saturated cores, separate 15 s runs
# swung by ±30% (the JIT still compiling minutes in, drift), so twenty pairs could not resolve 10%; a switch every
# few seconds under one warm load compares like with like, and gives a hundred pairs in a quarter of an hour.
# Usage: bench/webhooks.sh
# Env: DURATION (900 s measured), WARMUP (300 s, switching as measured), WINDOW (10 s between switches),
#      CONNECTIONS (8), SKIP_BUILD (0)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55450}
APP_PORT=${APP_PORT:-8197}
DURATION=${DURATION:-900}
WARMUP=${WARMUP:-300}
WINDOW=${WINDOW:-10}
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
LOAD=
trap 'kill $RECEIVERS $LOAD 2>/dev/null; cleanup' EXIT

IDS=$(for i in $(seq 1 200); do
  curl -sf -X POST "$BASE/articles" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\": \"网络钩子写入测试 $i\", \"body\": \"正文 $i。\", \"status\": \"published\"}" | jq -r .id
done | paste -sd,)
HOOKS=$(for port in 8291 8292 8293; do
  curl -sf -X POST "$BASE/webhooks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"url\": \"http://127.0.0.1:$port/hook\", \"events\": [\"import.finished\"]}" | jq -r .id
done)
# Every event (on), or only import.finished, which no write here makes (off).
switch() {
  local events
  events=$([ "$1" = three ] && echo '["*"]' || echo '["import.finished"]')
  for id in $HOOKS; do
    curl -sf -o /dev/null -X PATCH "$BASE/webhooks/$id" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/merge-patch+json' -d "{\"events\": $events}"
  done
}
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

env IDS="$IDS" TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"$((WARMUP + DURATION + 60))s" -s bench/patch.lua "$BASE" \
  > "$WORK/wrk.txt" &
LOAD=$!
# The write path keeps getting faster for minutes (JIT on two cores) and the delivery path is cold until the
# first subscriber: the warm-up switches as the measurement does, so both are warm before it starts.
echo "== warm-up: ${WARMUP}s of writes, subscribers switched every ${WINDOW}s"
state=none
end=$(( $(date +%s) + WARMUP ))
while [ "$(date +%s)" -lt "$end" ]; do
  state=$([ "$state" = none ] && echo three || echo none)
  switch "$state"
  sleep "$WINDOW"
done
echo "== measured: ${DURATION}s of writes at $CONNECTIONS connections, subscribers switched every ${WINDOW}s"
: > "$WORK/switches.tsv"
backlogs=
end=$(( $(date +%s) + DURATION ))
while [ "$(date +%s)" -lt "$end" ]; do
  next=$([ "$state" = none ] && echo three || echo none)
  if [ "$state" = three ]; then
    # Deliveries keep pace with the writes, or they would only have been put off into the next window:
    backlogs="$backlogs $("${DB[@]}" -c "SELECT count(*) FROM webhook_event WHERE NOT fanned_out")"
  fi
  ticks=$(busy_ticks)
  switch "$next"
  printf '%s\t%s\t%s\t%s\n' "$(date +%s.%N)" "$state" "$next" "$ticks" >> "$WORK/switches.tsv"
  state=$next
  sleep "$WINDOW"
done
printf '%s\t%s\t%s\t%s\n' "$(date +%s.%N)" "$state" end "$(busy_ticks)" >> "$WORK/switches.tsv"
switch none
kill -INT "$LOAD" 2>/dev/null; wait "$LOAD" 2>/dev/null || true
LOAD=
for _ in $(seq 1 240); do
  [ "$("${DB[@]}" -c "SELECT count(*) FROM webhook_event WHERE NOT fanned_out")" = 0 ] && break
  sleep 0.5
done
"${DB[@]}" -c "\\copy (SELECT extract(epoch FROM occurred_at) FROM webhook_event WHERE type LIKE 'article.%') TO '$WORK/events.txt'"
python3 - "$WORK/switches.tsv" "$WORK/events.txt" "$WINDOW" "$(getconf CLK_TCK)" <<'PY'
import bisect, math, statistics, sys
switches = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
events = sorted(float(line) for line in open(sys.argv[2]))
window, hz = float(sys.argv[3]), int(sys.argv[4])
# Each switch's ratio compares the writes of the half-window before it with those of the half-window after it, less
# the first half second after (the switch itself); "on" and "off" switches alternate, so drift cancels.
settle = 0.5
span = window / 2 - settle
def writes(t0, t1):
    return bisect.bisect_left(events, t1) - bisect.bisect_left(events, t0)
ratios, rate = [], {"none": [], "three": []}
busy, written = {"none": 0, "three": 0}, {"none": 0, "three": 0}
for (at, before, after, ticks), (next_at, _, _, next_ticks) in zip(switches, switches[1:]):
    at, next_at = float(at), float(next_at)
    # Whole windows, for the CPU per write: from this switch to the next, in the state switched to.
    busy[after] += int(next_ticks) - int(ticks)
    written[after] += writes(at, next_at)
    if before not in rate:
        continue
    was, now = writes(at - span, at) / span, writes(at + settle, at + settle + span) / span
    rate[before].append(was)
    rate[after].append(now)
    ratios.append(now / was if after == "three" else was / now)
# Student's t at 97.5% by degrees of freedom; between two listed, the smaller's (the wider interval).
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 20: 2.09, 30: 2.04,
       40: 2.02, 60: 2.00, 120: 1.98}
n = len(ratios)
logs = [math.log(x) for x in ratios]
mean = statistics.fmean(logs)
half = T95[max(k for k in T95 if k <= n - 1)] * statistics.stdev(logs) / math.sqrt(n)
none, three = statistics.median(rate["none"]), statistics.median(rate["three"])
print(f"PATCH /articles/{{id}}: without subscribers {none:.0f} writes/s, with three {three:.0f} writes/s "
      f"(medians of {len(rate['none'])} and {len(rate['three'])} half-windows of {span:.1f} s)")
print(f"with three / without, {n} switches: quartiles {' / '.join(f'{q:.2f}' for q in statistics.quantiles(ratios, n=4))}; "
      f"geometric mean {math.exp(mean):.3f}x, 95% interval {math.exp(mean - half):.3f}x to {math.exp(mean + half):.3f}x")
print(f"all writes with three / all writes without: {sum(rate['three']) / sum(rate['none']):.3f}x")
for state in ("none", "three"):
    print(f"machine CPU per write, {state}: {1000 * busy[state] / hz / written[state]:.2f} ms "
          f"({written[state]} writes in {busy[state] / hz:.0f} CPU-seconds)")
PY
echo "events written: $("${DB[@]}" -c "SELECT count(*) FROM webhook_event")"
echo "deliveries: $("${DB[@]}" -c "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM webhook_delivery GROUP BY status) s")"
echo "events not yet sent at each switch-off (a backlog carried into the next window):$backlogs"
# Non-2xx answers are 412s: two connections changed the same article at the same moment (optimistic locking), and
# the loser wrote nothing, so it is not counted.
grep -E 'requests in|Non-2xx' "$WORK/wrk.txt" || true
write_results
