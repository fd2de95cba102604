#!/usr/bin/env bash
# Startup with a large content base (not a test): loads N articles (default 100,000, realistic Chinese text made
# from the demo bodies) into a PostgreSQL of its own, restarts the packaged jar, and reports how soon it is ready
# and serving, how long the search index takes to build in the background, and the heap it uses.
#
# Usage: bench/index-startup.sh      Env: ARTICLES (100000)
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
PGPORT=${PGPORT:-55433}
APP_PORT=${APP_PORT:-8182}
source bench/lib.sh
start_pg
build_jar
start_app
"${DB[@]}" -c "INSERT INTO article (slug, title, auto_summary, body, status, published_at, view_count, department_id)
  SELECT 'gen-' || g, d.title || ' ' || g, '摘要', d.body || E'\n\n' || e.body, 'published',
         now() - (g % 700) * interval '1 day', g % 5000, d.department_id
  FROM generate_series(1, $ARTICLES) g
  JOIN LATERAL (SELECT title, body, department_id FROM article WHERE slug NOT LIKE 'gen-%' AND status = 'published'
                ORDER BY id OFFSET (g % 24) LIMIT 1) d ON true
  JOIN LATERAL (SELECT body FROM article WHERE slug NOT LIKE 'gen-%' AND status = 'published'
                ORDER BY id OFFSET ((g * 7) % 24) LIMIT 1) e ON true"
echo "articles: $("${DB[@]}" -c "SELECT count(*) FROM article")"
stop_app
: > "$WORK/app.log"
started=$(date +%s%N)
start_app
ready=$(( ($(date +%s%N) - started) / 1000000 ))
for _ in $(seq 1 600); do
  grep -q "Search index built" "$WORK/app.log" && break
  sleep 0.5
done
built=$(( ($(date +%s%N) - started) / 1000000 ))
curl -s -o /dev/null -w "GET /articles while building or after: %{http_code} in %{time_total}s\n" "http://127.0.0.1:$APP_PORT/articles?size=1"
echo "ready (readiness UP) after ${ready} ms; $(grep -o 'Search index built.*' "$WORK/app.log"); all done ${built} ms after start"
jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
sleep 1
echo "heap after GC: $(jcmd "$APP_PID" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}')"
echo "RSS: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MiB"
