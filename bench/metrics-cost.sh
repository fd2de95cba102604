#!/usr/bin/env bash
# What metrics cost on the hot routes (not a test). Builds the jar with the Micrometer extension left out at build
# time (quarkus.micrometer.enabled=false: no HTTP timer, no registry) and as shipped, and, with COMPARE_REF=<git ref>,
# that ref too. All of them run at once on the same PostgreSQL with the demo content, each on its own port, and are
# measured in turn, a few seconds each, round after round, in a rotating order: a shared machine's speed drifts by
# tens of percent within minutes, so each variant is compared with the jar without metrics measured in the same round,
# and the median of those ratios is reported. A JVM also keeps its own speed for its lifetime (its JIT's choices,
# where its threads landed): every variant is restarted GENERATIONS times, in a rotating order. Beside throughput,
# the JVM's CPU time per request (from /proc, all threads) is compared, which the machine's drift moves less.
# Cases: /q/health/live, a cached article, its 304 revalidation, the first page, a related list and POST views, with
# wrk at 32 connections (CASES to choose). Writes the table to bench/results/metrics-cost-latest.md.
# A COMPARE_REF older than the schema runs on it too (its Flyway ignores the migrations it does not know).
# Usage: bench/metrics-cost.sh     Env: GENERATIONS (3), ROUNDS (3 per generation), DURATION (5s), CONNECTIONS (32),
# COMPARE_REF (none), SKIP_BUILD (0: with 1, the jars of the last run in target/metrics-cost/)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55447}
APP_PORT=${APP_PORT:-8196}
GENERATIONS=${GENERATIONS:-3}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
VARIANTS=(without shipped)
JARS=target/metrics-cost
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  rm -rf "$JARS" && mkdir -p "$JARS"
  ./mvnw -q -B package -DskipTests -Dquarkus.micrometer.enabled=false
  cp -r target/quarkus-app "$JARS/without"
  ./mvnw -q -B package -DskipTests
  cp -r target/quarkus-app "$JARS/shipped"
  if [ -n "${COMPARE_REF:-}" ]; then
    REF_NAME="at-$(git rev-parse --short "$COMPARE_REF")"
    git worktree add -q --detach "$WORK/ref" "$COMPARE_REF"
    (cd "$WORK/ref" && ./mvnw -q -B package -DskipTests)
    cp -r "$WORK/ref/target/quarkus-app" "$JARS/$REF_NAME"
    git worktree remove --force "$WORK/ref"
  fi
fi
for dir in "$JARS"/at-*; do [ -d "$dir" ] && VARIANTS+=("$(basename "$dir")"); done
start_pg

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; cleanup' EXIT
declare -A PORT PID_OF
port=$APP_PORT
for name in "${VARIANTS[@]}"; do PORT[$name]=$port; port=$((port + 1)); done
health_of() { # PORT: where that instance answers /q/health
  if curl -s -o /dev/null "http://127.0.0.1:$(($1 + 100))/q/health/live"; then echo "http://127.0.0.1:$(($1 + 100))"; else echo "http://127.0.0.1:$1"; fi
}
start_one() { # NAME
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=${PORT[$1]} QUARKUS_MANAGEMENT_PORT=$((PORT[$1] + 100)) CONTENT_DEMO_LOAD=true \
    QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future' CONTENT_RATE_LIMIT_ENABLED=false \
    java ${APP_JAVA_OPTS:-} -jar "$JARS/$1/quarkus-run.jar" >>"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$1]=$!
  # Health on the management port (port + 100); jars built before it existed answer it on the main port.
  for _ in $(seq 1 240); do curl -sf "$(health_of "${PORT[$1]}")/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$(health_of "${PORT[$1]}")/q/health/ready" >/dev/null || { echo "$1 did not start"; cat "$WORK/$1.log"; exit 1; }
}
stop_all() {
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  PIDS=()
}
start_all() { # GENERATION: one after the other (the first of all loads the demo content), in a rotating order
  local n=${#VARIANTS[@]}
  for i in $(seq 0 $((n - 1))); do start_one "${VARIANTS[$(((i + $1) % n))]}"; done
}
start_all 0
B0="http://127.0.0.1:$APP_PORT"
ID=$(curl -sf "$B0/articles?size=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
ETAG=$(curl -sf -D - -o /dev/null "$B0/articles/$ID" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
measure() { # DURATION CASE BASE: prints req/s
  local b=$3
  case $2 in
    live) wrk -t2 -c"$CONNECTIONS" -d"$1" "$(health_of "${b##*:}")/q/health/live" ;;
    detail) wrk -t2 -c"$CONNECTIONS" -d"$1" "$b/articles/$ID" ;;
    notmod) wrk -t2 -c"$CONNECTIONS" -d"$1" -H "If-None-Match: $ETAG" "$b/articles/$ID" ;;
    views) PATH_TEMPLATE="/articles/{id}/views" METHOD=POST IDS="$ID" wrk -t2 -c"$CONNECTIONS" -d"$1" -s bench/paths.lua "$b" ;;
    page) wrk -t2 -c"$CONNECTIONS" -d"$1" "$b/articles" ;;
    related) wrk -t2 -c"$CONNECTIONS" -d"$1" "$b/articles/$ID/related" ;;
  esac > "$WORK/wrk.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user and system time of the JVM, all threads, GC and JIT included
# measure_cpu DURATION CASE NAME: req/s, and the JVM's CPU microseconds per request (what drift and steal move least)
measure_cpu() {
  local before after rate requests
  before=$(cpu_ticks "${PID_OF[$3]}")
  rate=$(measure "$1" "$2" "http://127.0.0.1:${PORT[$3]}")
  after=$(cpu_ticks "${PID_OF[$3]}")
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  awk -v r="$rate" -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%s\t%.2f", r, t * 1e6 / hz / n }'
}
CASES=(${CASES:-live detail notmod page related views})
: > "$WORK/results.tsv"
round=0
for generation in $(seq 1 "$GENERATIONS"); do
  if [ "$generation" -gt 1 ]; then
    stop_all
    start_all "$generation"
  fi
  echo "== generation $generation: JIT warm-up"
  for name in "${VARIANTS[@]}"; do
    for c in "${CASES[@]}"; do measure 3s "$c" "http://127.0.0.1:${PORT[$name]}" >/dev/null; done
  done
  for _ in $(seq 1 "$ROUNDS"); do
    round=$((round + 1))
    for c in "${CASES[@]}"; do
      n=${#VARIANTS[@]}
      for i in $(seq 0 $((n - 1))); do # rotate the order from round to round
        name=${VARIANTS[$(((i + round) % n))]}
        printf '%s\t%s\t%s\t%s\n' "$round" "$c" "$name" "$(measure_cpu "$DURATION" "$c" "$name")" \
          | tee -a "$WORK/results.tsv"
      done
    done
  done
done
mkdir -p bench/results
python3 - "$WORK/results.tsv" "$CONNECTIONS" "$DURATION" "$GENERATIONS" "$ROUNDS" "$(git rev-parse --short HEAD)" "${VARIANTS[@]}" <<'PY' | tee bench/results/metrics-cost-latest.md
import collections, datetime, statistics, sys
path, connections, duration, generations, rounds, head, *names = sys.argv[1:]
rate = collections.defaultdict(dict)  # (round, case) -> variant -> req/s
cpu = collections.defaultdict(dict)  # (round, case) -> variant -> CPU microseconds per request
for line in open(path):
    r, case, name, value, micros = line.split()
    rate[(r, case)][name] = float(value)
    cpu[(r, case)][name] = float(micros)
labels = {"live": "GET /q/health/live (not timed)", "detail": "GET /articles/{id}, cached",
          "notmod": "GET /articles/{id}, 304", "page": "GET /articles, page 1", "related": "GET /articles/{id}/related",
          "views": "POST /articles/{id}/views"}
others = [n for n in names if n != "without"]
print("# What metrics cost: latest run\n")
print(f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, at {head}; every variant running at once on the same "
      f"PostgreSQL with the demo content, started {generations} times (a fresh JVM each), {rounds} rounds each, measured "
      f"in turn with wrk ({connections} connections, {duration} each) in a rotating order. Throughput: the variant's "
      f"req/s over that of the jar without metrics in the same round. CPU: the JVM's user and system time per request "
      f"(all its threads, GC and JIT included) of the jar without metrics over the variant's, so that 1.00x is "
      f"'costs the same' and 0.95x '5 % more CPU per request'. Medians of the rounds, with the lowest and highest. "
      f"Reproduce: `bash bench/metrics-cost.sh`.\n")
print("| case | without: req/s, CPU µs/request | " + " | ".join(f"{n} / without: throughput | {n}: CPU" for n in others) + " |")
print("|---|---|" + "---|---|" * len(others))
for case, label in labels.items():
    keys = [k for k in rate if k[1] == case]
    if not keys:
        continue
    base = statistics.median(rate[k]["without"] for k in keys)
    base_cpu = statistics.median(cpu[k]["without"] for k in keys)
    cells = []
    for n in others:
        ratios = sorted(rate[k][n] / rate[k]["without"] for k in keys)
        costs = sorted(cpu[k]["without"] / cpu[k][n] for k in keys)
        cells.append(f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}–{ratios[-1]:.2f}) | "
                     f"{statistics.median(costs):.2f}x ({costs[0]:.2f}–{costs[-1]:.2f})")
    print(f"| {label} | {base:.0f}, {base_cpu:.1f} | " + " | ".join(cells) + " |")
refs = [n for n in names if n.startswith("at-")]
if refs:
    # The change itself: this tree against the ref, both with metrics, measured in the same rounds.
    print(f"\nThis tree (shipped) against {', '.join(refs)}: throughput shipped / ref, CPU per request ref / shipped; medians "
          "of the rounds, lowest and highest.\n")
    print("| case | " + " | ".join(f"shipped / {r}: throughput | CPU" for r in refs) + " |")
    print("|---|" + "---|---|" * len(refs))
    for case, label in labels.items():
        keys = [k for k in rate if k[1] == case]
        if not keys:
            continue
        cells = []
        for r in refs:
            ratios = sorted(rate[k]["shipped"] / rate[k][r] for k in keys)
            costs = sorted(cpu[k][r] / cpu[k]["shipped"] for k in keys)
            cells.append(f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}–{ratios[-1]:.2f}) | "
                         f"{statistics.median(costs):.2f}x ({costs[0]:.2f}–{costs[-1]:.2f})")
        print(f"| {label} | " + " | ".join(cells) + " |")
PY
