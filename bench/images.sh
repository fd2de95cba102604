#!/usr/bin/env bash
# Pictures (not a test): the packaged jar with the Dockerfile's JVM options in a 512 MiB memory cgroup, on
# camera-size photos (5120×2880 JPEGs: KDE's wallpapers from Debian's plasma-workspace-wallpapers, and their
# mirror images, so that every upload is a different picture). Measures, in one run:
# - first variants: an 800 px wide WebP (q=75) of each photo, made on its first request, against libvips's
#   vipsthumbnail (Debian's libvips-tools) on the same file in the same run; times, output sizes, and SSIM of
#   ours against vips's, on luminance (bench/ssim.py; Debian's ImageMagick 6 has no SSIM metric);
# - stored variants: wrk on one stored variant against GET /q/health/live on the same jar;
# - concurrency: 8 first variants of 8 different photos at once, 800 px and the whole picture (within 3840 px),
#   with every status, the RSS and the cgroup's peak.
# Writes bench/results/images-latest.md.
#
# Env: BENCH_APP_ENV (more settings of the jar, e.g. CONTENT_FILES_DECODE_OVERSAMPLING=4), ROUNDS (5 photos for first variants), CONNECTIONS (32), DURATION (10s), APP_JAVA_OPTS (the Dockerfile's),
# MEMORY_LIMIT (512M; empty: none), SKIP_BUILD (1: use target/quarkus-app as built)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
PGPORT=${PGPORT:-55436}
APP_PORT=${APP_PORT:-8186}
source bench/lib.sh
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
python3 -c 'import numpy' 2>/dev/null || apt-get install -y -qq python3-numpy >/dev/null
if ! need vipsthumbnail || ! ls /usr/share/wallpapers/*/contents/images/5120x2880.jpg >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libvips-tools plasma-workspace-wallpapers >/dev/null
fi
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' Dockerfile)}
export APP_JAVA_OPTS
export MEMORY_LIMIT=${MEMORY_LIMIT-512M}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
BASE="http://127.0.0.1:$APP_PORT"
keep_results images

# Photos: each wallpaper and its mirror image, re-encoded at quality 92 (a camera's).
mkdir -p "$WORK/photos"
n=0
for source in /usr/share/wallpapers/*/contents/images/5120x2880.jpg; do
  name=$(basename "$(dirname "$(dirname "$(dirname "$source")")")")
  vips copy "$source" "$WORK/photos/$name.jpg[Q=92,strip]"
  vips flip "$source" "$WORK/photos/$name-mirror.jpg[Q=92,strip]" horizontal
  n=$((n + 2))
done
PHOTOS=("$WORK"/photos/*.jpg)
echo "== ${#PHOTOS[@]} photos of $(vipsheader -f width "${PHOTOS[0]}")×$(vipsheader -f height "${PHOTOS[0]}") px, $(du -ch "${PHOTOS[@]}" | tail -n 1 | cut -f1) in all"
[ "${#PHOTOS[@]}" -ge 8 ] || { echo "need 8 photos"; exit 1; }

start_pg
build_jar
start_app CONTENT_ADMIN_TOKEN="$TOKEN" CONTENT_EMBEDDINGS_ENABLED=false CONTENT_RELATED_BACKGROUND=false \
  CONTENT_FILES_DIRECTORY="$WORK/files" ${BENCH_APP_ENV:-}
echo "== jar ready, JVM options \`$APP_JAVA_OPTS\`${MEMORY_LIMIT:+, in a $MEMORY_LIMIT memory cgroup}"

upload() {
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/jpeg' --data-binary "@$1" "$BASE/files" | jq -r .id
}
ms() { date +%s%N; }

echo "== first variants: 800 px wide WebP q=75, ours (HTTP, made on the first request) against vipsthumbnail"
printf '%-28s %9s %9s %9s %9s %7s\n' photo ours_ms vips_ms ours_kB vips_kB SSIM
OURS_TIMES=()
VIPS_TIMES=()
for i in $(seq 0 $((ROUNDS - 1))); do
  photo=${PHOTOS[$((i % ${#PHOTOS[@]}))]}
  id=$(upload "$photo")
  start=$(ms)
  curl -sf -o "$WORK/ours.webp" "$BASE/assets/$id?width=800&format=webp&quality=75"
  ours=$(( ($(ms) - start) / 1000000 ))
  start=$(ms)
  vipsthumbnail "$photo" --size 800x -o "$WORK/vips.webp[Q=75,strip]"
  vips_ms=$(( ($(ms) - start) / 1000000 ))
  for side in ours vips; do
    vips colourspace "$WORK/$side.webp" "$WORK/$side.v" b-w && vips ppmsave "$WORK/$side.v" "$WORK/$side.pgm"
  done
  ssim=$(python3 bench/ssim.py "$WORK/ours.pgm" "$WORK/vips.pgm")
  printf '%-28s %9d %9d %9d %9d %7s\n' "$(basename "$photo")" "$ours" "$vips_ms" $(( $(stat -c %s "$WORK/ours.webp") / 1024 )) \
    $(( $(stat -c %s "$WORK/vips.webp") / 1024 )) "$ssim"
  OURS_TIMES+=("$ours")
  VIPS_TIMES+=("$vips_ms")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: ours $(median "${OURS_TIMES[@]}") ms, vipsthumbnail $(median "${VIPS_TIMES[@]}") ms, ratio $(awk -v a="$(median "${OURS_TIMES[@]}")" -v b="$(median "${VIPS_TIMES[@]}")" 'BEGIN {printf "%.2f", a / b}')"
echo "($(vips --version); vipsthumbnail's time includes its process start; ours includes HTTP, reading the original and storing the variant)"

echo "== stored variants: wrk -c$CONNECTIONS -d$DURATION, one stored variant, against /q/health/live"
id=$(upload "${PHOTOS[0]}")
curl -sf -o /dev/null "$BASE/assets/$id?width=800&format=webp"
wrk -t2 -c"$CONNECTIONS" -d3s "$BASE/assets/$id?width=800&format=webp" >/dev/null
live=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$MGMT/q/health/live" | awk '/Requests\/sec/ {print $2}')
stored=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/assets/$id?width=800&format=webp" | tee "$WORK/wrk.txt" | awk '/Requests\/sec/ {print $2}')
grep -E '^\s+(50|99)%' "$WORK/wrk.txt" | tr -s ' ' | sed 's/^ /latency /'
echo "stored variant $stored req/s, /q/health/live $live req/s: ratio $(awk -v a="$stored" -v b="$live" 'BEGIN {printf "%.2f", a / b}')"

concurrent() {
  local query=$1 label=$2
  local ids=()
  for i in 0 1 2 3 4 5 6 7; do ids+=("$(upload "${PHOTOS[$(( (i + 3) % ${#PHOTOS[@]} ))]}")"); done
  local start
  start=$(ms)
  local pids=()
  for id in "${ids[@]}"; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}s\n' "$BASE/assets/$id?$query" > "$WORK/c-$id.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
  echo "$label: all 8 answered in $(( ($(ms) - start) / 1000000 )) ms; statuses and times: $(cat "$WORK"/c-*.txt | sort | tr '\n' ' ')"
  rm -f "$WORK"/c-*.txt
  echo "  $(memory_report)"
}
echo "== concurrency: 8 first variants of 8 different photos at once"
concurrent "width=800&format=webp" "800 px WebP"
concurrent "format=jpeg" "whole picture (within 3840 px) JPEG"
kill -0 "$APP_PID" && echo "the jar is still running" || echo "the jar is gone"
write_results
