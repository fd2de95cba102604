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
exec bench/harness.sh com.bohe.content.search.RelatedHarness 2g "$@"
