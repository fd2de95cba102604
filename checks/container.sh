#!/usr/bin/env bash
# The image, built from the Dockerfile and run as production runs it. No Docker engine and no registry here:
# Debian's podman and buildah, on stand-ins for the eclipse-temurin base images that
# ../shared/tools/container/standin-images.sh makes from Debian packages (once per machine, under target/container;
# CONTAINER_STANDINS points elsewhere). The container runs against a PostgreSQL server of its own on loopback, in a
# 512 MiB memory limit, with the ports moved off their defaults so that the HEALTHCHECK must follow
# QUARKUS_MANAGEMENT_PORT. Checked: readiness, the user the process runs as, the declared HEALTHCHECK, a question
# asked in natural language, memory within the limit, and a clean stop on SIGTERM. Run as root from the project root.
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55480} APP_PORT=${APP_PORT:-8195}
source bench/lib.sh
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
STANDINS=${CONTAINER_STANDINS:-../shared/tools/container/standin-images.sh}
W=target/container
NAME=content-api-check
IMAGE=content-api:ci
started=$(date +%s)

if [ ! -f "$W/env.sh" ]; then
  [ -x "$STANDINS" ] || [ -f "$STANDINS" ] || { echo "container: no stand-in script at $STANDINS"; exit 1; }
  bash "$STANDINS" "$W"
fi
# shellcheck disable=SC1091
source "$W/env.sh"
podman image exists docker.io/library/eclipse-temurin:17-jre || bash "$STANDINS" "$W"
# --format docker keeps the HEALTHCHECK (OCI drops it); --network host: the build stage reaches Maven Central.
podman build -q --format docker --network host -t "$IMAGE" . >/dev/null
echo "container: image built in $(( $(date +%s) - started )) s"

start_pg
"${DB[@]}" -c "SELECT 1" >/dev/null
TOKEN=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)
podman rm -f "$NAME" >/dev/null 2>&1 || true
remove() { podman rm -f "$NAME" >/dev/null 2>&1; cleanup; }
trap remove EXIT
# Without systemd, podman cannot schedule health checks and says so at run and stop: those lines are dropped.
quiet() { "$@" 2> >(grep -v 'systemd connection' >&2); }
quiet podman run -d --name "$NAME" --network host --memory 512m \
  -e QUARKUS_HTTP_PORT="$APP_PORT" -e QUARKUS_MANAGEMENT_PORT="$MGMT_PORT" \
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" \
  -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres \
  -e CONTENT_DEMO_LOAD=true -e CONTENT_ADMIN_TOKEN="$TOKEN" "$IMAGE" >/dev/null
fail() { echo "container: $*"; podman logs --tail 60 "$NAME" 2>&1 | tail -n 60; exit 1; }

run_at=$(date +%s%N)
ready=no
for _ in $(seq 1 240); do
  curl -sf "$MGMT/q/health/ready" >/dev/null 2>&1 && { ready=yes; break; }
  [ "$(podman inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "the container stopped before it was ready"
  sleep 0.5
done
[ "$ready" = yes ] || fail "not ready within 120 s"
echo "container: ready in $(( ($(date +%s%N) - run_at) / 1000000 )) ms"

limit=$(podman inspect -f '{{.HostConfig.Memory}}' "$NAME")
[ "$limit" = 536870912 ] || fail "memory limit is $limit, not 512 MiB"
user=$(podman top "$NAME" user | awk 'NR > 1 {print $1}' | sort -u | paste -sd,)
[ "$user" = app ] || fail "the process runs as '$user', not app"
[ "$(podman exec "$NAME" id -u)" != 0 ] || fail "exec runs as root"
echo "container: runs as $user, memory limit $limit bytes"

# The declared HEALTHCHECK, on the moved management port; and nothing of health on the public port.
podman healthcheck run "$NAME" >/dev/null || fail "HEALTHCHECK failed"
[ "$(podman inspect -f '{{.State.Health.Status}}' "$NAME")" = healthy ] || fail "health is not healthy"
public=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/q/health/ready")
[ "$public" = 404 ] || fail "/q/health/ready on the public port answered $public"
echo "container: HEALTHCHECK healthy on port $MGMT_PORT; health not served on the public port"

# A question as a reader asks it; the demo content answers it.
answer=$(curl -sf -G --data-urlencode 'q=得了面瘫应该怎么办' "http://127.0.0.1:$APP_PORT/articles")
total=$(jq -r .total <<<"$answer")
first=$(jq -r '.items[0].title' <<<"$answer")
{ [ "$total" -gt 0 ] && [[ "$first" == *面瘫* ]]; } || fail "search for 得了面瘫应该怎么办: total $total, first '$first'"
echo "container: 得了面瘫应该怎么办 -> $total articles, first: $first"

# A picture, uploaded as the app user into /app/files, and a WebP variant of it: libwebp's native library, which
# webp-imageio unpacks at run time, loads in the image.
python3 - "$WORK/check.png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
rows = b''.join(b'\0' + b''.join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
file_id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/png' --data-binary "@$WORK/check.png" \
  "http://127.0.0.1:$APP_PORT/files" | jq -r .id) || fail "upload refused"
curl -sf -o "$WORK/check.webp" -D "$WORK/check.headers" "http://127.0.0.1:$APP_PORT/assets/$file_id?width=32&format=webp" \
  || fail "no WebP variant of file $file_id"
grep -qi '^content-type: image/webp' "$WORK/check.headers" && [ "$(head -c 4 "$WORK/check.webp")" = RIFF ] \
  || fail "the variant of file $file_id is not WebP"
podman exec "$NAME" sh -c 'ls /app/files/originals | grep -q .' || fail "nothing stored under /app/files"
echo "container: a picture uploaded (file $file_id) and served as WebP ($(stat -c %s "$WORK/check.webp") bytes)"

rss=$(podman exec "$NAME" awk '/VmRSS/ {print $2}' /proc/1/status)
[ -n "$rss" ] && [ "$rss" -lt 524288 ] || fail "RSS ${rss} KiB"
echo "container: RSS $((rss / 1024)) MiB"

stop_at=$(date +%s%N)
quiet podman stop -t 20 "$NAME" >/dev/null
stop_ms=$(( ($(date +%s%N) - stop_at) / 1000000 ))
code=$(podman inspect -f '{{.State.ExitCode}}' "$NAME")
oom=$(podman inspect -f '{{.State.OOMKilled}}' "$NAME")
# The JVM ends on SIGTERM with 143 after its shutdown hooks ran (137 would be podman's SIGKILL after 20 s);
# Quarkus logs its stop once they did.
{ [ "$code" = 143 ] || [ "$code" = 0 ]; } || fail "exit code $code after SIGTERM"
[ "$oom" = false ] || fail "killed for memory"
podman logs "$NAME" 2>&1 | grep -q 'stopped in' || fail "no 'stopped in' in the log: not a clean stop"
echo "container: stopped cleanly in $stop_ms ms (exit code $code); all checks passed in $(( $(date +%s) - started )) s"
