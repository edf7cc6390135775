"""Peak memory of `newsevents process` (the whole process tree: parent and workers) on a corpus.

    .venv/bin/python bench/memory.py /work/shared/bench/news-200.jsonl --workers 2
    .venv/bin/python bench/make_corpus.py scale /tmp/news-20000 --copies 100
    .venv/bin/python bench/memory.py /tmp/news-20000 --workers 2 [--max-seconds 900]

Prints the peak resident memory (sum over the tree, sampled every 0.2 s) and how it grew: with
streaming (lazy reading, bounded chunks in flight, batched writes) it stays flat however many
articles go through. --max-seconds stops the run with Ctrl-C (SIGINT) and reports what was done.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CLI = str(ROOT / ".venv" / "bin" / "newsevents")


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(args: list[str], max_seconds: float | None = None,
                 every: float = 0.2) -> tuple[float, int, list[tuple[float, int]], str, float]:
    """Run a command; returns (seconds, peak tree RSS, samples (t, rss) every ~10 s, stderr,
    CPU seconds of the whole tree: every process the command waited for is counted)."""
    cpu_before = cpu_of_children()
    start = time.perf_counter()
    err = tempfile.TemporaryFile()
    # Ctrl-C must reach the command even when this script runs in the background (where the shell
    # ignores SIGINT and children inherit that)
    process = subprocess.Popen(args, stderr=err, stdout=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    ps = psutil.Process(process.pid)
    peak, samples, last, interrupted = 0, [], 0.0, 0.0
    while process.poll() is None:
        rss = tree_rss(ps)
        peak = max(peak, rss)
        now = time.perf_counter() - start
        if now - last >= 10:
            samples.append((now, rss))
            last = now
        if max_seconds and now > max_seconds:
            os.kill(process.pid, signal.SIGINT)
            max_seconds = None
            interrupted = now
        if interrupted and now - interrupted > 120:  # Ctrl-C not heeded: the run is stuck
            process.kill()
        time.sleep(every)
    seconds = time.perf_counter() - start
    err.seek(0)
    return seconds, peak, samples, err.read().decode(errors="replace"), cpu_of_children() - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float)
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp(prefix="newsevents-memory-")) / "bench.duckdb"
    seconds, peak, samples, stderr, cpu = run_measured(
        [CLI, "process", args.corpus, "--db", str(db), "--workers", str(args.workers)], args.max_seconds)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    summary = re.findall(r"^\d+ articles stored.*$|interrupted.*$", stderr, re.M)
    print(f"corpus {args.corpus}  workers {args.workers}  load average {os.getloadavg()[0]:.1f}")
    print(f"{stored} articles stored in {seconds:.0f} s ({stored / seconds:.2f} articles/s); "
          f"peak RSS of the process tree {peak / 2**20:.0f} MiB; {cpu:.0f} CPU seconds")
    print("RSS over time: " + ", ".join(f"{t:.0f}s {rss / 2**20:.0f}M" for t, rss in samples))
    if summary:
        print("process said: " + summary[-1])


if __name__ == "__main__":
    main()
