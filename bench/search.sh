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
exec bench/harness.sh com.bohe.content.search.SearchHarness 3g "$@"
