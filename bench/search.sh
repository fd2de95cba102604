#!/usr/bin/env bash
# Evaluation harness of search (not a test): known-item retrieval on visible data. Each row of the corpus is an
# article (title, with the answer as body); the query is that row's ask, a patient's question in their own words.
# Prints Recall@10, MRR@10, the share of empty answers and p50/p99 latency (query embedding included) for plain
# BM25, lexical (BM25 + coverage + proximity), dense only, reciprocal-rank fusion and the weighted hybrid the
# API serves, all in one run. Vectors of the corpus are cached under target/ between runs.
#
# Usage: bench/search.sh [--corpus=../shared/data/toyhom-neike-sample.jsonl] [--queries=1000] [--size=0]
#                        [--doc-text=256] [--modes=BM25,LEXICAL,DENSE,RRF,HYBRID]
# --size replicates and perturbs the corpus to that many articles (latency and vector-index memory at scale).
# --doc-text: characters of title + body embedded per article (0 = the title alone).
# -Dcontent.vectors.bits=7|4|0 in JAVA_OPTS picks the vector format (0 = float vectors).
set -euo pipefail
cd "$(dirname "$0")/.."
# The harness lives under bench/java (served code and tests hold no main()): compiled here, against the app's classes.
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=test
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp "target/classes:$(cat target/harness.classpath)" $(find bench/java -name '*.java')
exec java ${JAVA_OPTS:-} -Xmx3g -cp "target/bench-classes:target/classes:$(cat target/harness.classpath)" \
  com.bohe.content.search.SearchHarness "$@"
