#!/usr/bin/env bash
# Evaluation harness of the related scorer (not a test). Prints department precision@10, duplicate titles per
# list, self-hits, and latency p50/p99 uncached and cached, for text alone and for the full scorer.
#
# Usage: bench/related.sh [--corpus=../shared/data/toyhom-neike-sample.jsonl] [--sample=1000] [--size=100000]
#                         [--demo=src/main/resources/demo/content.ndjson]
# --size replicates and perturbs the corpus to that many articles and adds search latency and index heap.
# --demo mixes the demo articles in and prints the related list of the seed page's article.
set -euo pipefail
cd "$(dirname "$0")/.."
# The harness lives under bench/java (served code and tests hold no main()): compiled here, against the app's classes.
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=test
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp "target/classes:$(cat target/harness.classpath)" $(find bench/java -name '*.java')
exec java ${JAVA_OPTS:-} -Xmx2g -cp "target/bench-classes:target/classes:$(cat target/harness.classpath)" \
  com.bohe.content.search.RelatedHarness "$@"
