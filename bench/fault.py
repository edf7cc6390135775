"""Fault test: kill -9 a `newsevents process` run at a random point, rerun it, and check that
every article is stored exactly once with the same records as a clean run.

    .venv/bin/python bench/fault.py [--articles 24] [--workers 2] [--seed N] [--rounds 1]

The corpus is the first N benchmark articles cut to ~1,500 characters (written to /tmp). The
whole process group (parent and workers) gets SIGKILL, as in a power cut.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "news-200.jsonl"
CLI = [str(ROOT / ".venv" / "bin" / "python"), "-m", "newsevents", "process"]
ENV = dict(os.environ)
TABLES = ("articles", "entities", "quotes", "quantities", "dates", "places", "events",
          "clusters", "corpus_events", "actors")


def dump(db: str) -> dict[str, list[str]]:
    con = duckdb.connect(db, read_only=True)
    out = {}
    for table in TABLES:
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "processed_at"]
        rows = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {table}").fetchall()
        out[table] = sorted(map(repr, rows))
    con.close()
    return out


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(CLI + args, check=True, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def wait_for_commits(process: subprocess.Popen, wal: Path, commits: int) -> int:
    """Wait until the write-ahead log has grown `commits` times (or the run ended). Growth while
    the schema is created is not counted: counting starts after the log has been still for 3 s
    (the workers loading the model)."""
    seen, size, changed, counting = 0, None, time.perf_counter(), False
    while process.poll() is None and seen < commits:
        now = wal.stat().st_size if wal.exists() else None
        if now is not None and now != size:
            if counting and size is not None and now > size:
                seen += 1
            size, changed = now, time.perf_counter()
        elif size is not None and time.perf_counter() - changed > 3:
            counting = True
        time.sleep(0.05)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="newsevents-fault-"))
    # A snapshot of the code, so that the clean run and the killed runs run the same extractors
    # while others edit the checkout (PYTHONPATH comes before the editable install).
    shutil.copytree(ROOT / "src" / "newsevents", work / "code" / "newsevents",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = str(work / "code")
    corpus = work / "corpus.jsonl"
    with BENCH.open(encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as out:
        for _, line in zip(range(args.articles), f):
            doc = json.loads(line)
            out.write(json.dumps(dict(doc, text=doc["text"][:1500])) + "\n")
    common = [str(corpus), "--workers", str(args.workers), "--batch-size", str(args.batch_size)]
    clean = str(work / "clean.duckdb")
    seconds = run(common + ["--db", clean])
    expected = dump(clean)
    print(f"clean run: {len(expected['articles'])} articles, {len(expected['events'])} events in {seconds:.1f} s")
    failures = 0
    for n in range(args.rounds):
        db = str(work / f"killed-{n}.duckdb")
        process = subprocess.Popen(CLI + common + ["--db", db], stderr=subprocess.DEVNULL, start_new_session=True,
                                   env=ENV)
        # kill after a random number of committed batches (each commit grows the write-ahead log),
        # plus a random fraction of a second: mid-batch, mid-commit or between batches
        commits = wait_for_commits(process, Path(db + ".wal"), rng.randint(1, max(1, args.articles // args.batch_size - 2)))
        time.sleep(rng.uniform(0, 2))
        killed = process.poll() is None
        if killed:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        con = duckdb.connect(db, read_only=True)
        committed = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        run(common + ["--db", db])
        got = dump(db)
        con = duckdb.connect(db, read_only=True)
        once = con.execute("SELECT count(*) = count(DISTINCT id) FROM articles").fetchone()[0]
        con.close()
        same = got == expected
        failures += not (same and once)
        differing = [t for t in TABLES if got[t] != expected[t]]
        print(f"round {n + 1}: {'killed' if killed else 'finished before'} kill -9 after {commits} commits, "
              f"{committed} articles committed; after rerun: {len(got['articles'])} articles, "
              f"each once: {once}; same records as the clean run: {same}"
              + (f" (differ: {', '.join(differing)})" if differing else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
