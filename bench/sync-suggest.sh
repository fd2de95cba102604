#!/usr/bin/env bash
# Offline sync and suggestions (not a test): the packaged jar on a copy of a database kept by bench/suite.sh
# (BENCH_PGDATA; copied, since starting migrates it), measured through HTTP in one run:
# - sync: an app's initial sync (GET /sync, limit 1000, every page in turn), entries with their whole documents
#   per second, beside cursor-paging the article cards (GET /articles?cursor=&limit=100) the same way; each
#   twice: first cold (nothing of the articles in the read cache, renders as kept), then again;
# - suggest: wrk at CONNECTIONS over many different prefixes (the first 1 to 3 characters of titles and names,
#   and pinyin prefixes of names, full and by initials), beside GET /q/health/live in the same run.
# Usage: BENCH_PGDATA=/path/to/kept/data bench/sync-suggest.sh
# Env: CONNECTIONS (32), DURATION (10s), SKIP_BUILD (0), PREFIXES (1500; they travel in one environment variable)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${BENCH_PGDATA:-}/PG_VERSION" ] || { echo "BENCH_PGDATA must name a data directory filled by bench/suite.sh"; exit 2; }
PGPORT=${PGPORT:-55455}
APP_PORT=${APP_PORT:-8204}
KEPT=$BENCH_PGDATA
unset BENCH_PGDATA
source bench/lib.sh
copy_kept_pgdata "$KEPT"
keep_results sync-suggest
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS MEMORY_LIMIT=${MEMORY_LIMIT-768M} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
B="http://127.0.0.1:$APP_PORT"
start_pg
build_jar
# The read cache is not warmed, and background work barely runs: what is measured is the read path alone.
start_app CONTENT_CACHE_ARTICLE_WARM=false CONTENT_CACHE_RENDER_DUTY=0.01 CONTENT_RELATED_DUTY=0.01 \
  CONTENT_EMBEDDINGS_BACKGROUND=false
for _ in $(seq 1 600); do grep -q "Search index built" "$WORK/app.log" && break; sleep 1; done
PUBLIC=$("${DB[@]}" -c "SELECT count(*) FROM article WHERE status = 'published' AND published_at <= now()")
echo "== $PUBLIC public articles; $(nproc) cores"

# walk KIND: pages through an initial sync or the article cards with curl, one request after the other, as an
# app does; prints items, pages, seconds, items/s and MB.
walk() {
  python3 - "$B" "$1" <<'PY'
import json, sys, time, urllib.request, urllib.parse
base, kind = sys.argv[1], sys.argv[2]
items = pages = size = 0
token = None
started = time.monotonic()
while True:
    if kind == "sync":
        url = base + "/sync?limit=1000" + ("&token=" + urllib.parse.quote(token) if token else "")
    else:
        url = base + "/articles?limit=100&cursor=" + urllib.parse.quote(token or "")
    body = urllib.request.urlopen(url, timeout=60).read()
    size += len(body)
    page = json.loads(body)
    pages += 1
    if kind == "sync":
        items += len(page["entries"])
        token = page["nextPageToken"]
    else:
        items += len(page["items"])
        token = page.get("nextCursor")
    if not token:
        break
took = time.monotonic() - started
print(f"{items} {pages} {took:.1f} {items / took:.0f} {size / 1e6:.0f}")
PY
}
row() { # LABEL KIND
  read -r items pages took rate mb < <(walk "$2")
  echo "| $1 | $items | $pages | $took | $rate | $mb |" | tee -a "$WORK/sync-rows.txt"
  echo "$rate" > "$WORK/rate-$2-$3"
}
if [ "${SKIP_SYNC:-0}" != 1 ]; then
echo
echo "| case | items | pages | seconds | items/s | MB |"
echo "|---|---|---|---|---|---|"
row "initial sync, every kind, whole documents: first (renders of an older format: each rendered and kept on the way)" sync 1
row "article cards, cursor pages of 100: first" cards 1
row "initial sync: again (renders kept, read cache cold: a restart's state)" sync 2
row "article cards: again" cards 2
echo
echo "Ratio sync/cards: first $(awk "BEGIN {printf \"%.2f\", $(cat "$WORK/rate-sync-1") / $(cat "$WORK/rate-cards-1")}")," \
  "again $(awk "BEGIN {printf \"%.2f\", $(cat "$WORK/rate-sync-2") / $(cat "$WORK/rate-cards-2")}") (target >= 0.5)"
fi

echo
echo "== suggestions over many prefixes, $CONNECTIONS connections"
# Many different prefixes: titles' and names' first 1 to 3 characters, and pinyin prefixes of names.
"${DB[@]}" -c "SELECT DISTINCT left(title, n) FROM article, generate_series(1, 3) n WHERE status = 'published'
  UNION SELECT DISTINCT left(name, n) FROM disease, generate_series(1, 3) n
  UNION SELECT DISTINCT left(name, n) FROM doctor, generate_series(1, 2) n" | shuf -n "${PREFIXES:-1500}" --random-source=<(yes) > "$WORK/prefixes.txt"
for s in miant mt mian toutong tt wjg wang pianz pt shenj sj xinz yan er zh b x g; do echo "$s"; done >> "$WORK/prefixes.txt"
echo "$(wc -l < "$WORK/prefixes.txt") distinct prefixes"
# Raw, comma-separated (bench/paths.lua encodes each term it picks).
grep -v ',' "$WORK/prefixes.txt" | grep -v '^$' | paste -sd, > "$WORK/terms.txt"
sleep 5 # the suggestion index's first build
live() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$MGMT/q/health/live" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {p99=$2} END {printf "%.0f %s\n", r, p99}'; }
suggest() { env PATH_TEMPLATE="/suggest?q={q}" TERMS="$(cat "$WORK/terms.txt")" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/paths.lua "$B" \
  | tee -a "$WORK/wrk-suggest.txt" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {p99=$2} /Non-2xx/ {bad=$5} END {printf "%.0f %s %d\n", r, p99, bad}'; }
suggest >/dev/null || { echo "wrk failed:"; cat "$WORK/wrk-suggest.txt"; exit 1; } # JIT warm-up, the answers' first computation
read -r LIVE LIVE_P99 < <(live)
read -r SUGGEST SUGGEST_P99 BAD < <(suggest)
read -r LIVE2 LIVE2_P99 < <(live)
echo "| case | req/s | p99 | ratio to /q/health/live |"
echo "|---|---|---|---|"
echo "| GET /q/health/live | $LIVE | $LIVE_P99 | 1.00 |"
echo "| GET /suggest?q=(one of the prefixes) | $SUGGEST | $SUGGEST_P99 | $(awk "BEGIN {printf \"%.2f\", $SUGGEST / $LIVE}") (non-2xx: $BAD) |"
echo "| GET /q/health/live, after | $LIVE2 | $LIVE2_P99 | $(awk "BEGIN {printf \"%.2f\", $LIVE2 / $LIVE}") |"
echo
echo "Fresh prefixes (none asked before, each once), one connection:"
python3 - "$B" <<'PY'
import sys, time, urllib.request, urllib.parse, random
base = sys.argv[1]
random.seed(7)
chars = "面瘫头痛胃肠肝肺肾心脑血骨皮眼耳鼻喉牙腰颈膝糖压炎癌瘤病症疼"
qs = {random.choice(chars) + random.choice(chars) for _ in range(400)}
qs |= {"".join(random.choice("abcdefghjklmnpqrstwxyz") for _ in range(random.randint(2, 5))) for _ in range(400)}
took = []
for q in qs:
    started = time.perf_counter()
    urllib.request.urlopen(base + "/suggest?q=" + urllib.parse.quote(q), timeout=10).read()
    took.append((time.perf_counter() - started) * 1000)
took.sort()
print(f"{len(took)} queries: p50 {took[len(took) // 2]:.2f} ms, p99 {took[int(len(took) * 0.99)]:.2f} ms, max {took[-1]:.2f} ms")
PY
echo
echo "$(memory_report)"
write_results
