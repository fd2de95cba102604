#!/usr/bin/env bash
# Chooses how search fuses lexical and dense scores, by cross-validation over four development sets at once (not
# a test): bench/java/.../FusionHarness.java. Each row of the corpus gives one query of each set:
#   question  the row's ask (a patient's question) finds the article (title, with the answer as body);
#   title     the row's title finds the articles with that title written as (ask as title, answer as body);
#   keywords  the title cut to a search box's 4-10 characters (question words left out) finds the articles of
#             that title, as in the first set;
#   rare      a question naming a made-up word of three characters the corpus never uses (得了XYZ怎么办？, five
#             templates) finds the one article (of the first set's) that names it, however close others are to
#             the rest of the question.
# Prints HR@10, MRR@10 and nDCG@10 of plain BM25, lexical, dense alone and the served fusion on every set; then,
# per family of fusions (weighted sum, weights by query length, z-scores, RRF), the held-out figures of settings
# chosen on the other folds, and the best settings on all queries. The rule: trail neither BM25 nor dense alone on
# any set, lose at most 0.005 nDCG@10 on any set against the weights served before; then the best mean nDCG@10.
#
# Usage: bench/fusion.sh [--corpus=../shared/data/toyhom-neike-sample.jsonl] [--queries=2000] [--folds=5]
#                        [--grid=coarse|fine|weights|all|none] [--top=N]   (the N best settings on all queries)
#                        [--instruction=true]   (queries embedded after bge's retrieval instruction)
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/harness.sh com.bohe.content.search.FusionHarness 3g "$@"
