#!/usr/bin/env bash
# Reads while the background works (not a test): the packaged jar with the Dockerfile's JAVA_OPTS on a copy of a
# kept database (BENCH_PGDATA, filled by bench/suite.sh). For each value of CORES (CONTENT_BACKGROUND_CORES; "2" on
# two cores is no budget at all), on a fresh copy:
# 1. idle: GET /q/health/live and GET /articles/{id} (warm: 2,000 articles read before) with wrk;
# 2. an import of IMPORT_ARTICLES new articles, then, while their embeddings (and related lists, renders) are being
#    computed, the same two cases again; with the articles embedded a second during those reads.
# Usage: BENCH_PGDATA=/path/to/kept/data bench/background-reads.sh [corpus.jsonl]
# Env: CORES ("1 2"), IMPORT_ARTICLES (20000), CONNECTIONS (32), DURATION (10s), WARM_UP (20, seconds), SKIP_BUILD (0)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
[ -f "${BENCH_PGDATA:-}/PG_VERSION" ] || { echo "BENCH_PGDATA must name a data directory filled by bench/suite.sh"; exit 2; }
PGPORT=${PGPORT:-55475}
APP_PORT=${APP_PORT:-8224}
CORES=${CORES:-"1 2"}
IMPORT_ARTICLES=${IMPORT_ARTICLES:-20000}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
KEPT=$BENCH_PGDATA
unset BENCH_PGDATA
source bench/lib.sh
keep_results background-reads
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
BASE="http://127.0.0.1:$APP_PORT"
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
build_jar
python3 bench/import-lines.py --source "$SOURCE" --articles "$IMPORT_ARTICLES" | sed 's/"gen-/"bg-'"$$"'-/g' > "$WORK/import.ndjson"
cat > "$WORK/live.lua" <<'LUA'
request = function() return wrk.format("GET", "/q/health/live") end
LUA

full_gcs() { jstat -gcutil "$APP_PID" | awk 'NR == 2 {print $9}'; }
rate() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }
live() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/live.lua" "$MGMT" 2>&1; }
detail() { env PATH_TEMPLATE="/articles/{id}" IDS_FILE="$WORK/warm.ids" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/paths.lua "$BASE" 2>&1; }
embedded() { curl -s "$MGMT/q/metrics" | awk '/^content_background_items_total\{worker="embedder"/ {print $2}' | head -1; }

for cores in $CORES; do
  copy_kept_pgdata "$KEPT"
  start_pg
  "${DB[@]}" -c "SELECT id FROM article WHERE status = 'published' AND published_at <= now() ORDER BY random() LIMIT 2000" > "$WORK/warm.ids"
  : > "$WORK/app.log"
  start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_DEMO_LOAD=false CONTENT_BACKGROUND_CORES="$cores"
  until grep -q "Search index built" "$WORK/app.log"; do sleep 0.5; done
  echo
  echo "== CONTENT_BACKGROUND_CORES=$cores"
  env PATH_TEMPLATE="/articles/{id}" IDS_FILE="$WORK/warm.ids" SEQUENTIAL=1 wrk -t2 -c"$CONNECTIONS" -d5s -s bench/paths.lua "$BASE" >/dev/null 2>&1
  # The JIT warmed on both cases first (WARM_UP, 20 s): with 5 s only, idle rates varied by a third from run to run
  # (their code was still being compiled), and so did every ratio to them.
  warm=${WARM_UP:-20}
  DURATION=$((warm * 3 / 4))s detail >/dev/null; DURATION=$((warm / 4))s live >/dev/null
  idle_live=$(live); idle_detail=$(detail)
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$WORK/import.ndjson" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  while [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -r .status)" = running ]; do sleep 1; done
  echo "import: $(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location" | jq -c '{status, created, failed}')"
  sleep 5 # the embedder has started
  e0=$(embedded); t0=$(date +%s.%N)
  c0=$(jstat -compiler "$APP_PID" | awk 'NR == 2 {print $1, $4}')
  # Where the CPU goes during the reads: the busiest threads over 5 s in the middle of each case (top's second sample).
  duration_s=${DURATION%s}
  sample() { sleep "$1"; top -H -b -d 5 -n 2 -p "$APP_PID" | awk '/^ *PID/ {n++} n == 2' | head -11; }
  (sample 2 > "$WORK/threads-live.txt"; sample $((duration_s - 7 + 2)) > "$WORK/threads-detail.txt") &
  sampler=$!
  g0=$(full_gcs); busy_live=$(live); g1=$(full_gcs); busy_detail=$(detail); g2=$(full_gcs)
  wait "$sampler"
  e1=$(embedded); t1=$(date +%s.%N)
  c1=$(jstat -compiler "$APP_PID" | awk 'NR == 2 {print $1, $4}')
  backlog=$(curl -s "$MGMT/q/metrics" | awk '/^content_background_backlog\{worker="embedder"/ {print $2}' | head -1)
  echo "| case | idle req/s (p99) | while embedding req/s (p99) | ratio |"
  echo "|---|---|---|---|"
  printf '| GET /q/health/live | %s (%s) | %s (%s) | %.2f |\n' "$(rate "$idle_live")" "$(p99 "$idle_live")" "$(rate "$busy_live")" \
    "$(p99 "$busy_live")" "$(echo "$(rate "$busy_live") / $(rate "$idle_live")" | bc -l)"
  printf '| GET /articles/{id}, warm | %s (%s) | %s (%s) | %.2f |\n' "$(rate "$idle_detail")" "$(p99 "$idle_detail")" "$(rate "$busy_detail")" \
    "$(p99 "$busy_detail")" "$(echo "$(rate "$busy_detail") / $(rate "$idle_detail")" | bc -l)"
  printf 'embedding during the reads: %.1f articles a second (%s then %s embedded; %s still queued after)\n' \
    "$(echo "($e1 - $e0) / ($t1 - $t0)" | bc -l)" "$e0" "$e1" "$backlog"
  echo "full collections during the reads: $((g1 - g0)) during live, $((g2 - g1)) during the article reads"
  jstack "$APP_PID" > "$WORK/jstack.txt" 2>/dev/null || true
  for phase in live detail; do
  echo "busiest threads during the $phase reads (top -H, %CPU of one core over 5 s; the Java thread and its top frame by jstack):"
  # The line whose id is the process's is top's sum over all threads (its own /proc task line says it used none).
  awk -v pid="$APP_PID" 'NR > 1 && $1 != pid && $9 + 0 >= 1 {print $1, $9, $12}' "$WORK/threads-$phase.txt" | while read -r tid cpu name; do
    nid=$(printf '0x%x' "$tid")
    java=$(awk -v nid="nid=$nid " 'index($0, nid) {getline frame; sub(/^[ \t]+/, "", frame); print $0 " | " frame; exit}' "$WORK/jstack.txt" \
      | sed -E 's/^"([^"]*)".*\| (.*)$/\1 | \2/')
    printf '  %s %s%% %s\n' "$name" "$cpu" "${java:-(not a Java thread)}"
    if [ -z "$java" ] && [ "${NATIVE_STACKS:-1}" = 1 ]; then
      # A thread the JVM does not list: its native frames (jhsdb pauses the JVM; the reads are over).
      timeout 120 jhsdb jstack --mixed --pid "$APP_PID" 2>/dev/null \
        | awk -v t="$tid" '$0 ~ "^----------------- " t " " {f = 1; next} f && /^-----------------/ {exit} f' \
        | head -12 | sed 's/^/      /'
    fi
  done
  done
  # C2 showed among the busiest threads: how much the JIT compiled during the reads, and how full its code cache is.
  read -r n0 s0 <<<"$c0"; read -r n1 s1 <<<"$c1"
  printf 'JIT during the reads: %d methods compiled in %.1f s of compiler time; code cache: %s\n' "$((n1 - n0))" \
    "$(echo "$s1 - $s0" | bc -l)" "$(jcmd "$APP_PID" Compiler.codecache 2>/dev/null | awk '/size=/ {print; exit}' | sed 's/^ *//')"
  echo "search index segments after: $(curl -s "$MGMT/q/health/ready" | jq -r '.checks[] | select(.name == "search-index") | .data.segments')"
  echo "$(memory_report); full collections: $(jstat -gcutil "$APP_PID" | awk 'NR == 2 {print $9 " (" $10 " s)"}')"
  stop_app
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
done
write_results
