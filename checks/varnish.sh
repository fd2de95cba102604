#!/usr/bin/env bash
# The API behind a real Varnish (Debian's varnish and varnish-modules for xkey, installed here if missing), with
# ops/varnish/default.vcl: a second public GET is a hit; a GET with a token never is; a purge by an article's
# surrogate key evicts its detail and the lists that show it, and nothing else; and a webhook receiver on loopback
# (ops/varnish/receiver.py) gets the signed article.updated of an edit made through the API, verifies it, purges,
# and Varnish then serves the new title. Then what an attacker tries through it: a request id is the requester's,
# never the cached object's; distinct Origins share one cached object; and rate limits are per reader, as the
# address Varnish saw (curl binds other loopback addresses), whatever X-Forwarded-For the client sends.
# Usage: checks/varnish.sh API_URL ADMIN_TOKEN (the API must allow webhook receivers on loopback, as dev mode does,
# and trust 127.0.0.1 as a proxy: quarkus.http.proxy.proxy-address-forwarding, allow-x-forwarded, trusted-proxies)
set -euo pipefail
cd "$(dirname "$0")/.."
API=$1
TOKEN=$2
API_PORT=${API##*:}
VARNISH_PORT=${VARNISH_PORT:-6089}
RECEIVER_PORT=${RECEIVER_PORT:-8099}
if ! command -v varnishd >/dev/null || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules >/dev/null
fi
WORK=$(mktemp -d /tmp/varnish-check.XXXXXX)
chmod 755 "$WORK"
sed "s/\.port = \"8080\";/.port = \"$API_PORT\";/" ops/varnish/default.vcl > "$WORK/default.vcl"
PIDS=()
cleanup() {
  kill "${PIDS[@]}" 2>/dev/null || true
  pkill -f "varnishd.*$WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
varnishd -a "127.0.0.1:$VARNISH_PORT" -f "$WORK/default.vcl" -n "$WORK/varnish" -s malloc,64m -F > "$WORK/varnishd.log" 2>&1 &
PIDS+=($!)
python3 ops/varnish/receiver.py "$RECEIVER_PORT" "$WORK/secret" "http://127.0.0.1:$VARNISH_PORT" "$WORK/received.jsonl" &
PIDS+=($!)
V="http://127.0.0.1:$VARNISH_PORT"
for _ in $(seq 1 60); do curl -s -o /dev/null "$V/q/health/live" && break; sleep 0.5; done
curl -sf -o /dev/null "$V/q/health/live" || { echo "varnish: did not start"; cat "$WORK/varnishd.log"; exit 1; }

fail() { echo "varnish: FAILED: $*"; exit 1; }
cache() { curl -s -o /dev/null -D - "$@" | tr -d '\r' | awk 'tolower($1) == "x-cache:" {print $2}'; }
json() { python3 -c "import json, sys; print(eval(sys.argv[1], {'d': json.load(sys.stdin)}))" "$1"; }

# Two published articles of different departments, and a list of the first one's department that the second is not on.
ARTICLES=$(curl -sf "$API/articles?size=50&sort=id")
A=$(json "d['items'][0]['id']" <<<"$ARTICLES")
DEPT=$(curl -sf "$API/articles/$A" | json "d['department']['id']")
B=$(json "[i['id'] for i in d['items'] if i['id'] != $A][0]" <<<"$ARTICLES")
LIST_A="/articles?department=$DEPT&size=100"
curl -sf "$API$LIST_A" | json "$A in [i['id'] for i in d['items']]" | grep -q True || fail "article $A is not on $LIST_A"
OTHER_LIST="/doctors?size=5"

# 1. A second public GET is a hit.
[ "$(cache "$V/articles/$A")" = MISS ] || fail "first GET of /articles/$A was not a miss"
[ "$(cache "$V/articles/$A")" = HIT ] || fail "second GET of /articles/$A was not a hit"
echo "varnish: a second public GET is a hit"

# 2. A GET with a token is never cached.
for _ in 1 2 3; do
  [ "$(cache -H "Authorization: Bearer $TOKEN" "$V/articles/$A")" = MISS ] || fail "a GET with a token was served from the cache"
done
echo "varnish: a GET with a token is never cached"

# 3. A purge by article-A evicts its detail and the lists that show it, and nothing else.
for path in "/articles/$B" "$LIST_A" "$OTHER_LIST"; do cache "$V$path" >/dev/null; [ "$(cache "$V$path")" = HIT ] || fail "$path not cached"; done
keys=$(curl -s -o /dev/null -D - "$V/articles/$A" | tr -d '\r' | awk 'tolower($1) == "surrogate-key:" {$1=""; print}')
echo "$keys" | grep -qw "article-$A" || fail "/articles/$A does not name article-$A: $keys"
curl -sf -X PURGE -H "xkey: article-$A" "$V/" >/dev/null
[ "$(cache "$V/articles/$A")" = MISS ] || fail "the detail of $A survived its purge"
[ "$(cache "$V$LIST_A")" = MISS ] || fail "the list that shows $A survived its purge"
[ "$(cache "$V/articles/$B")" = HIT ] || fail "the detail of $B was purged with $A's key"
[ "$(cache "$V$OTHER_LIST")" = HIT ] || fail "$OTHER_LIST was purged with $A's key"
echo "varnish: a purge by article-$A evicted its detail and its list, and nothing else"

# 4. An edit through the API reaches the receiver as a signed article.updated, which purges; Varnish serves the new title.
curl -sf -X POST "$API/webhooks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hook\", \"events\": [\"article.*\"]}" | json "d['secret']" > "$WORK/secret"
cache "$V/articles/$A" >/dev/null
[ "$(cache "$V/articles/$A")" = HIT ] || fail "/articles/$A not cached before the edit"
TITLE="$(curl -sf "$API/articles/$A" | json "d['title']") (Varnish check $(date +%s))"
curl -sf -X PATCH "$API/articles/$A" -H "Authorization: Bearer $TOKEN" -H 'If-Match: *' \
  -H 'Content-Type: application/merge-patch+json; charset=UTF-8' \
  -d "$(python3 -c 'import json, sys; print(json.dumps({"title": sys.argv[1]}))' "$TITLE")" >/dev/null
for _ in $(seq 1 60); do grep -q '"article.updated"' "$WORK/received.jsonl" 2>/dev/null && break; sleep 0.5; done
line=$(grep '"article.updated"' "$WORK/received.jsonl" | tail -1) || fail "no article.updated reached the receiver"
echo "$line" | grep -q '"verified": true' || fail "the delivery's signature did not verify: $line"
echo "$line" | grep -q '"purge": "200' || fail "the receiver's purge failed: $line"
served=$(curl -sf "$V/articles/$A" | json "d['title']")
[ "$served" = "$TITLE" ] || fail "Varnish serves '$served' after the purge, not '$TITLE'"
echo "varnish: the signed article.updated reached the receiver, which purged; Varnish serves the new title"

# 5. X-Request-Id is never cached: each reader gets back its own id, or a fresh one, never another reader's.
P="/articles/$B/related"
rid() { curl -s -o /dev/null -D - "$@" | tr -d '\r' | awk 'tolower($1) == "x-request-id:" {print $2}'; }
first=$(rid -H 'X-Request-Id: reader-one' "$V$P")
[ "$first" = reader-one ] || fail "the first reader's id came back as '$first'"
[ "$(cache -H 'X-Request-Id: reader-two' "$V$P")" = HIT ] || fail "$P was not cached"
[ "$(rid -H 'X-Request-Id: reader-two' "$V$P")" = reader-two ] || fail "a hit answered another reader's request id"
other=$(rid "$V$P")
{ [ -n "$other" ] && [ "$other" != reader-one ] && [ "$other" != reader-two ]; } || fail "a hit without an id answered '$other'"
echo "varnish: a cached answer carries each reader's own request id ($other for one that sent none)"

# 6. Distinct Origins share one object: reads are open to any origin, answered "*" without Vary: Origin.
O="/articles?size=3&sort=id"
[ "$(cache -H 'Origin: https://one.example' "$V$O")" = MISS ] || fail "first GET of $O was not a miss"
for origin in https://two.example HTTPS://ONE.EXAMPLE/ "https://attacker-$RANDOM.example" null; do
  [ "$(cache -H "Origin: $origin" "$V$O")" = HIT ] || fail "Origin $origin made a new object of $O"
done
acao=$(curl -s -o /dev/null -D - -H 'Origin: https://three.example' "$V$O" | tr -d '\r' | awk 'tolower($1) == "access-control-allow-origin:" {print $2}')
[ "$acao" = "*" ] || fail "a cross-origin read answered Access-Control-Allow-Origin '$acao'"
echo "varnish: five Origins, one cached object, answered Access-Control-Allow-Origin: *"

# 7. Rate limits see each reader, not Varnish: views of one article per reader (10 an hour by default).
view() { curl -s -o /dev/null -w '%{http_code}' -X POST -A 'Mozilla/5.0 (Varnish check)' "$@" "$V/articles/$B/views"; }
codes=""
for _ in $(seq 1 11); do codes="$codes $(view --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.1')"; done
[ "$codes" = " 200 200 200 200 200 200 200 200 200 200 429" ] || fail "views of one reader through Varnish: $codes"
[ "$(view --interface 127.0.0.2 -H "X-Forwarded-For: 198.51.100.$RANDOM")" = 429 ] || fail "a forged X-Forwarded-For bought a fresh bucket"
[ "$(view --interface 127.0.0.3)" = 200 ] || fail "another reader shared the first one's bucket"
echo "varnish: one reader's views stop at the limit whatever X-Forwarded-For it sends; another reader's count"
