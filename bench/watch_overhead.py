"""Per-round overhead of `watch` when nothing is new: 50 sources on 50 local hosts (127.0.0.1, one port
each), each listing articles already stored. Prints the round times: the overhead beyond extraction
(nothing is extracted in these rounds), for feeds that answer 304 to a conditional GET and for feeds
that ignore validators (full 200 answers, parsed and looked up), and `watch --once` as cron runs it.

    .venv/bin/python bench/watch_overhead.py [--sources 50] [--items 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from news_site import NewsSite  # noqa: E402
from newsevents.live import FetchConfig, Watcher  # noqa: E402


def build_sites(stack: ExitStack, count: int, items: int) -> list[NewsSite]:
    sites = []
    for _ in range(count):
        site = stack.enter_context(NewsSite())
        site.set("/robots.txt", "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
        for number in range(items):
            site.article(f"/news/{number}", number % 2)  # two texts in all: the first round extracts two articles
        sites.append(site)
    return sites


def publish(sites: list[NewsSite], items: int, validators: bool, title: str = "Local desk") -> None:
    for site in sites:
        site.rss("/feed.xml", title, [{"path": f"/news/{n}"} for n in range(items)], validators=validators)


def rounds(db: str, sources: list[str], count: int, before=None) -> list[float]:
    """A fresh Watcher per round, as a cron run would be (the per-host pace starts afresh)."""
    seconds = []
    for number in range(count):
        if before:
            before(number)
        watcher = Watcher(db, sources, FetchConfig(), log=lambda line: None)
        report = watcher.run_round()
        watcher.close()
        assert report.stored == 0 and report.failed == 0, report
        seconds.append(report.seconds - report.extract_seconds)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--items", type=int, default=20, help="articles listed by each feed")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        sites = build_sites(stack, args.sources, args.items)
        sources = [site.url("/feed.xml") for site in sites]
        db = str(Path(tmp) / "overhead.duckdb")
        publish(sites, args.items, validators=True)
        started = time.perf_counter()
        first = Watcher(db, sources, FetchConfig(delay=0.0, per_host=4), log=lambda line: None)
        report = first.run_round()
        first.close()
        print(f"first round (stores {args.sources * args.items} links, {report.stored} distinct texts): "
              f"{time.perf_counter() - started:.1f} s, extraction {report.extract_seconds:.1f} s")

        conditional = rounds(db, sources, args.rounds)
        publish(sites, args.items, validators=False)
        full = rounds(db, sources, args.rounds)
        # the feed's bytes change every round (a build date, say) but list nothing new: every feed is parsed
        changing = rounds(db, sources, args.rounds,
                          lambda n: publish(sites, args.items, validators=False, title=f"Local desk, edition {n}"))
        publish(sites, args.items, validators=True)
        rounds(db, sources, 1)  # the sources' validators again
        cron = []
        for _ in range(max(2, args.rounds // 2)):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "newsevents", "watch", *sources, "--db", db, "--once"],
                           check=True, capture_output=True)
            cron.append(time.perf_counter() - started)

    def line(name: str, values: list[float]) -> str:
        return (f"{name}: median {statistics.median(values):.3f} s, max {max(values):.3f} s "
                f"over {len(values)} rounds")

    print(f"{args.sources} sources x {args.items} known articles, nothing new, default politeness "
          "(1 s per host, 8 connections)")
    print(line("round, feeds answer 304 (conditional GET)", conditional))
    print(line("round, feeds answer 200, same bytes (no validators)", full))
    print(line("round, feeds answer 200, new bytes, nothing new in them (all parsed)", changing))
    print(line("`watch --once` process, start to exit (cron)", cron))


if __name__ == "__main__":
    main()
