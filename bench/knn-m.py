#!/usr/bin/env python3
"""HNSW's m, chosen by measurement: copies the articles of a fed OpenSearch index into indexes that differ only in
m (the k-NN lucene engine's graph degree), force-merges each to the same number of segments as the source, and runs
bench/knn-recall.py on each. Not a test; run it against a node the feed has filled (bench/search-load.sh's, or one
started by hand with bench/lib.sh start_opensearch and the jar on CONTENT_SEARCH_BACKEND=opensearch).

Usage: knn-m.py --url http://127.0.0.1:9200 [--source content-articles] [--m 8,32] [--segments 8]
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
import urllib.request

RECALL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "knn-recall.py")
_spec = importlib.util.spec_from_file_location("knn_recall", RECALL)
knn_recall = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(knn_recall)
call = knn_recall.request


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--source", default="content-articles")
    p.add_argument("--m", default="8,32")
    p.add_argument("--segments", type=int, default=8)
    a = p.parse_args()
    ms = [int(x) for x in a.m.split(",")]
    source = call(a.url, "GET", "/" + a.source)
    name, index = next(iter(source.items()))
    current = index["mappings"]["properties"]["vector"]["method"]["parameters"]["m"]
    for m in ms:
        mappings = json.loads(json.dumps(index["mappings"]))
        mappings["properties"]["vector"]["method"]["parameters"]["m"] = m
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "knn": True, "refresh_interval": "-1",
                    "analysis": index["settings"]["index"]["analysis"]}
        call(a.url, "PUT", f"/knn-m{m}", {"settings": {"index": settings}, "mappings": mappings})
    started = time.time()
    page = call(a.url, "POST", f"/{a.source}/_search?scroll=5m", {"size": 1000, "sort": ["_doc"]})
    copied = 0
    while page["hits"]["hits"]:
        lines = []
        for h in page["hits"]["hits"]:
            lines += [json.dumps({"index": {"_id": h["_id"]}}), json.dumps(h["_source"])]
        for m in ms:
            answer = call(a.url, "POST", f"/knn-m{m}/_bulk", "\n".join(lines) + "\n", ndjson=True)
            if answer["errors"]:
                sys.exit(f"bulk into knn-m{m} failed: {answer['items'][0]}")
        copied += len(page["hits"]["hits"])
        page = call(a.url, "POST", "/_search/scroll", {"scroll": "5m", "scroll_id": page["_scroll_id"]})
    print(f"{copied} articles of {name} (m {current}) copied into m {a.m} in {time.time() - started:.0f} s")
    for index_name in [a.source] + [f"knn-m{m}" for m in ms]:
        call(a.url, "POST", f"/{index_name}/_refresh")
        call(a.url, "POST", f"/{index_name}/_forcemerge?max_num_segments={a.segments}")
        with urllib.request.urlopen(f"{a.url}/_cat/segments/{index_name}?h=segment", timeout=60) as r:
            segments = len(r.read().decode().splitlines())
        print(f"== {index_name}{' (m ' + str(current) + ')' if index_name == a.source else ''}: {segments} segments")
        sys.stdout.flush()
        subprocess.run([sys.executable, RECALL, "--url", a.url, "--index", index_name, "--ef", "100,200"], check=True)
    for m in ms:
        call(a.url, "DELETE", f"/knn-m{m}")


if __name__ == "__main__":
    main()
