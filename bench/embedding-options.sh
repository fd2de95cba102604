#!/usr/bin/env bash
# The embedding model under onnxruntime session options (not a test): bench/java/.../OnnxOptionsHarness.java.
# Usage: bench/embedding-options.sh [corpus.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/harness.sh com.bohe.content.embedding.OnnxOptionsHarness 1g "$@"
