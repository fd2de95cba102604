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
keep_results index-startup
start_pg
build_jar
start_app
"${DB[@]}" -c "WITH demo AS (
    SELECT array_agg(title ORDER BY id) AS titles, array_agg(body ORDER BY id) AS bodies,
           array_agg(department_id ORDER BY id) AS departments, count(*)::int AS n
    FROM article WHERE status = 'published')
  INSERT INTO article (slug, title, auto_summary, body, status, published_at, view_count, department_id)
  SELECT 'gen-' || g, titles[1 + g % n] || ' ' || g, '摘要',
         bodies[1 + g % n] || E'\n\n' || bodies[1 + (g * 7) % n], 'published',
         now() - (g % 700) * interval '1 day', g % 5000, departments[1 + g % n]
  FROM demo, generate_series(1, $ARTICLES) g"
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
write_results
