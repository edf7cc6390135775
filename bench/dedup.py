"""Near-duplicate clustering quality: pairwise precision and recall of story clusters on the
benchmark articles plus near-copies of them (bench/make_corpus.py dedup), without spaCy.

    .venv/bin/python bench/dedup.py [--jsonl FILE]

A pair of articles is a true pair when both come from the same original; precision is the share
of clustered pairs that are true, recall the share of true pairs that are clustered.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import dedup_corpus, load  # noqa: E402
from newsevents import store  # noqa: E402
from newsevents.model import Article, ArticleResult  # noqa: E402
from newsevents.resolve.clusters import cluster_articles  # noqa: E402


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", help="a corpus with a 'story' field per line (default: built now)")
    args = parser.parse_args()
    rows = ([json.loads(line) for line in open(args.jsonl, encoding="utf-8")] if args.jsonl
            else dedup_corpus(load()))
    con = store.connect(":memory:")
    results = [ArticleResult(id=r["id"], article=Article(id=r["id"], text=r["text"], title=r.get("title"),
                                                         published=r.get("published"), source=r.get("source")))
               for r in rows]
    store.write_results(con, results)
    start = time.perf_counter()
    counts = cluster_articles(con)
    seconds = time.perf_counter() - start
    found: dict[str, list[str]] = {}
    for article_id, cluster_id in con.execute("SELECT id, cluster_id FROM articles").fetchall():
        found.setdefault(cluster_id, []).append(article_id)
    gold: dict[str, list[str]] = {}
    for r in rows:
        gold.setdefault(r["story"], []).append(r["id"])
    found_pairs, gold_pairs = pairs(found), pairs(gold)
    true = len(found_pairs & gold_pairs)
    precision = true / len(found_pairs) if found_pairs else 1.0
    recall = true / len(gold_pairs) if gold_pairs else 1.0
    kinds: dict[str, list[int]] = {}
    cluster_of = {a: c for c, members in found.items() for a in members}
    original = {r["story"]: r["id"] for r in rows if r.get("kind") == "original"}
    for r in rows:
        if r.get("kind") not in (None, "original"):
            hit = cluster_of[r["id"]] == cluster_of[original[r["story"]]]
            kinds.setdefault(r["kind"], []).append(int(hit))
    print(f"articles {len(rows)}  stories {len(gold)}  clusters {counts['clusters']}  "
          f"({seconds:.2f} s to sign and cluster, {len(rows) / seconds:.0f} articles/s)")
    print(f"pairs: gold {len(gold_pairs)}  found {len(found_pairs)}  true {true}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    print("copies joined to their original, by kind: "
          + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(kinds.items())))
    wrong = [p for p in found_pairs - gold_pairs][:5]
    for a, b in wrong:
        print(f"  false pair: {a}  {b}")


if __name__ == "__main__":
    main()
