# Shared by the benchmark scripts: a PostgreSQL server of their own and the packaged jar against it.
# Source it after setting PGPORT and APP_PORT; it installs what it needs (as root, on Debian).

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need ab || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk apache2-utils postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
WORK=$(mktemp -d /tmp/content-bench.XXXXXX)
chown postgres "$WORK"
APP_PID=

cleanup() {
  set +e  # the app's exit status on SIGTERM (143) must not stop the clean-up before PostgreSQL is stopped
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_pg() {
  echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  psql -qAt -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE DATABASE bench" >/dev/null
  DB=(psql -qAt -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench)
}

build_jar() {
  [ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B package -DskipTests
}

# Starts the jar and waits until it is ready; extra environment may be given as VAR=value arguments.
start_app() {
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=$APP_PORT CONTENT_DEMO_LOAD=true CONTENT_RATE_LIMIT_ENABLED=false "$@" \
    java ${APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the application did not become ready"; cat "$WORK/app.log"; exit 1
}

stop_app() { kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=; }
