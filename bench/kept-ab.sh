#!/usr/bin/env bash
# Two builds on one kept database, measured in the same rounds (not a test). bench/suite.sh measures one build per
# run, and two runs minutes apart differ by up to 10 % on some cases; this starts both jars at once on one
# PostgreSQL (a copy of a database kept by bench/suite.sh) and measures one case on each in turn, in the order
# A B B A, round after round, so that the machine's drift falls on both. Prints req/s per round and the medians.
#
# Usage: A_DIR=<checkout with its jar built> B_DIR=<another> BENCH_PGDATA=<a copy of a kept database> bench/kept-ab.sh
# Env: CASE (related: /articles/{id}/related on the 200 newest ids; detail: /articles/{id} on the same ids;
# related-cold: related lists never asked before, each measurement on BAND (3000) ids of its own, oldest first, each
# asked once), ROUNDS (3), DURATION (8s), CONNECTIONS (32), SETTLE (seconds to wait once both are ready: 0). The
# jars run with the Dockerfile's JVM options (or APP_JAVA_OPTS), without a cgroup.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${A_DIR:?a checkout whose target/quarkus-app is built}" "${B_DIR:?another}" "${BENCH_PGDATA:?a copy of a kept database}"
PGPORT=${PGPORT:-55461}
APP_PORT=${APP_PORT:-8461}
source bench/lib.sh
CASE=${CASE:-related}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-32}
JAVA_OPTS_SHIPPED="${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}"
case "$CASE" in
  related|related-cold) TEMPLATE="/articles/{id}/related" ;;
  detail) TEMPLATE="/articles/{id}" ;;
  *) echo "CASE is related, related-cold or detail"; exit 2 ;;
esac
start_pg
A_PORT=$((APP_PORT + 10))
B_PORT=$((APP_PORT + 20))
PIDS=()
launch() { # dir port
  (cd "$1" && exec env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(($2 + 1)) CONTENT_DEMO_LOAD=true \
    CONTENT_RATE_LIMIT_ENABLED=false java $JAVA_OPTS_SHIPPED -jar target/quarkus-app/quarkus-run.jar > "$WORK/app-$2.log" 2>&1) &
  PIDS+=($!)
}
launch "$A_DIR" "$A_PORT"
launch "$B_DIR" "$B_PORT"
trap 'kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null; cleanup' EXIT
for p in $A_PORT $B_PORT; do
  for _ in $(seq 1 300); do
    grep -q "Search index built" "$WORK/app-$p.log" 2>/dev/null && grep -q "Article cache warm" "$WORK/app-$p.log" && break
    sleep 1
  done
done
"${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now() ORDER BY published_at DESC, id DESC LIMIT 200" \
  | paste -sd, > "$WORK/ids"
BAND=${BAND:-3000}
[ "$CASE" = related-cold ] && "${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now()
  ORDER BY published_at, id" > "$WORK/by-age"
next_band=0
measure() { # duration port
  if [ "$CASE" = related-cold ]; then
    # Ids never asked of either jar: a band of its own for every measurement, warm-up included.
    sed -n "$((next_band * BAND + 1)),$((next_band * BAND + BAND))p" "$WORK/by-age" > "$WORK/band"
    next_band=$((next_band + 1))
    env PATH_TEMPLATE="$TEMPLATE" IDS_FILE="$WORK/band" SEQUENTIAL=1 THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"$1" \
      -s bench/paths.lua "http://127.0.0.1:$2" | awk '/Requests\/sec/ {print $2}'
    return
  fi
  env PATH_TEMPLATE="$TEMPLATE" IDS="$(cat "$WORK/ids")" wrk -t2 -c"$CONNECTIONS" -d"$1" -s bench/paths.lua "http://127.0.0.1:$2" \
    | awk '/Requests\/sec/ {print $2}'
}
sleep "${SETTLE:-0}" # the index's merge once quiet (30 s after the build), which would fall on one side
for p in $A_PORT $B_PORT; do measure 5s "$p" >/dev/null; done
: > "$WORK/rates"
for round in $(seq 1 "$ROUNDS"); do
  for p in $A_PORT $B_PORT $B_PORT $A_PORT; do
    r=$(measure "$DURATION" "$p")
    name=$([ "$p" = "$A_PORT" ] && echo A || echo B)
    echo "round $round $name $r" | tee -a "$WORK/rates"
  done
done
echo "A: $A_DIR at $(git -C "$A_DIR" rev-parse --short HEAD); B: $B_DIR at $(git -C "$B_DIR" rev-parse --short HEAD); case $CASE"
python3 - "$WORK/rates" <<'PY'
import statistics, sys
rates = {"A": [], "B": []}
for line in open(sys.argv[1]):
    _, _, name, rate = line.split()
    rates[name].append(float(rate))
a, b = statistics.median(rates["A"]), statistics.median(rates["B"])
print(f"median req/s: A {a:.0f}, B {b:.0f}; B/A {b / a:.2f}")
PY
