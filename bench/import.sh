#!/usr/bin/env bash
# Bulk import throughput (not a test): starts the packaged jar (heap capped, to show that memory stays bounded)
# against a PostgreSQL of its own, imports the development set and then N generated articles through POST /import,
# runs the big file again (everything unchanged), and reports lines/s, the server's peak RSS and its heap.
#
# Usage: bench/import.sh [path/to/toyhom-neike-sample.jsonl]     Env: ARTICLES (100000), HEAP (256m)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/data/toyhom-neike-sample.jsonl}
ARTICLES=${ARTICLES:-100000}
HEAP=${HEAP:-256m}
PGPORT=${PGPORT:-55434}
APP_PORT=${APP_PORT:-8183}
source bench/lib.sh
keep_results import
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
start_pg
build_jar
start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_DEMO_LOAD=false JAVA_TOOL_OPTIONS="-Xmx$HEAP"
BASE="http://127.0.0.1:$APP_PORT"

peak_rss=0
sample_rss() {
  local rss
  rss=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
  [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
  return 0
}

# Imports a file and waits for the job; prints "lines seconds lines/s created updated unchanged failed".
run_import() {
  local file=$1 started location status
  started=$(date +%s%N)
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$file" "$BASE/import" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  while :; do
    sample_rss
    status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$location")
    [ "$(jq -r .status <<<"$status")" != running ] && break
    sleep 0.5
  done
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  jq -r --argjson ms "$ms" '"\(.status): \(.linesRead) lines in \($ms / 1000) s = \((.linesRead * 1000 / $ms) | floor) lines/s; created \(.created), updated \(.updated), unchanged \(.unchanged), failed \(.failed)"' <<<"$status"
  [ "$(jq -r .failed <<<"$status")" = 0 ] || jq -c '.errors[:5]' <<<"$status"
}

need jq || { apt-get install -y -qq jq >/dev/null; }
python3 bench/import-lines.py --source "$SOURCE" > "$WORK/dev.ndjson"
python3 bench/import-lines.py --source "$SOURCE" --articles "$ARTICLES" | sed 's/"gen-/"big-/g' > "$WORK/big.ndjson"
echo "== development set: $(wc -l < "$WORK/dev.ndjson") lines, $(du -h "$WORK/dev.ndjson" | cut -f1)"
run_import "$WORK/dev.ndjson"
echo "== generated: $(wc -l < "$WORK/big.ndjson") lines, $(du -h "$WORK/big.ndjson" | cut -f1)"
run_import "$WORK/big.ndjson"
echo "== generated again (idempotent: nothing changes)"
run_import "$WORK/big.ndjson"
echo "articles stored: $("${DB[@]}" -c "SELECT count(*) FROM article")"
echo "server heap cap: $HEAP; peak RSS during the imports: $((peak_rss / 1024)) MiB"
jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
echo "heap after GC: $(jcmd "$APP_PID" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}')"
write_results
