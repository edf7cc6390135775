"""Cost of adding 100 articles to a store of 20,000 against adding them to an empty store: the
incremental corpus step (story clusters, corpus actors, merged events) should cost at most twice as
much on the big store.

    .venv/bin/python bench/incremental.py [--base 20000] [--new 100] [--repeat 3] [--full] [--rebuild]

The 100 new articles are real: the second half of the benchmark news (/work/shared/bench/news-200.jsonl)
run through the pipeline (that extraction is timed once and reported apart). The 20,000 stored
articles are synthesized, since extracting 20,000 articles takes hours on 2 cores: the records of
the first 100 benchmark articles, extracted once, are copied with new ids, texts whose words are
changed (so that copies are not near-duplicates of each other; one copy in ten is a near-duplicate
of the copy before it, so the store has clusters) and names whose surnames differ from one group
of ten copies to the next (so the store has many name groups, each seen in several articles). They
are written through the store's own writer, then clustered and resolved by the full corpus step.
The extracted records and the big store are kept under /tmp/incremental-bench (--rebuild: a new store).

Each timing is the median of --repeat runs, each on a fresh copy of the store: writing the 100
results (store.write_results), then the corpus step (resolve_corpus). --full also times the full
recomputation of the big store plus the 100 (what every `process` run cost before).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import BENCH  # noqa: E402
from newsevents import store  # noqa: E402
from newsevents.model import ArticleResult  # noqa: E402
from newsevents.scale import resolve_corpus  # noqa: E402

WORK = Path("/tmp/incremental-bench")
NAME_LABELS = ("PERSON", "ORG")


def extract(half: str) -> tuple[list[ArticleResult], float]:
    """The pipeline's results for one half of the benchmark news, and the seconds it took (cached)."""
    cache = WORK / f"extracted-{half}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsevents.pipeline import Pipeline
    from newsevents.read import read_paths

    documents = list(read_paths([str(BENCH)], "jsonl"))
    documents = documents[:100] if half == "first" else documents[100:200]
    pipeline = Pipeline(batch_size=32)
    start = time.perf_counter()
    results = [r for r in pipeline.run(documents) if r.error is None and r.article is not None]
    seconds = time.perf_counter() - start
    cache.write_bytes(pickle.dumps((results, seconds)))
    return results, seconds


def _renamed(name: str | None, suffix: str) -> str | None:
    """'Vladimir Putin' -> 'Vladimir Putinab': one surname per group of copies."""
    if not name:
        return name
    head, _, last = name.rpartition(" ")
    return f"{head} {last}{suffix}".strip()


def synthetic_copy(result: ArticleResult, n: int, rng: random.Random, previous_text: str | None) -> ArticleResult:
    """Copy `n` of a result: another id and text, names of its group of ten copies."""
    if previous_text is not None and rng.random() < 0.1:  # a near-duplicate of the copy before
        words = previous_text.split()
        words[rng.randrange(len(words))] = f"edited{n}"
    else:
        words = [f"{w}{n % 997}" if rng.random() < 0.5 else w for w in result.article.text.split()]
    text = " ".join(words)
    article_id = hashlib.sha1(f"{result.id}|{n}|{text[:50]}".encode()).hexdigest()[:16]
    group = n // 10
    suffix = chr(97 + group % 26) + chr(97 + (group // 26) % 26) + str(group // 676)
    day = f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"
    article = dataclasses.replace(result.article, id=article_id, text=text, published=day, cluster_id=None)
    entities = [dataclasses.replace(e, text=_renamed(e.text, suffix), canonical=_renamed(e.canonical, suffix))
                if e.label in NAME_LABELS else e for e in result.entities]
    events = [dataclasses.replace(
        e, source=e.source and dataclasses.replace(e.source, text=_renamed(e.source.text, suffix),
                                                   canonical=_renamed(e.source.canonical, suffix)),
        target=e.target and dataclasses.replace(e.target, text=_renamed(e.target.text, suffix),
                                                canonical=_renamed(e.target.canonical, suffix)))
        for e in result.events]
    return dataclasses.replace(result, id=article_id, article=article, entities=entities, events=events)


def build_base(size: int, rebuild: bool) -> Path:
    path = WORK / f"base-{size}.duckdb"
    if path.exists() and not rebuild:
        return path
    path.unlink(missing_ok=True)
    results, _ = extract("first")
    rng = random.Random(7)
    con = store.connect(path)
    start = time.perf_counter()
    batch: list[ArticleResult] = []
    previous: dict[int, str] = {}
    for n in range(size):
        k = n % len(results)
        copy = synthetic_copy(results[k], n // len(results), rng, previous.get(k))
        previous[k] = copy.article.text
        batch.append(copy)
        if len(batch) == 500:
            store.write_results(con, batch)
            batch = []
    store.write_results(con, batch)
    con.close()
    print(f"built {size} synthetic articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    start = time.perf_counter()
    resolve_corpus(str(path), full=True)
    print(f"full corpus step on {size} articles: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path


def add(base: Path | None, new: list[ArticleResult], name: str) -> tuple[float, float, dict]:
    """(seconds to write, seconds of the corpus step, its counts) for the new results on a copy of `base`."""
    path = WORK / f"{name}.duckdb"
    path.unlink(missing_ok=True)
    Path(str(path) + ".wal").unlink(missing_ok=True)
    if base is None:
        resolve_corpus(str(path))  # an empty store, its (empty) corpus state written
    else:
        shutil.copy(base, path)
    con = store.connect(path)
    start = time.perf_counter()
    store.write_results(con, new)
    written = time.perf_counter() - start
    con.close()
    start = time.perf_counter()
    counts = resolve_corpus(str(path))
    step = time.perf_counter() - start
    path.unlink()
    return written, step, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=20000, help="articles in the big store")
    parser.add_argument("--new", type=int, default=100, help="articles added (at most 100)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also time the full recomputation")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the big store anew (delete /tmp/incremental-bench to extract anew too)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    new, extraction = extract("second")
    new = new[:args.new]
    base = build_base(args.base, args.rebuild)
    add(None, new, "warm-up")  # imports and first-query costs, paid once by any process
    timings = {"empty": [], "big": []}
    for _ in range(args.repeat):
        timings["empty"].append(add(None, new, "empty"))
        timings["big"].append(add(base, new, "big"))
    print(f"adding {len(new)} articles (extraction: {extraction:.1f} s for them, "
          f"{len(new) / extraction:.1f} articles/s, the same for either store)")
    medians = {}
    for key, label in (("empty", "to an empty store"), ("big", f"to a store of {args.base}")):
        write = statistics.median(t[0] for t in timings[key])
        step = statistics.median(t[1] for t in timings[key])
        medians[key] = (write, step)
        print(f"  {label:>24}: write {write:.2f} s, corpus step {step:.2f} s "
              f"(runs: {', '.join(f'{t[1]:.2f}' for t in timings[key])}); counts {timings[key][-1][2]}")
    (w0, s0), (w1, s1) = medians["empty"], medians["big"]
    print(f"ratio big/empty: corpus step {s1 / s0:.2f}, write + corpus step {(w1 + s1) / (w0 + s0):.2f}, "
          f"extraction + write + corpus step {(extraction + w1 + s1) / (extraction + w0 + s0):.2f} (target <= 2.0)")
    if args.full:
        path = WORK / "full.duckdb"
        shutil.copy(base, path)
        con = store.connect(path)
        store.write_results(con, new)
        con.close()
        start = time.perf_counter()
        resolve_corpus(str(path), full=True)
        print(f"full recomputation of the store of {args.base} + {len(new)}: {time.perf_counter() - start:.1f} s")
        path.unlink()


if __name__ == "__main__":
    main()
