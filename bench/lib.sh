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
# Health and metrics are served on the management port (production's layout; docs/security.md).
MGMT_PORT=${MGMT_PORT:-$((APP_PORT + 1))}
MGMT="http://127.0.0.1:$MGMT_PORT"

# BENCH_PGDATA: a data directory kept between runs (created when missing), so that a large import, its
# embeddings and related lists are paid once; without it, the database lives and dies with the run.
PGDATA_DIR=${BENCH_PGDATA:-$WORK/pg}
CGROUP=

OS_PID=
cleanup() {
  set +e  # the app's exit status on SIGTERM (143) must not stop the clean-up before PostgreSQL is stopped
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$OS_PID" ] && kill "$OS_PID" 2>/dev/null && wait "$OS_PID" 2>/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
  [ -n "$CGROUP" ] && rmdir "$CGROUP" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# copy_kept_pgdata DIR: the run works on a fresh copy of a kept data directory (starting the jar migrates it, and a
# run writes to it), in $WORK/pg, which start_pg then starts.
copy_kept_pgdata() {
  PGDATA_DIR=$WORK/pg
  rm -rf "$PGDATA_DIR"
  cp -a "$1" "$PGDATA_DIR"
  rm -f "$PGDATA_DIR/postmaster.pid"
  chown -R postgres "$PGDATA_DIR"
}

start_pg() {
  echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT, data in $PGDATA_DIR"
  local fresh=0
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR" && chown postgres "$PGDATA_DIR"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres >/dev/null
    fresh=1
  fi
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  [ "$fresh" = 1 ] && psql -qAt -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE DATABASE bench" >/dev/null
  DB=(psql -qAt -h 127.0.0.1 -p "$PGPORT" -U postgres -d bench)
}

# MEMORY_LIMIT (e.g. 512M): the app runs in a memory cgroup of that size (cgroup v1, as root), as in a container
# with that limit; memory_report then tells its peak and whether the kernel had to kill anything.
make_cgroup() {
  [ -z "${MEMORY_LIMIT:-}" ] && return 0
  CGROUP=/sys/fs/cgroup/memory/content-bench-$$
  mkdir -p "$CGROUP"
  echo "$MEMORY_LIMIT" > "$CGROUP/memory.limit_in_bytes"
  echo 0 > "$CGROUP/memory.max_usage_in_bytes" 2>/dev/null || true
}

# RSS of the app split into anonymous memory and mapped files (Lucene's index), and the cgroup's peak and OOM kills.
memory_report() {
  local status=/proc/$APP_PID/status
  printf 'RSS %d MiB (anonymous %d MiB, files %d MiB, e.g. the index mapped by Lucene)' \
    $(( $(awk '/^VmRSS/ {print $2}' "$status") / 1024 )) $(( $(awk '/^RssAnon/ {print $2}' "$status") / 1024 )) \
    $(( $(awk '/^RssFile/ {print $2}' "$status") / 1024 ))
  if [ -n "$CGROUP" ]; then
    printf '; in a %s memory cgroup: peak %d MiB (page cache included), OOM kills %s' "$MEMORY_LIMIT" \
      $(( $(cat "$CGROUP/memory.max_usage_in_bytes") / 1048576 )) \
      "$(awk '/oom_kill / {print $2}' "$CGROUP/memory.oom_control" 2>/dev/null || echo '?')"
  fi
}

build_jar() {
  [ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B package -DskipTests
}

# Starts the jar and waits until it is ready (READY_TIMEOUT seconds, 120 by default); extra environment may be given
# as VAR=value arguments.
start_app() {
  make_cgroup
  env CGROUP_PROCS="${CGROUP:+$CGROUP/cgroup.procs}" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/bench" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT CONTENT_DEMO_LOAD=true CONTENT_RATE_LIMIT_ENABLED=false "$@" \
    sh -c '[ -n "$CGROUP_PROCS" ] && echo $$ > "$CGROUP_PROCS"; exec java $0 -jar target/quarkus-app/quarkus-run.jar' \
    "${APP_JAVA_OPTS:-}" >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 $(( ${READY_TIMEOUT:-120} * 2 ))); do
    curl -sf "$MGMT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the application did not become ready"; cat "$WORK/app.log"; exit 1
}

stop_app() { kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=; }

# start_opensearch: a real OpenSearch 2.19 node (opensearch-node/, built here when missing) on OS_PORT (default
# APP_PORT + 20), its data in $WORK, OS_HEAP (1g) of heap; OPENSEARCH_URL names it. It runs until the script ends.
start_opensearch() {
  OS_PORT=${OS_PORT:-$((APP_PORT + 20))}
  if [ ! -f opensearch-node/target/classes/com/bohe/content/opensearchnode/Launcher.class ] || [ ! -d opensearch-node/target/knn ]; then
    ./mvnw -B -q -f opensearch-node/pom.xml package
  fi
  mkdir -p "$WORK/opensearch"
  # The launcher stops when its standard input closes: a FIFO held open here keeps it up until the script ends.
  [ -p "$WORK/opensearch.in" ] || mkfifo "$WORK/opensearch.in"
  exec 9<>"$WORK/opensearch.in"
  java -Xms"${OS_HEAP:-1g}" -Xmx"${OS_HEAP:-1g}" -Dopensearch.set.netty.runtime.available.processors=false \
    -cp "opensearch-node/target/classes:opensearch-node/target/lib/*:opensearch-node/target/knn/*" \
    com.bohe.content.opensearchnode.Launcher "$WORK/opensearch" "$OS_PORT" "$((OS_PORT + 1))" \
    < "$WORK/opensearch.in" >> "$WORK/opensearch.log" 2>&1 &
  OS_PID=$!
  OPENSEARCH_URL="http://127.0.0.1:$OS_PORT"
  for _ in $(seq 1 240); do
    curl -sf "$OPENSEARCH_URL/_cluster/health?wait_for_status=green&timeout=1s" >/dev/null 2>&1 && {
      echo "== OpenSearch 2.19.6 on port $OS_PORT (heap ${OS_HEAP:-1g})"; return 0; }
    sleep 0.5
  done
  echo "OpenSearch did not start"; tail -n 40 "$WORK/opensearch.log"; exit 1
}

# keep_results NAME: from here on, what the script prints is also kept, and write_results (called at its end)
# writes it, with the date, the commit and the machine, to bench/results/NAME-latest.md.
keep_results() {
  RESULTS_NAME=$1
  exec > >(tee "$WORK/transcript.txt") 2>&1
}
write_results() {
  sleep 0.5 # tee writes behind the script
  mkdir -p bench/results
  {
    echo "# bench/$RESULTS_NAME.sh: latest run"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM. Reproduce: \`bash bench/$RESULTS_NAME.sh\`. What it printed:"
    echo
    echo '```'
    grep -v '^\s*$' "$WORK/transcript.txt"
    echo '```'
  } > "bench/results/$RESULTS_NAME-latest.md"
}
