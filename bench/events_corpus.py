"""Events on the 200-article benchmark corpus: per article, per type, and a seeded sample to check by hand.

usage: .venv/bin/python bench/events_corpus.py [CORPUS.jsonl] [--sample 20] [--seed 7] [--limit N]
Prints events per article (distribution), counts per PLOVER type (fact / negated / hypothetical /
reported), the time spent in the event stage against the whole extraction, and SAMPLE random
coded events (seeded) with sentence, type, trigger, source and target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsevents import pipeline as pipeline_module  # noqa: E402
from newsevents.pipeline import Pipeline  # noqa: E402
from newsevents.read import read_paths  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "news-200.jsonl"


def _actor(actor) -> str:
    if actor is None:
        return "-"
    return f"{actor.text} [{actor.country or '?'} {actor.sector or '?'}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    # Time the event stage inside the real pipeline by wrapping it.
    spent = {"events": 0.0}
    stages = pipeline_module.STAGES
    index = next(i for i, (name, _) in enumerate(stages) if name == "events")
    extract = stages[index][1]

    def timed(ctx):
        started = time.perf_counter()
        try:
            return extract(ctx)
        finally:
            spent["events"] += time.perf_counter() - started

    stages[index] = ("events", timed)
    pipe = Pipeline()
    started = time.perf_counter()
    results = []
    for i, result in enumerate(pipe.run(read_paths([args.corpus], "jsonl"))):
        if args.limit and i >= args.limit:
            break
        results.append(result)
    total = time.perf_counter() - started

    ok = [r for r in results if r.error is None and r.article is not None]
    per_article = [len(r.events) for r in ok]
    print(f"articles: {len(results)} ({len(results) - len(ok)} failed); events: {sum(per_article)}")
    for r in results:
        if r.error is not None:
            print(f"  failed: {r.id}: {r.error[:200]}")
    if per_article:
        print(f"events per article: mean {statistics.mean(per_article):.1f}, median {statistics.median(per_article)},"
              f" max {max(per_article)}, articles with none {sum(1 for n in per_article if n == 0)}")
    print(f"time: {total:.1f}s for the whole extraction, {spent['events']:.2f}s in the event stage "
          f"({100 * spent['events'] / total:.1f}%)")

    kinds: dict[str, Counter] = {}
    for r in ok:
        for e in r.events:
            c = kinds.setdefault(e.type, Counter())
            c["all"] += 1
            c["negated"] += e.negated
            c["hypothetical"] += e.hypothetical
            c["reported"] += e.reported_by is not None
            c["with source country"] += bool(e.source and e.source.country)
    print("\ntype        all  negated  hypothetical  reported  with-source-country")
    for type_, c in sorted(kinds.items(), key=lambda kv: -kv[1]["all"]):
        print(f"{type_:10} {c['all']:4} {c['negated']:8} {c['hypothetical']:13} {c['reported']:9} "
              f"{c['with source country']:20}")

    events = [(r.id, e) for r in ok for e in r.events if not e.negated and not e.hypothetical]
    rng = random.Random(args.seed)
    sample = rng.sample(events, min(args.sample, len(events)))
    print(f"\n{len(sample)} random factual events (seed {args.seed}):")
    for n, (doc_id, e) in enumerate(sample, 1):
        print(f"\n#{n} {doc_id} sentence {e.sentence_index}: {e.sentence.strip()[:300]}")
        print(f"   {e.type}/{e.mode or '-'} cameo {e.cameo} trigger {e.text!r} conf {e.confidence}")
        print(f"   source {_actor(e.source)} -> target {_actor(e.target)}"
              f"{'  reported by ' + _actor(e.reported_by) if e.reported_by else ''}")
        print(f"   date {e.date} place {e.place.text if e.place else '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
