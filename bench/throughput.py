"""Throughput of `newsevents process` beside spaCy alone (same model, same texts, same run).

    .venv/bin/python bench/throughput.py [--corpus /work/shared/bench/news-200.jsonl] [--workers 1 2]
                                         [--rounds 3]

For each worker count N it times, end to end in fresh processes (start-up and model loading
included in both): spaCy alone, `nlp.pipe(texts, n_process=N)` over the cleaned article texts;
then the whole pipeline into a new store, `newsevents process --workers N`. Prints articles/s,
words/s, peak RSS of the process tree, and the pipeline/spaCy ratio. The machine's load average
is printed too: on a shared machine the figures move with it.

On a shared virtual machine the speed of a core drifts by 20% or more from one minute to the
next, so with --rounds R the two runs alternate R times (spaCy, pipeline, spaCy, pipeline, ...):
each round's ratio compares runs a minute apart, and the median ratio is the figure to quote.
The ratio of the two fastest runs is printed beside it: noise only ever slows a run down.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import CLI, ROOT, run_measured  # noqa: E402
from newsevents.clean import prepare_article  # noqa: E402
from newsevents.model import Document  # noqa: E402
from newsevents.nlp import MODEL_NAME  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "news-200.jsonl"
SPACY_ALONE = """
import json, sys, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(sys.argv[2])
nlp.max_length = 2_000_001
n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[3])))
assert n == len(texts)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(BENCH))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two runs this many times")
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    texts = [prepare_article(Document(id=d["id"], text=d.get("text"), html=d.get("html"),
                                      published=d.get("published"))).text for d in docs]
    words = sum(len(t.split()) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="newsevents-throughput-"))
    (work / "texts.json").write_text(json.dumps(texts))
    print(f"{len(texts)} articles, {words} words; model {MODEL_NAME}; load average at start "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'run':<44}{'seconds':>8}{'articles/s':>11}{'words/s':>9}{'CPU s':>7}{'words/CPU s':>12}"
          f"{'peak RSS':>10}")

    def line(name: str, seconds: float, cpu: float, peak: int) -> None:
        print(f"{name:<44}{seconds:>8.1f}{len(texts) / seconds:>11.2f}{words / seconds:>9.0f}{cpu:>7.0f}"
              f"{words / cpu:>12.0f}{peak / 2**20:>9.0f}M", flush=True)

    for n in args.workers:
        ratios = []
        fastest = (float("inf"), float("inf"))  # (spaCy, pipeline): the machine only ever slows a run down
        for round_number in range(1, args.rounds + 1):
            suffix = f" (round {round_number})" if args.rounds > 1 else ""
            spacy_s, spacy_peak, _, err, spacy_cpu = run_measured(
                [sys.executable, "-c", SPACY_ALONE, str(work / "texts.json"), MODEL_NAME, str(n)])
            line(f"spaCy alone, {n} process{'es' if n > 1 else ''}{suffix}", spacy_s, spacy_cpu, spacy_peak)
            db = work / f"w{n}-{round_number}.duckdb"
            command = [CLI, "process", args.corpus, "--db", str(db)] + (["--workers", str(n)] if n > 1 else [])
            pipe_s, pipe_peak, _, err, pipe_cpu = run_measured(command)
            line(f"newsevents process, {n} worker{'s' if n > 1 else ''}{suffix}", pipe_s, pipe_cpu, pipe_peak)
            ratios.append(spacy_s / pipe_s)
            fastest = (min(fastest[0], spacy_s), min(fastest[1], pipe_s))
            print(f"  pipeline / spaCy with {n}: wall-clock throughput {spacy_s / pipe_s:.2f}, "
                  f"per CPU second {spacy_cpu / pipe_cpu:.2f}  (load average now {os.getloadavg()[0]:.1f})",
                  flush=True)
        if args.rounds > 1:
            print(f"  pipeline / spaCy with {n}, median of {args.rounds} rounds: {statistics.median(ratios):.2f} "
                  f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}); fastest runs {fastest[0]:.1f} s and "
                  f"{fastest[1]:.1f} s: {fastest[0] / fastest[1]:.2f}", flush=True)


if __name__ == "__main__":
    main()
