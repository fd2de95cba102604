#!/usr/bin/env python3
"""The recall and cost of OpenSearch's approximate nearest neighbours (HNSW, k-NN's lucene engine) against exact ones,
on the articles' own stored vectors (what a related list asks), for several ef_search values.

For each of --samples random articles: the exact 100 nearest (the k-NN scoring script over every article) and the
approximate 100 (a knn query with method_parameters.ef_search); recall@100 is the share of the exact ones found,
and the time is what OpenSearch reports it took. Not a test: bench/search-load.sh runs it with BACKENDS=opensearch.

Usage: knn-recall.py --url http://127.0.0.1:9200 [--index content-articles] [--samples 100] [--ef 100,200,400]
"""
import argparse
import json
import statistics
import urllib.request


def request(url, method, path, body=None, ndjson=False):
    """One request to OpenSearch and its JSON answer; a body is JSON, or with ndjson a ready string (_bulk)."""
    data = None if body is None else (body if ndjson else json.dumps(body)).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Content-Type": "application/x-ndjson" if ndjson else "application/json"})
    with urllib.request.urlopen(req, timeout=900) as r:
        return json.load(r)


def call(url, path, body):
    return request(url, "POST", path, body)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--index", default="content-articles")
    p.add_argument("--samples", type=int, default=100)
    p.add_argument("--k", type=int, default=100)
    p.add_argument("--ef", default="100,200,400")
    a = p.parse_args()
    sample = call(a.url, f"/{a.index}/_search", {
        "size": a.samples, "_source": ["vector"],
        "query": {"function_score": {"query": {"exists": {"field": "vector"}}, "random_score": {"seed": 7, "field": "id"}}}})
    vectors = [(h["_id"], h["_source"]["vector"]) for h in sample["hits"]["hits"]]
    exact = {}
    exact_took = []
    for doc, v in vectors:
        r = call(a.url, f"/{a.index}/_search", {
            "size": a.k, "_source": False,
            "query": {"script_score": {"query": {"exists": {"field": "vector"}}, "script": {
                "source": "knn_score", "lang": "knn",
                "params": {"field": "vector", "query_value": v, "space_type": "cosinesimil"}}}}})
        exact[doc] = {h["_id"] for h in r["hits"]["hits"]}
        exact_took.append(r["took"])
    print(f"{len(vectors)} articles' own vectors, k={a.k}; exact (scoring script over every article): "
          f"median {statistics.median(exact_took):.0f} ms")
    for ef in [int(x) for x in a.ef.split(",")]:
        recalls, took = [], []
        for doc, v in vectors:
            r = call(a.url, f"/{a.index}/_search", {
                "size": a.k, "_source": False,
                "query": {"knn": {"vector": {"vector": v, "k": a.k, "method_parameters": {"ef_search": ef}}}}})
            found = {h["_id"] for h in r["hits"]["hits"]}
            recalls.append(len(found & exact[doc]) / max(1, len(exact[doc])))
            took.append(r["took"])
        took.sort()
        print(f"ef_search {ef:4d}: recall@{a.k} mean {statistics.mean(recalls):.3f}, min {min(recalls):.2f}; "
              f"took median {statistics.median(took):.0f} ms, p90 {took[int(0.9 * (len(took) - 1))]:.0f} ms")


if __name__ == "__main__":
    main()
