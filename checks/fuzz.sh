#!/usr/bin/env bash
# Negative fuzzing from openapi.yaml: Portman generates a Postman collection (checks/portman/portman-config.json):
# one request per operation, on demo content and on resources it creates, plus one fuzzed request per fuzzable
# field (required fields removed, numbers below their minimum and above their maximum, strings beyond their
# lengths). Newman runs it ITERATIONS times against the packaged jar on a PostgreSQL server of its own with the demo
# content. Every answer is checked by checks/portman/contract-tests.js (no 5xx, status documented, body matches its
# schema), fuzzed ones also by Portman's own tests (400 problem+json). Then checks/hostile.mjs sends what Portman
# does not: malformed CORS preflights and chunked bodies (junk, empty, over the limit) to every operation; and the
# jar is checked to serve /q/health and /q/metrics on its management port only. Any failed check fails the script.
# Run from the project root after `./mvnw package` (the README's test command packages the jar too).
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-55460} APP_PORT=${APP_PORT:-8191} ITERATIONS=${ITERATIONS:-25}
source bench/lib.sh
[ -f target/quarkus-app/quarkus-run.jar ] || build_jar
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_pg
# Webhook receivers in the contract's examples (hooks.example.com) are not resolved: this machine has no DNS for them.
start_app CONTENT_ADMIN_TOKEN="$ADMIN_TOKEN" CONTENT_CACHE_ARTICLE_WARM=false CONTENT_WEBHOOKS_ALLOW_PRIVATE=true
cd checks
node portman/contract-tests.mjs ../openapi.yaml portman/build/contract-tests.js
npx portman -l ../openapi.yaml -c portman/portman-config.json -o portman/build/collection.json \
  -b "http://127.0.0.1:$APP_PORT" >/dev/null
node portman/prune.mjs portman/build/collection.json
status=0
npx newman run portman/build/collection.json -n "$ITERATIONS" --env-var "bearerToken=$ADMIN_TOKEN" \
  --reporters cli,json --reporter-json-export portman/build/newman.json --reporter-cli-no-success-assertions \
  --reporter-cli-no-console >portman/build/newman.txt 2>&1 || status=$?
node portman/summary.mjs portman/build/newman.json | tee portman/build/summary.txt
if [ "$status" != 0 ]; then
  grep -A3 "AssertionError\|JSONError\|Error" portman/build/newman.txt | head -60
  echo "== newman failed ($status); full report: checks/portman/build/newman.txt"
  exit 1
fi
node hostile.mjs ../openapi.yaml "http://127.0.0.1:$APP_PORT" "$ADMIN_TOKEN"
# Health and metrics on the management port, not on the public one.
for path in /q/metrics /q/health/ready; do
  public=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT$path")
  management=$(curl -s -o /dev/null -w '%{http_code}' "$MGMT$path")
  { [ "$public" = 404 ] && [ "$management" = 200 ]; } || { echo "== $path: $public on the public port, $management on the management port"; exit 1; }
done
echo "management: /q/metrics and /q/health/ready only on the management port"
