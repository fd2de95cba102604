#!/usr/bin/env bash
# Compiles the harnesses under bench/java against the app's classes and runs one of them (served code and tests
# hold no main()). Called by bench/search.sh, related.sh, fusion.sh and embedding-options.sh.
# Usage: bench/harness.sh <main class> <max heap> [harness options...]
set -euo pipefail
cd "$(dirname "$0")/.."
main=$1 heap=$2
shift 2
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=test
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp "target/classes:$(cat target/harness.classpath)" $(find bench/java -name '*.java')
exec java ${JAVA_OPTS:-} "-Xmx$heap" -cp "target/bench-classes:target/classes:$(cat target/harness.classpath)" "$main" "$@"
