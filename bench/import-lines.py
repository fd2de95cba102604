#!/usr/bin/env python3
"""Writes an import file (NDJSON, one {"type": ..., "slug": ...} object per line) to stdout.

  bench/import-lines.py --source ../shared/data/toyhom-neike-sample.jsonl            the development set as is
  bench/import-lines.py --source ../shared/data/toyhom-neike-sample.jsonl --articles 100000
  bench/import-lines.py --source ../shared/data/toyhom-neike-sample.jsonl --body answer     for known-item search

Each row of the source becomes an article (title; question and answer as the body) of its sub-department under
内科. With --articles, rows are reused in turn with a numbered title and a shuffled body, until there are that many.
Diseases (1 per 100 articles), hospitals (1 per 1,000) and doctors (1 per 200) come in proportion, and each
article names a disease and a reviewer. Lines reference only what earlier lines created.
"""
import argparse
import json
import random
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--source", required=True)
ap.add_argument("--articles", type=int, default=0, help="how many articles; 0: one per source row")
ap.add_argument("--body", choices=["ask+answer", "answer"], default="ask+answer",
                help="answer: the body is the answer alone, so that the ask can serve as a search for its article")
args = ap.parse_args()

rows = [json.loads(line) for line in open(args.source, encoding="utf-8") if line.strip()]
n = args.articles or len(rows)
rnd = random.Random(42)
out = sys.stdout
def emit(obj):
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")

departments = sorted({r["department"] for r in rows})
emit({"type": "department", "slug": "gen-nei-ke", "name": "内科"})
dept_slug = {}
for i, name in enumerate(departments):
    dept_slug[name] = "gen-dept-%d" % i
    emit({"type": "department", "slug": dept_slug[name], "name": name, "parent": "gen-nei-ke"})

hospitals = max(1, n // 1000)
for h in range(hospitals):
    emit({"type": "hospital", "slug": "gen-hospital-%d" % h, "name": "第%d人民医院" % (h + 1), "level": "三级甲等",
          "category": "综合", "province": "北京", "city": "北京", "departments": list(dept_slug.values())[:5]})
diseases = max(1, n // 100)
for d in range(diseases):
    dept = departments[d % len(departments)]
    emit({"type": "disease", "slug": "gen-disease-%d" % d, "name": "%s常见病%d" % (dept.rstrip("科"), d),
          "department": dept_slug[dept], "summary": rows[d % len(rows)]["ask"][:200]})
doctors = max(1, n // 200)
for d in range(doctors):
    dept = departments[d % len(departments)]
    emit({"type": "doctor", "slug": "gen-doctor-%d" % d, "name": "医生%d" % d,
          "title": ["主任医师", "副主任医师", "主治医师", "医师"][d % 4], "department": dept_slug[dept],
          "hospital": "gen-hospital-%d" % (d % hospitals), "specialties": ["gen-disease-%d" % (d % diseases)]})

for i in range(n):
    r = rows[i % len(rows)]
    rnd_round = i // len(rows)
    title = r["title"] if rnd_round == 0 else "%s(%d)" % (r["title"], rnd_round)
    paragraphs = [p for p in ((r["answer"],) if args.body == "answer" else (r["ask"], r["answer"])) if p]
    if rnd_round:
        rnd.shuffle(paragraphs)
    emit({"type": "article", "slug": "gen-article-%d" % i, "title": title[:200], "body": "\n\n".join(paragraphs) or title,
          "status": "published", "publishedAt": "2025-%02d-%02dT08:00:00Z" % (1 + i % 12, 1 + i % 28),
          "department": dept_slug[r["department"]], "diseases": ["gen-disease-%d" % (i % diseases)],
          "reviewer": "gen-doctor-%d" % (i % doctors), "tags": [r["department"]], "viewCount": i % 5000})
