#!/usr/bin/env bash
# What metrics cost on the hot routes (not a test). Builds the jar with the Micrometer extension left out at build
# time (quarkus.micrometer.enabled=false: no HTTP timer, no registry) and as shipped, and, with COMPARE_REF=<git ref>,
# that ref too. All of them run at once on the same PostgreSQL with the demo content, each on its own port, and are
# measured in turn, a few seconds each, round after round, in a rotating order: a shared machine's speed drifts by
# tens of percent within minutes, so each variant is compared with the jar without metrics measured in the same round,
# and the median of those ratios is reported. Cases: /q/health/live (not timed), a cached article, its 304
# revalidation and POST views, with wrk at 32 connections. Writes the table to bench/results/metrics-cost-latest.md.
# Usage: bench/metrics-cost.sh     Env: ROUNDS (8), DURATION (5s), CONNECTIONS (32), COMPARE_REF (none)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55447}
APP_PORT=${APP_PORT:-8196}
ROUNDS=${ROUNDS:-8}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
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

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; cleanup' EXIT
declare -A PORT
port=$APP_PORT
for name in "${VARIANTS[@]}"; do # one after the other: the first loads the demo content
  PORT[$name]=$port
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=$port CONTENT_DEMO_LOAD=true CONTENT_RATE_LIMIT_ENABLED=false \
    java ${APP_JAVA_OPTS:-} -jar "$WORK/$name/quarkus-run.jar" >>"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "$name did not start"; cat "$WORK/$name.log"; exit 1; }
  port=$((port + 1))
done
B0="http://127.0.0.1:$APP_PORT"
ID=$(curl -sf "$B0/articles?size=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
ETAG=$(curl -sf -D - -o /dev/null "$B0/articles/$ID" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
measure() { # DURATION CASE BASE
  local b=$3
  case $2 in
    live) wrk -t2 -c"$CONNECTIONS" -d"$1" "$b/q/health/live" ;;
    detail) wrk -t2 -c"$CONNECTIONS" -d"$1" "$b/articles/$ID" ;;
    notmod) wrk -t2 -c"$CONNECTIONS" -d"$1" -H "If-None-Match: $ETAG" "$b/articles/$ID" ;;
    views) PATH_TEMPLATE="/articles/{id}/views" METHOD=POST IDS="$ID" wrk -t2 -c"$CONNECTIONS" -d"$1" -s bench/paths.lua "$b" ;;
  esac | awk '/Requests\/sec/ {print $2}'
}
CASES=(live detail notmod views)
echo "== JIT warm-up"
for name in "${VARIANTS[@]}"; do
  for c in "${CASES[@]}"; do measure 3s "$c" "http://127.0.0.1:${PORT[$name]}" >/dev/null; done
done
: > "$WORK/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for c in "${CASES[@]}"; do
    n=${#VARIANTS[@]}
    for i in $(seq 0 $((n - 1))); do # rotate the order from round to round
      name=${VARIANTS[$(((i + round) % n))]}
      printf '%s\t%s\t%s\t%s\n' "$round" "$c" "$name" "$(measure "$DURATION" "$c" "http://127.0.0.1:${PORT[$name]}")" \
        | tee -a "$WORK/results.tsv"
    done
  done
done
mkdir -p bench/results
python3 - "$WORK/results.tsv" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(git rev-parse --short HEAD)" "${VARIANTS[@]}" <<'PY' | tee bench/results/metrics-cost-latest.md
import collections, datetime, statistics, sys
path, connections, duration, rounds, head, *names = sys.argv[1:]
rate = collections.defaultdict(dict)  # (round, case) -> variant -> req/s
for line in open(path):
    r, case, name, value = line.split()
    rate[(r, case)][name] = float(value)
labels = {"live": "GET /q/health/live (not timed)", "detail": "GET /articles/{id}, cached",
          "notmod": "GET /articles/{id}, 304", "views": "POST /articles/{id}/views"}
others = [n for n in names if n != "without"]
print("# What metrics cost: latest run\n")
print(f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, at {head}; every variant running at once on the same "
      f"PostgreSQL with the demo content, measured in turn with wrk ({connections} connections, {duration} each) for "
      f"{rounds} rounds in a rotating order. Ratio: the variant's req/s over that of the jar without metrics in the same "
      f"round; median of the rounds, with the lowest and highest. Reproduce: `bash bench/metrics-cost.sh`.\n")
print("| case | median req/s without | " + " | ".join(f"{n} / without: median (range)" for n in others) + " |")
print("|---|---|" + "---|" * len(others))
for case, label in labels.items():
    keys = [k for k in rate if k[1] == case]
    base = statistics.median(rate[k]["without"] for k in keys)
    cells = []
    for n in others:
        ratios = sorted(rate[k][n] / rate[k]["without"] for k in keys)
        cells.append(f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}–{ratios[-1]:.2f})")
    print(f"| {label} | {base:.0f} | " + " | ".join(cells) + " |")
PY
