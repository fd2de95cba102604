#!/usr/bin/env bash
# Views benchmark (not a test): the packaged jar on a PostgreSQL server of its own, measured in one run against
# two references on the same machine and database:
#   - GET /q/health/live: the HTTP stack's own ceiling;
#   - pgbench running UPDATE article SET view_count = view_count + 1 on one row: the hot-row ceiling.
# Then exactness: a fixed number of views with ab, a SIGTERM right after, and the stored counts compared.
#
# Usage: bench/views.sh            (as root on Debian; installs wrk, ab and PostgreSQL if missing)
# Env:   DURATION (default 10s), CONNECTIONS (64), EXACT_REQUESTS (100000), ARTICLES (10000)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
EXACT_REQUESTS=${EXACT_REQUESTS:-100000}
ARTICLES=${ARTICLES:-10000}
PGPORT=${PGPORT:-55432}
APP_PORT=${APP_PORT:-8181}

source bench/lib.sh
keep_results views
start_pg
build_jar

# What is measured is counting: no embeddings or related lists compete for the cores meanwhile.
start_app CONTENT_EMBEDDINGS_ENABLED=false CONTENT_RELATED_BACKGROUND=false
"${DB[@]}" -c "INSERT INTO article (slug, title, auto_summary, body, status, published_at)
  SELECT 'bench-' || g, '基准文章 ' || g, '基准摘要。', '基准正文。', 'published', now() - interval '1 day'
  FROM generate_series(1, $ARTICLES) g"
FIRST=$("${DB[@]}" -c "SELECT min(id) FROM article WHERE slug LIKE 'bench-%'")
LAST=$("${DB[@]}" -c "SELECT max(id) FROM article WHERE slug LIKE 'bench-%'")
HOT=$FIRST
PGB_ROW=$LAST
total() { "${DB[@]}" -c "SELECT coalesce(sum(view_count), 0) FROM article WHERE id <> $PGB_ROW"; }
rate() { awk '/Requests\/sec/ {print $2}'; }

# Warm the JIT up on both paths before measuring.
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post-view.lua "http://127.0.0.1:$APP_PORT/articles/$HOT/views" >/dev/null
FIRST=$FIRST LAST=$((LAST - 1)) wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post-view.lua "http://127.0.0.1:$APP_PORT/articles/$HOT/views" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d3s "$MGMT/q/health/live" >/dev/null

LIVE=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$MGMT/q/health/live" | rate)
HOT_OUT=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-view.lua "http://127.0.0.1:$APP_PORT/articles/$HOT/views")
HOT_RATE=$(echo "$HOT_OUT" | rate)
SPREAD_OUT=$(FIRST=$FIRST LAST=$((LAST - 1)) wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-view.lua \
  "http://127.0.0.1:$APP_PORT/articles/$HOT/views")
SPREAD_RATE=$(echo "$SPREAD_OUT" | rate)
for out in "$HOT_OUT" "$SPREAD_OUT"; do
  if echo "$out" | grep -q "Non-2xx"; then echo "errors during load:"; echo "$out"; exit 1; fi
done

echo "UPDATE article SET view_count = view_count + 1 WHERE id = $PGB_ROW;" > "$WORK/hot-row.sql"
PGBENCH=$(pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" \
  -f "$WORK/hot-row.sql" bench 2>/dev/null | awk '/^tps/ {print $3; exit}')

# Exactness: a fixed number of views (ab completes every request), then SIGTERM at once, before the next
# flush: the graceful shutdown must write every pending view.
sleep 2
BEFORE=$(total)
ab -q -k -n "$EXACT_REQUESTS" -c "$CONNECTIONS" -m POST -H "User-Agent: Mozilla/5.0 (bench; views)" \
  "http://127.0.0.1:$APP_PORT/articles/$HOT/views" > "$WORK/ab.txt"
# ab calls an answer whose length differs from the first one's "failed" (Length); a count that gains a digit does.
FAILED=$(awk -F'[:,() ]+' '/\(Connect:/ {print $3 + $5 + $9}' "$WORK/ab.txt"); FAILED=${FAILED:-0}
NON2XX=$(awk '/Non-2xx responses/ {print $3}' "$WORK/ab.txt"); NON2XX=${NON2XX:-0}
stop_app
AFTER=$(total)
grep -q "Final view flush" "$WORK/app.log" || { echo "no final flush in the log"; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
printf '%-44s %12s\n' "case (wrk, $CONNECTIONS connections, $DURATION)" "per second"
printf '%-44s %12.0f\n' "GET /q/health/live (HTTP ceiling)" "$LIVE"
printf '%-44s %12.0f\n' "pgbench hot-row UPDATE (hot-row ceiling)" "$PGBENCH"
printf '%-44s %12.0f   x%s of pgbench, x%s of live\n' "POST views, one hot article" "$HOT_RATE" \
  "$(ratio "$HOT_RATE" "$PGBENCH")" "$(ratio "$HOT_RATE" "$LIVE")"
printf '%-44s %12.0f   x%s of pgbench, x%s of live\n' "POST views, spread over $((LAST - FIRST)) articles" "$SPREAD_RATE" \
  "$(ratio "$SPREAD_RATE" "$PGBENCH")" "$(ratio "$SPREAD_RATE" "$LIVE")"
echo
DELTA=$((AFTER - BEFORE))
if [ "$DELTA" -eq "$EXACT_REQUESTS" ] && [ "$FAILED" -eq 0 ] && [ "$NON2XX" -eq 0 ]; then
  echo "exact: $EXACT_REQUESTS views sent, $DELTA stored after SIGTERM (failed $FAILED, non-2xx $NON2XX)"
else
  echo "NOT EXACT: $EXACT_REQUESTS views sent, $DELTA stored after SIGTERM (failed $FAILED, non-2xx $NON2XX)"
  exit 1
fi
write_results
