#!/usr/bin/env bash
# What metrics cost on the hot routes (not a test). Builds the jar with the Micrometer extension left out at build
# time (quarkus.micrometer.enabled=false: no HTTP timer, no registry) and as shipped, and, with COMPARE_REF=<git ref>,
# that ref too; runs each in turn on the same PostgreSQL with the demo content (A B A B), and measures with wrk at
# 32 connections: /q/health/live, a cached article, its 304 revalidation and POST views. Prints req/s and the ratio
# of each variant to the one without metrics, and writes the table to bench/results/metrics-cost-latest.md.
# Usage: bench/metrics-cost.sh     Env: DURATION (10s), CONNECTIONS (32), COMPARE_REF (none)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55447}
APP_PORT=${APP_PORT:-8196}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
export MEMORY_LIMIT=
B="http://127.0.0.1:$APP_PORT"
VARIANTS=(without shipped)
./mvnw -q -B package -DskipTests -Dquarkus.micrometer.enabled=false
cp -r target/quarkus-app "$WORK/without"
./mvnw -q -B package -DskipTests
cp -r target/quarkus-app "$WORK/shipped"
if [ -n "${COMPARE_REF:-}" ]; then
  REF_NAME="at-$(git rev-parse --short "$COMPARE_REF")"
  git worktree add -q --detach "$WORK/ref" "$COMPARE_REF"
  (cd "$WORK/ref" && ./mvnw -q -B package -DskipTests)
  cp -r "$WORK/ref/target/quarkus-app" "$WORK/$REF_NAME"
  git worktree remove --force "$WORK/ref"
  VARIANTS+=("$REF_NAME")
fi
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
  for variant in "${VARIANTS[@]}"; do
    run_variant "$variant"
  done
done
cp -r "$WORK/shipped/." target/quarkus-app/
mkdir -p bench/results
python3 - "$WORK/results.tsv" "$CONNECTIONS" "$DURATION" "$(git rev-parse --short HEAD)" <<'PY' | tee bench/results/metrics-cost-latest.md
import collections, datetime, sys
path, connections, duration, head = sys.argv[1:5]
runs = collections.defaultdict(list)
for line in open(path):
    name, *values = line.split()
    runs[name].append([float(v) for v in values])
mean = {n: [sum(c) / len(c) for c in zip(*v)] for n, v in runs.items()}
cases = ["GET /q/health/live (not timed)", "GET /articles/{id}, cached", "GET /articles/{id}, 304", "POST /articles/{id}/views"]
names = list(runs)
print("# What metrics cost: latest run\n")
print(f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, at {head}; wrk, {connections} connections, {duration} per case "
      f"after a 5 s warm-up; each variant run twice, in turn, on the same PostgreSQL with the demo content; mean req/s "
      f"and the ratio to the jar without metrics. Reproduce: `bash bench/metrics-cost.sh`.\n")
print("| case | " + " | ".join(names) + " | " + " | ".join(f"{n} / without" for n in names if n != "without") + " |")
print("|---" * (2 * len(names)) + "|")
for i, case in enumerate(cases):
    cells = [f"{mean[n][i]:.0f}" for n in names]
    ratios = [f"{mean[n][i] / mean['without'][i]:.2f}x" for n in names if n != "without"]
    print(f"| {case} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
print("\nEach round: " + "; ".join(f"{n} " + ", ".join(f"{v:.0f}" for v in r) for n, rs in runs.items() for r in rs))
PY
