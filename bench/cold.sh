#!/usr/bin/env bash
# Cold reads only, quickly (not a test): the packaged jar on a database kept by bench/suite.sh (BENCH_PGDATA, which
# must exist), in a memory cgroup (MEMORY_LIMIT, default 768M), with the Dockerfile's JAVA_OPTS. After the search
# index is built and the JIT warmed on other ids, it asks for articles and related lists never asked for before
# (the oldest public articles, each id once, 20,000 a band; detail and related on bands of their own), beside
# /q/health/live before and after. Prints req/s, p50 and p99 of each band. The suite measures the same cases among
# all the others; this one takes two minutes instead of twenty. Then, beside them, warm reads of ids just read.
# Writes its table to RESULTS (bench/results/cold-latest.md).
#
# Usage: BENCH_PGDATA=/path/to/kept/data bench/cold.sh
# Env: ROUNDS (2), BAND (20000 ids; the database needs (2 + 2 * ROUNDS) * BAND public articles), SKIP_BUILD (0),
#   BAND_SECONDS (2: the longest a band runs; a longer one lets a first run render and keep every list of its bands,
#   so that a second run on the same database reads related lists rendered before, as a restarted instance does)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${BENCH_PGDATA:-}/PG_VERSION" ] || { echo "BENCH_PGDATA must name a data directory filled by bench/suite.sh"; exit 2; }
PGPORT=${PGPORT:-55445}
APP_PORT=${APP_PORT:-8194}
source bench/lib.sh
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS MEMORY_LIMIT=${MEMORY_LIMIT-768M} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
B="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
# The background renders and related lists barely run, and articles left unembedded (an import case's) are not
# embedded meanwhile: what is measured is the read path alone.
start_app CONTENT_CACHE_RENDER_DUTY=0.01 CONTENT_RELATED_DUTY=0.01 CONTENT_EMBEDDINGS_BACKGROUND=false
for _ in $(seq 1 600); do
  grep -q "Article cache warm" "$WORK/app.log" && grep -q "Search index built" "$WORK/app.log" && break
  sleep 1
done
sleep 20 # the index's last merges
ROUNDS=${ROUNDS:-2}
BAND=${BAND:-20000}
"${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now()
  ORDER BY published_at, id LIMIT $(( (2 + 2 * ROUNDS) * BAND ))" > "$WORK/by-age.txt"
band() { sed -n "$(($1 * BAND + 1)),$(($1 * BAND + BAND))p" "$WORK/by-age.txt" > "$WORK/band.txt"; }
once() { # PATH_TEMPLATE DURATION: each id of the band once
  env PATH_TEMPLATE="$1" IDS_FILE="$WORK/band.txt" SEQUENTIAL=1 THREADS=2 wrk -t2 -c32 -d"$2" --latency -s bench/paths.lua "$B"
}
live() { wrk -t2 -c32 -d5s "$MGMT/q/health/live" | awk '/Requests\/sec/ {print $2}'; }
echo "== JIT warm-up on other ids"
live >/dev/null
band 0; once "/articles/{id}" 8s >/dev/null
band 1; once "/articles/{id}/related" 5s >/dev/null
LIVE_BEFORE=$(live)
echo "GET /q/health/live: $LIVE_BEFORE req/s"
rows=()
next=2
for _ in $(seq 1 "$ROUNDS"); do
  for path in "/articles/{id}" "/articles/{id}/related"; do
    band "$next"; next=$((next + 1))
    row=$(once "$path" "${BAND_SECONDS:-2}s" | awk -v p="$path" '/Requests\/sec/ {r=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2}
      /Non-2xx/ {bad=$5} /requests in/ {n=$1}
      END {printf "| GET %s, cold | %.0f | %s | %s | %d | %d |", p, r, p50, p99, n, bad}')
    echo "$row"; rows+=("$row")
  done
done
# Warm beside cold: the first 200 ids of each path's last band (read just now, so kept in memory; as many as the
# suite's warm cases, which the caches hold at the shipped heap), asked at random for 5 s.
for path in "/articles/{id}" "/articles/{id}/related"; do
  [ "$path" = "/articles/{id}" ] && last=$((next - 2)) || last=$((next - 1))
  sed -n "$((last * BAND + 1)),$((last * BAND + 200))p" "$WORK/by-age.txt" > "$WORK/warm.txt"
  row=$(env PATH_TEMPLATE="$path" IDS_FILE="$WORK/warm.txt" wrk -t2 -c32 -d5s --latency -s bench/paths.lua "$B" \
    | awk -v p="$path" '/Requests\/sec/ {r=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} /Non-2xx/ {bad=$5} /requests in/ {n=$1}
      END {printf "| GET %s, warm (200 ids of its last band, at random) | %.0f | %s | %s | %d | %d |", p, r, p50, p99, n, bad}')
  echo "$row"; rows+=("$row")
done
LIVE_AFTER=$(live)
echo "GET /q/health/live: $LIVE_AFTER req/s"
MEMORY=$(memory_report)
PUBLIC=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published'")
RESULTS=${RESULTS:-bench/results/cold-latest.md}
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Cold reads: latest run"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores;"
  echo "$PUBLIC public articles; wrk, 32 connections; each id asked for once (the oldest public articles, $BAND ids a band, at most ${BAND_SECONDS:-2} s a band), after a JIT warm-up on other ids;"
  echo "JVM options \`$APP_JAVA_OPTS\`${MEMORY_LIMIT:+, in a $MEMORY_LIMIT memory cgroup}. Reproduce: \`BENCH_PGDATA=... bash bench/cold.sh\`."
  echo
  echo "| case | req/s | p50 | p99 | requests (cold: each a new id) | non-2xx/3xx |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "GET /q/health/live on the same server: $LIVE_BEFORE req/s before the cold bands, $LIVE_AFTER after. Memory after the run: $MEMORY."
} > "$RESULTS"
echo
cat "$RESULTS"
