#!/usr/bin/env bash
# What metrics cost on the hot routes (not a test). Builds the jar twice: with the Micrometer extension disabled at
# build time (quarkus.micrometer.enabled=false: no HTTP timer, no registry) and as shipped; runs each in turn on
# the same PostgreSQL with the demo content (A B A B), and measures with wrk at 32 connections: a cached article,
# its 304 revalidation and POST views, plus /q/health/live. Prints req/s and the ratio with/without per case.
# Usage: bench/metrics-cost.sh     Env: DURATION (10s), CONNECTIONS (32)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55447}
APP_PORT=${APP_PORT:-8196}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
export MEMORY_LIMIT=
B="http://127.0.0.1:$APP_PORT"
./mvnw -q -B package -DskipTests -Dquarkus.micrometer.enabled=false
cp -r target/quarkus-app "$WORK/without"
./mvnw -q -B package -DskipTests
cp -r target/quarkus-app "$WORK/with"
start_pg
run_variant() { # NAME: start that jar, measure, stop
  local name=$1
  rm -rf target/quarkus-app && cp -r "$WORK/$name" target/quarkus-app
  start_app
  local id etag
  id=$(curl -sf "$B/articles?size=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
  etag=$(curl -sf -D - -o /dev/null "$B/articles/$id" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
  measure() { wrk -t2 -c"$CONNECTIONS" -d"$1" "${@:2}" | awk '/Requests\/sec/ {print $2}'; }
  for warm in 1 2; do # the first pass warms the JIT
    d=$([ "$warm" = 1 ] && echo 5s || echo "$DURATION")
    live=$(measure "$d" "$B/q/health/live")
    detail=$(measure "$d" "$B/articles/$id")
    notmod=$(measure "$d" -H "If-None-Match: $etag" "$B/articles/$id")
    views=$(PATH_TEMPLATE="/articles/{id}/views" METHOD=POST IDS="$id" measure "$d" -s bench/paths.lua "$B")
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$live" "$detail" "$notmod" "$views" >> "$WORK/results.tsv"
  stop_app
}
for round in 1 2; do
  run_variant without
  run_variant with
done
cp -r "$WORK/with/." target/quarkus-app/
echo "variant  live  detail  304  views (req/s, $CONNECTIONS connections, $DURATION each)"
column -t "$WORK/results.tsv"
python3 - "$WORK/results.tsv" <<'PY'
import sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, *values = line.split()
    runs[name].append([float(v) for v in values])
mean = {n: [sum(c) / len(c) for c in zip(*v)] for n, v in runs.items()}
for case, w, wo in zip(["live", "detail", "304", "views"], mean["with"], mean["without"]):
    print(f"{case}: with metrics {w:.0f} req/s, without {wo:.0f}: {w / wo:.2f}x")
PY
