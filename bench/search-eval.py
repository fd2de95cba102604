#!/usr/bin/env python3
"""Known-item search and related lists through the HTTP API (called by bench/search-api.sh).

Each row of the corpus was imported as article gen-article-<row> (title, with the answer as body). For a sample of
rows, the row's ask is sent as GET /articles?q=...; the hit is the row's article or an identical copy of it.
Prints Recall@10, MRR@10, the share of empty answers and p50/p99 latency of one client; then, for the same
sample, the related list: department P@10 (the labels are the rows' departments), duplicate titles, self-hits.
"""
import argparse
import json
import time
import urllib.parse
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--base", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--queries", type=int, default=1000)
ap.add_argument("--paths", help="write the search paths of the sample here, one per line, for wrk")
ap.add_argument("--other-paths", help="write the search paths of the rows outside the sample here")
args = ap.parse_args()

rows = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
same = {}
for i, r in enumerate(rows):
    same.setdefault((r["title"], r["answer"]), set()).add("gen-article-%d" % i)
step = max(1, len(rows) // args.queries)
sample = list(range(0, len(rows), step))[: args.queries]


def get(path):
    started = time.perf_counter()
    with urllib.request.urlopen(args.base + path, timeout=30) as response:
        body = json.load(response)
    return body, (time.perf_counter() - started) * 1000


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, -(-p * len(s) // 100) - 1))]


paths = []
hits = mrr = empty = 0
latency = []
ids = {}
for row in sample:
    r = rows[row]
    path = "/articles?size=10&q=" + urllib.parse.quote(r["ask"][:200])
    paths.append(path)
    body, ms = get(path)
    latency.append(ms)
    slugs = [item["slug"] for item in body["items"]]
    if not slugs:
        empty += 1
    relevant = same[(r["title"], r["answer"])]
    for rank, slug in enumerate(slugs):
        if slug in relevant:
            hits += 1
            mrr += 1 / (rank + 1)
            break
n = len(sample)
print("search  %d asks through the API: Recall@10 %.3f MRR@10 %.3f empty %.3f; one client, first time each: p50 %.1f ms p99 %.1f ms"
      % (n, hits / n, mrr / n, empty / n, pct(latency, 50), pct(latency, 99)))
if args.paths:
    with open(args.paths, "w") as f:
        f.write("\n".join(paths) + "\n")
if args.other_paths:
    chosen = set(sample)
    with open(args.other_paths, "w") as f:
        for i, r in enumerate(rows):
            if i not in chosen:
                f.write("/articles?size=10&q=" + urllib.parse.quote(r["ask"][:200]) + "\n")

# Related lists of the same rows: department P@10 against the rows' labels.
department_of = {}
precision = duplicates = self_hits = lists = 0
latency = []
for row in sample:
    detail, _ = get("/articles/slug/gen-article-%d" % row)
    body, ms = get("/articles/%d/related" % detail["id"])
    latency.append(ms)
    items = body["items"]
    label = rows[row]["department"]
    if items:
        precision += sum(1 for it in items if it["department"] and it["department"]["name"] == label) / len(items)
    titles = [it["title"] for it in items]
    duplicates += len(titles) - len(set(titles))
    self_hits += sum(1 for it in items if it["id"] == detail["id"])
    lists += 1
print("related %d lists through the API: department P@10 %.3f, duplicate titles %d, self-hits %d; one client, first time each: p50 %.1f ms p99 %.1f ms"
      % (lists, precision / lists, duplicates, self_hits, pct(latency, 50), pct(latency, 99)))
