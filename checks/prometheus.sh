#!/usr/bin/env bash
# Checks ops/ against a real Prometheus (Debian's, installed here if missing): `promtool check rules` on the alert
# rules, then Prometheus scrapes the running API at BASE_URL (argument) every second while some traffic is sent, and
# every metric named in the alert rules and in the Grafana dashboard must return data from Prometheus's HTTP API;
# every expression must evaluate. A metric renamed in the code, or misspelt in ops/, fails here.
# Usage: checks/prometheus.sh http://localhost:8089 [http://localhost:9000]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: checks/prometheus.sh BASE_URL [MANAGEMENT_URL]}
# Where /q/metrics is: the management port in production (9000), the API's own port in dev mode.
MANAGEMENT=${2:-$BASE}
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
fi
promtool check rules ops/prometheus/alerts.yml

WORK=$(mktemp -d)
PROM_PORT=${PROM_PORT:-9391}
TARGET=${MANAGEMENT#http://}
cat > "$WORK/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [$PWD/ops/prometheus/alerts.yml]
scrape_configs:
  - job_name: content-api
    metrics_path: /q/metrics
    static_configs: [{targets: ["$TARGET"]}]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
PROM=$!
trap 'kill $PROM 2>/dev/null; wait $PROM 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null && break; sleep 0.5; done

# Traffic: lists, details, related lists, a search, views from a browser and a crawler, a 404, a bad request.
ID=$(curl -sf "$BASE/articles?size=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
for _ in $(seq 1 20); do
  curl -s -o /dev/null "$BASE/articles?size=5"
  curl -s -o /dev/null "$BASE/articles/$ID"
  curl -s -o /dev/null "$BASE/articles/$ID/related"
  curl -s -o /dev/null "$BASE/articles?q=%E5%A4%B4%E7%97%9B"
  curl -s -o /dev/null -X POST -A 'Mozilla/5.0 (check)' "$BASE/articles/$ID/views"
  curl -s -o /dev/null -X POST -A 'Googlebot/2.1' "$BASE/articles/$ID/views"
  curl -s -o /dev/null "$BASE/articles/999999999"
  curl -s -o /dev/null "$BASE/articles?size=1000"
done
sleep 4

# Metric names in the rules and the dashboard: identifiers of the PromQL expressions that are not functions,
# keywords, label names or label values.
python3 - "$PROM_PORT" <<'PY'
import json, re, sys, urllib.parse, urllib.request
port = sys.argv[1]
exprs = []
text = open("ops/prometheus/alerts.yml").read()
# expr: |  (block) or expr: inline
for m in re.finditer(r"expr: \|\n((?:          .*\n)+)|expr: (.+)\n", text):
    exprs.append((m.group(1) or m.group(2)).strip())
dashboard = json.load(open("ops/grafana/content-api.json"))
exprs += [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
keywords = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset"}
names = set()
for e in exprs:
    bare = re.sub(r'"[^"]*"', "", e)
    bare = re.sub(r"\{[^}]*\}", "", bare)
    bare = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", bare)
    bare = re.sub(r"\[[^\]]*\]", "", bare)
    for ident in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", bare):
        word = ident.group(0)
        if bare[ident.end():].lstrip().startswith("("):
            continue  # a function
        if word not in keywords and not re.fullmatch(r"\d.*", word) and not word.startswith("$"):
            names.add(word)
def query(q):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url) as r:
        return json.load(r)
missing = [n for n in sorted(names) if not query(f'count({{__name__="{n}"}})')["data"]["result"]]
failed = []
for e in exprs:
    try:
        if query(e)["status"] != "success":
            failed.append(e)
    except Exception as ex:  # an expression Prometheus refuses
        failed.append(f"{e}: {ex}")
print(f"prometheus: {len(names)} metrics referenced by ops/, {len(exprs)} expressions")
if missing or failed:
    print("metrics without data:", missing)
    print("expressions that failed:", failed)
    sys.exit(1)
print("prometheus: every referenced metric has data, every expression evaluates")
PY
