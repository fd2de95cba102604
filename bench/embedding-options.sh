#!/usr/bin/env bash
# The embedding model under onnxruntime session options (not a test): bench/java/.../OnnxOptionsHarness.java.
# Usage: bench/embedding-options.sh [corpus.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=test
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp "target/classes:$(cat target/harness.classpath)" $(find bench/java -name '*.java')
exec java -Xmx1g -cp "target/bench-classes:target/classes:$(cat target/harness.classpath)" \
  com.bohe.content.embedding.OnnxOptionsHarness "$@"
